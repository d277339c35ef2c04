/**
 * Exact decimal arithmetic for the cached results of the workbook's formulas. Published figures
 * have few decimals; summing them as scaled integers gives the decimal result (554,9, not
 * 554,9000000000001), which is what Excel shows and what LibreOffice recalculates to within
 * floating-point noise.
 */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(x)));
  if (!m) return 15;
  return Math.max(0, Math.min(15, (m[2]?.length ?? 0) - (m[3] ? Number(m[3]) : 0)));
}

export interface Term {
  sign: 1 | -1;
  value: number;
}

/** Σ sign·value, exact in decimal when the scaled values fit in a safe integer. */
export function exactSum(terms: readonly Term[]): number {
  const k = Math.max(0, ...terms.map((t) => decimalsOf(t.value)));
  const scale = 10 ** k;
  let n = 0;
  let exact = true;
  for (const t of terms) {
    const i = Math.round(t.value * scale);
    if (!Number.isSafeInteger(i)) exact = false;
    n += t.sign * i;
  }
  const r = exact && Number.isSafeInteger(n) ? n / scale : terms.reduce((s, t) => s + t.sign * t.value, 0);
  return r === 0 ? 0 : r; // no negative zero
}
