import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatNumber } from '../../format/number.js';
import type { Dokument, Fakt, TabellBlock } from '../../model/dokument.js';
import { parseExpression } from '../../validate/report-semantics.js';
import type { CheckRule } from '../run-checks.js';
import { halfUnit, nearlyEqual } from '../interval.js';

export interface RuleCell {
  /** The cell the rule computes. */
  target: Fakt;
  /** The published value and the recomputed one. */
  published: number;
  computed: number;
  /** The terms with their signs, in the rule's order. */
  terms: { sign: 1 | -1; fakt: Fakt | undefined }[];
  /** n terms × half a unit of the last decimal. */
  bound: number;
  expression: string;
}

/** Numbers a rule can use: blank and dash count as 0, as in the publications' sums; I.U. cannot be summed. */
export function numericValue(f: Fakt | undefined): number | undefined {
  if (!f) return 0;
  if (f.cell.typ === 'tal') return f.cell.tal;
  if (f.cell.typ === 'tom' || f.cell.typ === 'streck') return 0;
  return undefined;
}

const factAt = (d: Dokument, t: TabellBlock, rowId: string, colId: string): Fakt | undefined => d.fakta.get(`${t.id}/${rowId}/${colId}`);

/** Every cell a table's declared rules compute, with the published and recomputed values. */
export function evaluateRules(d: Dokument, t: TabellBlock): RuleCell[] {
  const out: RuleCell[] = [];
  for (const rule of t.regler) {
    const terms = parseExpression(rule.är);
    const pairs: { row: string; col: string; termAt: (id: string) => [string, string] }[] = [];
    if (rule.rad !== undefined) {
      for (const c of t.kolumner) if (!rule.kolumner || rule.kolumner.includes(c.id)) pairs.push({ row: rule.rad, col: c.id, termAt: (id) => [id, c.id] });
    } else {
      for (const r of t.rader) if (r.roll !== 'grupp' && (!rule.rader || rule.rader.includes(r.id))) pairs.push({ row: r.id, col: rule.kolumn!, termAt: (id) => [r.id, id] });
    }
    for (const p of pairs) {
      const target = factAt(d, t, p.row, p.col);
      if (!target || target.cell.typ !== 'tal') continue;
      const resolved = terms.map((term) => ({ sign: term.sign, fakt: factAt(d, t, ...p.termAt(term.id)) }));
      const values = resolved.map((r) => numericValue(r.fakt));
      if (values.some((v) => v === undefined)) continue;
      // A rule over an all-blank row (e.g. a plan year without specification) says nothing.
      if (resolved.every((r) => !r.fakt || r.fakt.cell.typ !== 'tal')) continue;
      const computed = values.reduce<number>((s, v, i) => s + resolved[i]!.sign * v!, 0);
      const decimals = Math.max(target.decimaler, ...resolved.map((r) => r.fakt?.decimaler ?? 0));
      out.push({ target, published: target.cell.tal, computed, terms: resolved, bound: resolved.length * halfUnit(decimals), expression: rule.är });
    }
  }
  return out;
}

export function describeCell(f: Fakt): string {
  return `${f.tabell}: "${f.radEtikett}", ${f.kolumnRubrik}`;
}

export const tableRules: CheckRule = {
  id: 'tabell-regel',
  run(d) {
    const fynd: Diagnostic[] = [];
    for (const t of d.tabeller) {
      for (const rc of evaluateRules(d, t)) {
        const diff = rc.published - rc.computed;
        if (nearlyEqual(diff, 0)) continue;
        const dec = rc.target.decimaler;
        const fmt = (v: number): string => formatNumber(v, dec);
        const base = `${describeCell(rc.target)}: publicerat ${fmt(rc.published)}, enligt regeln ${rc.expression} blir det ${fmt(rc.computed)} (skillnad ${fmt(diff)} ${rc.target.enhet})`;
        const ratio = rc.computed !== 0 ? rc.published / rc.computed : 0;
        const thousand = Math.abs(Math.abs(ratio) - 1000) / 1000 < 0.01 || Math.abs(Math.abs(ratio) - 0.001) / 0.001 < 0.01;
        const within = Math.abs(diff) <= rc.bound + 1e-9;
        fynd.push({
          allvarlighet: within ? 'info' : 'fel',
          regel: within ? 'tabell-regel-avrundning' : 'tabell-regel',
          meddelande: thousand ? `${base}; värdet är tusen gånger fel (tkr i en mnkr-tabell?)` : within ? `${base}; inom avrundning (högst ${formatNumber(rc.bound, dec + 1)})` : base,
          ...(rc.target.plats ? { plats: rc.target.plats } : {}),
          fakta: [rc.target.id, ...rc.terms.flatMap((x) => (x.fakt ? [x.fakt.id] : []))],
        });
      }
    }
    return { fynd };
  },
};
