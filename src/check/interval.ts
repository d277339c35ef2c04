/** Interval arithmetic for published, rounded figures. */
export interface Interval {
  lo: number;
  hi: number;
}

/** Half a unit of the last decimal: what rounding to `decimals` can have hidden. */
export const halfUnit = (decimals: number): number => 0.5 * 10 ** -decimals;

export const around = (v: number, decimals: number): Interval => ({ lo: v - halfUnit(decimals), hi: v + halfUnit(decimals) });

export const contains = (i: Interval, v: number, eps = 1e-9): boolean => v >= i.lo - eps && v <= i.hi + eps;

/** Rounds like the publications do (half away from zero), avoiding binary drift. */
export function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9)) / f;
}

export const nearlyEqual = (a: number, b: number, decimals = 6): boolean => Math.abs(a - b) < 10 ** -decimals;
