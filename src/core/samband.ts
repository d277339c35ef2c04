import { convertAmount, decimalsInUnit, roundHalfAway as roundTo } from './format/number.js';
import type { Fakt, TabellBlock, TabellKolumn } from './model/dokument.js';

/**
 * Which cells of two tables show the same amount (a declared `samband`), and whether they agree:
 * the samband check and the workbook's Kontroll sheet use the same answer.
 */
const sameMeasure = (a: TabellKolumn, b: TabellKolumn): boolean =>
  a.mått === b.mått &&
  a.år === b.år &&
  (a.period ?? '') === (b.period ?? '') &&
  (a.delmått ?? '') === (b.delmått ?? '');

/** Column pairs of two tables: explicit mapping first, then equal ids, then equal measure and year. */
export function pairColumns(
  ta: TabellBlock,
  tb: TabellBlock,
  explicit: Record<string, string> = {},
): [string, string][] {
  const out: [string, string][] = [];
  for (const a of ta.kolumner) {
    const b = explicit[a.id]
      ? tb.kolumner.find((k) => k.id === explicit[a.id])
      : (tb.kolumner.find((k) => k.id === a.id) ?? tb.kolumner.find((k) => sameMeasure(a, k)));
    if (b) out.push([a.id, b.id]);
  }
  return out;
}

export interface Comparison {
  a: Fakt;
  b: Fakt;
  verdict: 'lika' | 'inom avrundning' | 'olika' | 'tusenfel';
}

/**
 * Compares two published figures of the same amount in possibly different units: the more
 * precise one, converted and rounded to the other's precision, must equal it.
 */
export function compareFacts(a: Fakt, b: Fakt): Comparison | undefined {
  if (a.cell.typ !== 'tal' || b.cell.typ !== 'tal') return undefined;
  const bInA = convertAmount(b.cell.tal, b.enhet, a.enhet);
  if (bInA === undefined) return undefined;
  const va = a.cell.tal;
  // Both in a's unit, each at its own printed precision: equal precisions must agree exactly;
  // otherwise the finer one, rounded to the coarser precision, must give the coarser one.
  const bDecInA = decimalsInUnit(b.decimaler, b.enhet, a.enhet);
  const coarse = Math.min(a.decimaler, bDecInA);
  if (roundTo(va, Math.max(a.decimaler, bDecInA)) === roundTo(bInA, Math.max(a.decimaler, bDecInA)))
    return { a, b, verdict: 'lika' };
  if (a.decimaler !== bDecInA && roundTo(va, coarse) === roundTo(bInA, coarse))
    return { a, b, verdict: 'inom avrundning' };
  const ratio = bInA !== 0 ? va / bInA : 0;
  if (Math.abs(Math.abs(ratio) - 1000) < 10 || (ratio !== 0 && Math.abs(Math.abs(1 / ratio) - 1000) < 10))
    return { a, b, verdict: 'tusenfel' };
  return { a, b, verdict: 'olika' };
}
