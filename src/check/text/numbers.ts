/** Swedish numbers in running text: digits with space or NBSP groups and decimal comma, and number words. */
export const NUMBER_WORDS: Record<string, number> = {
  två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12,
  tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18, nitton: 19, tjugo: 20,
};

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
