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
