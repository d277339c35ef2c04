/** Interval arithmetic for published, rounded figures. */
export interface Interval {
  lo: number;
  hi: number;
}

import { halfUnit } from '../core/format/number.js';

export { halfUnit };

export const around = (v: number, decimals: number): Interval => ({
  lo: v - halfUnit(decimals),
  hi: v + halfUnit(decimals),
});

export const contains = (i: Interval, v: number, eps = 1e-9): boolean => v >= i.lo - eps && v <= i.hi + eps;

export const nearlyEqual = (a: number, b: number, decimals = 6): boolean => Math.abs(a - b) < 10 ** -decimals;
