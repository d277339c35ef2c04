import type { Dokument, TabellRad } from '../../../core/model/dokument.js';
import { parseExpression } from '../../../core/expression.js';
import type { Candidate } from './candidates.js';
import type { Lexikon } from '../../lexikon.js';

/**
 * The sign a cell's own label gives it: a declared uppgift named "…, väntat överskott", a row
 * "Intern ränta (höjs från 1 % till 2 %)". Only a label whose sign words all point one way says
 * anything ("Överskott/underskott" does not).
 */
export function signInLabel(label: string, lex: Lexikon): 'positiv' | 'negativ' | undefined {
  const lower = label.toLowerCase();
  const positive = lower.search(lex.positiv) >= 0;
  const negative = lower.search(lex.negativ) >= 0;
  if (positive === negative) return undefined;
  return positive ? 'positiv' : 'negativ';
}

/**
 * The direction a confirmed cell gives the figure: its label's own sign words, or, for a change
 * (a specification row of budget changes, or a cell whose label names a change: "Tjänstepriserna,
 * lägsta förändring"), the sign of its value. Undefined where neither says anything.
 */
export function directionOf(
  c: { label: string; value: number; specification: boolean; labelFigure: boolean },
  lex: Lexikon,
): 'positiv' | 'negativ' | undefined {
  const named = signInLabel(c.label, lex);
  if (named || c.labelFigure || Math.abs(c.value) < 1e-9) return named;
  if (c.specification || lex.förändring.test(c.label.toLowerCase())) return c.value > 0 ? 'positiv' : 'negativ';
  return undefined;
}

export const signName = (r: 'positiv' | 'negativ'): string =>
  r === 'positiv' ? 'positivt (överskott/ökning)' : 'negativt (underskott/minskning)';

/**
 * Which sign of an avvikelse in this cell means a surplus (1: positive, −1: negative, 0: unknown).
 * A column rule that computes the row's avvikelse as budget − utfall/prognos says positive; so does
 * utfall/prognos − budget where the row's budget is negative (net costs printed as negative
 * amounts: spending less gives a positive deviation). Where that budget is 0, the row's own
 * "varav kostnader" says how its costs are printed: positive costs make a negative deviation the
 * surplus. A reversed rule on a positive budget (income rows, or rows printed with inverted sign)
 * leaves the meaning to the row, so the sign words are not checked.
 */
export function surplusIsPositive(c: Candidate, d: Dokument): 1 | -1 | 0 {
  const t = c.tabell;
  const k = c.kolumn;
  if (!t || !k) return 0;
  const rule = t.regler.find((r) => r.kolumn === k.id && (!r.rader || r.rader.includes(c.fakt.rad)));
  if (!rule) return 1;
  const budget = parseExpression(rule.är).find((x) =>
    ['budget', 'ram'].includes(t.kolumner.find((col) => col.id === x.id)?.mått ?? ''),
  );
  if (budget?.sign === 1) return 1;
  if (budget?.sign !== -1) return 0;
  const at = t.rader.findIndex((r) => r.id === c.fakt.rad);
  const valueAt = (r: TabellRad | undefined, col: string): number | undefined => {
    const id = r?.celler[t.kolumner.findIndex((x) => x.id === col)];
    const cell = id ? d.fakta.get(id)?.cell : undefined;
    return cell?.typ === 'tal' ? cell.tal : undefined;
  };
  const own = valueAt(t.rader[at], budget.id);
  if (own !== undefined && own < 0) return 1;
  if (own !== 0) return 0;
  const row = t.rader[at]!;
  const children = t.rader.slice(at + 1);
  const end = children.findIndex((r) => r.nivå <= row.nivå);
  const costs = (end < 0 ? children : children.slice(0, end)).find(
    (r) => r.roll === 'varav' && r.varav === 'kostnader',
  );
  const costBudget = t.kolumner
    .filter((x) => x.mått === 'budget' || x.mått === 'prognos' || x.mått === 'utfall')
    .map((x) => valueAt(costs, x.id))
    .find((v) => v !== undefined && v !== 0);
  return costBudget === undefined ? 0 : costBudget > 0 ? -1 : 1;
}
