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

export const signName = (r: 'positiv' | 'negativ'): string =>
  r === 'positiv' ? 'positivt (överskott/ökning)' : 'negativt (underskott/minskning)';
