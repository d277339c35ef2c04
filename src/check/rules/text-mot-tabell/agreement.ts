import { convertAmount, decimalsInUnit, exactSum, roundHalfAway as roundTo } from '../../../core/format/number.js';
import type { TabellKolumn } from '../../../core/model/dokument.js';
import type { Verdikt } from '../../../core/model/kontroll.js';
import { contains, halfUnit } from '../../interval.js';
import type { TextAmount } from '../../text/amounts.js';
import { labelStems, mentionScore } from '../../text/context.js';
import { MONEY, type Candidate } from './candidates.js';
import type { Scored } from './scoring.js';

/** A value of about the written figure's size: 0,4 to 2,5 times it, as a slip of a digit gives. */
export function nearSize(v: number, written: number): boolean {
  const r = Math.abs(v) / Math.max(Math.abs(written), 1e-9);
  return r >= 0.4 && r <= 2.5;
}

export function inUnit(c: Candidate, unit: string): number | undefined {
  if (c.unit === 'procentenheter') return unit === 'procentenheter' ? c.value : undefined;
  if (c.relation?.procent) return unit === '%' ? c.value : undefined;
  // Percentage points are a difference of percentages: only a derived change can be one.
  if (unit === 'procentenheter') return c.unit === '%' && c.derived ? c.value : undefined;
  if (unit === '%') return c.unit === '%' ? c.value : undefined;
  if (!MONEY.has(c.unit)) return undefined;
  return convertAmount(c.value, c.unit, unit);
}

/** The candidate's printed precision in the text's unit (0 decimals in tkr = 3 in mnkr). */
export function decimalsIn(c: Candidate, unit: string): number {
  if (unit === '%' || unit === 'procentenheter') return c.decimals;
  return decimalsInUnit(c.decimals, c.unit, unit);
}

/**
 * Does the written figure say the candidate's value? Printed with the same decimals they must be
 * equal; with different decimals the finer one, rounded to the coarser precision, must give the
 * coarser one ("667 mnkr" for 666,8). A hedge ("drygt 12 mnkr") states its own range.
 */
export function agreement(a: TextAmount, v: number, decimals: number): Verdikt | undefined {
  const written = a.sign === -1 ? -a.value : a.value;
  const target = a.sign === -1 ? v : Math.abs(v);
  if (a.hedge) {
    const i = a.sign === -1 ? { lo: -a.interval.hi, hi: -a.interval.lo } : a.interval;
    return contains(i, target, halfUnit(decimals)) ? 'stämmer' : undefined;
  }
  const coarse = Math.min(a.decimals, decimals);
  // Far apart in binary is far apart in decimal: the exact rounding runs only on near values.
  if (Math.abs(target - written) > 10 ** -coarse) return undefined;
  if (roundTo(target, coarse) !== roundTo(written, coarse)) return undefined;
  // The text rounding a finer cell correctly says what the cell says; a text finer than the cell
  // ("666,8 mnkr" against 667 mnkr) can only be confirmed within the cell's rounding.
  return a.decimals <= decimals ? 'stämmer' : 'stämmer inom avrundning';
}

/** The rows of the pointed cell's column that the figure's own clause (up to the next figure) names, if there are several and their total agrees with the text. */
export function namedRowsTotal(
  pointed: Scored,
  byColumn: Map<TabellKolumn, Candidate[]>,
  a: TextAmount,
  clause: string,
): { rows: Candidate[]; verdikt: Verdikt } | undefined {
  const t = pointed.c.tabell;
  const k = pointed.c.kolumn;
  if (!t || !k) return undefined;
  const rows = (byColumn.get(k) ?? []).filter(
    (c) => c.tabell === t && mentionScore(labelStems(c.fakt.radEtikett), clause) >= 0.5,
  );
  if (rows.length < 2) return undefined;
  const total = exactSum(rows.map((c) => ({ sign: 1 as const, value: c.value })));
  const v = inUnit({ ...pointed.c, value: total }, a.unit);
  const verdikt = v === undefined ? undefined : agreement(a, v, Math.min(...rows.map((c) => decimalsIn(c, a.unit))));
  return verdikt ? { rows, verdikt } : undefined;
}
