import { standardLexikon } from '../lexikon.js';

/** Swedish numbers in running text: digits with space or NBSP groups and decimal comma, and number words. */
/** The lexicon's number words from two up ("ett uppdrag" is an article more often than a count). */
export const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  Object.entries(standardLexikon().talord).filter(([, n]) => n >= 2),
);

/** `1 835` / `1 835` / `12,8` / `−3,0`: value and decimals as written. */
export function parseSwedishNumber(s: string): { value: number; decimals: number } | undefined {
  const m = /^([−-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?$/.exec(s.trim());
  if (!m) return undefined;
  const int = m[2]!.replace(/[ \u00a0\u202f]/g, '');
  const frac = m[3] ?? '';
  const value = Number(`${int}${frac ? `.${frac}` : ''}`) * (m[1] ? -1 : 1);
  return { value, decimals: frac.length };
}

/** The number pattern used in text scans (no lookbehind for letters: "Q4", "A3" are codes). */
export const NUMBER_IN_TEXT = /(?<![\p{L}\d,.:/\-–])([−-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d+)(?:,(\d+))?/gu;
