import { roundHalfAway } from '../../core/format/number.js';

/** A value axis with round ticks; it always includes zero, since bars start at zero. */
export interface Scale {
  min: number;
  max: number;
  step: number;
  /** Decimals the tick labels need (0 for steps of 1, 10, 50 …; 1 for 0.5; 2 for 0.25 …). */
  decimals: number;
  ticks: number[];
}

const STEPS = [1, 2, 2.5, 5];

/**
 * The "nice" scale over the data and zero with at most `maxIntervals` intervals: a step of
 * 1, 2, 2.5 or 5 times a power of ten, bounds on whole steps.
 */
export function niceScale(values: readonly number[], maxIntervals: number): Scale {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (lo === hi) hi = 1;
  const n = Math.max(1, Math.floor(maxIntervals));
  const raw = (hi - lo) / n;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const eps = 1e-9;
  // Always assigned by the search below (it ends once a step fits).
  let step: number;
  let first: number;
  let last: number;
  search: for (let mag = magnitude; ; mag *= 10) {
    for (const m of STEPS) {
      step = m * mag;
      first = Math.floor(lo / step + eps);
      last = Math.ceil(hi / step - eps);
      if (last - first <= n) break search;
    }
  }
  const decimals = decimalsOf(step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(round(i * step, decimals));
  lo = ticks[0] ?? 0;
  hi = ticks[ticks.length - 1] ?? 1;
  return { min: lo, max: hi, step: round(step, decimals), decimals, ticks };
}

function decimalsOf(step: number): number {
  for (let d = 0; d < 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 12;
}

/** Rounds to `decimals` and never returns −0. */
function round(v: number, decimals: number): number {
  return roundHalfAway(v, decimals);
}

/** Maps a value on the scale to a pixel position between `from` (at min) and `to` (at max). */
export function project(scale: Scale, value: number, from: number, to: number): number {
  return from + ((value - scale.min) / (scale.max - scale.min)) * (to - from);
}
