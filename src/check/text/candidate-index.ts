import { UNIT_FACTOR } from '../../core/format/number.js';

/**
 * Candidates indexed by unit family and magnitude, so each written figure looks only at values
 * that could agree with it or be the cell it contradicts: the cost grows with the text, not with
 * text × tables. Money is indexed in kronor, percentages as they are.
 */
export interface Indexed<T> {
  item: T;
  /** |value| in the family's base unit. */
  key: number;
  /** The finest precision of the value in the base unit (decimals; negative = tens, hundreds…). */
  decimals: number;
}

export class CandidateIndex<T> {
  private readonly byFamily = new Map<string, Indexed<T>[]>();
  private readonly coarsest = new Map<string, number>();

  constructor(
    items: readonly T[],
    describe: (x: T) => { family: string; value: number; unit: string; decimals: number } | undefined,
  ) {
    for (const item of items) {
      const d = describe(item);
      if (!d) continue;
      const f = UNIT_FACTOR[d.unit] ?? 1;
      const decimals = d.decimals - Math.round(Math.log10(f));
      const list = this.byFamily.get(d.family) ?? [];
      list.push({ item, key: Math.abs(d.value * f), decimals });
      this.byFamily.set(d.family, list);
      this.coarsest.set(d.family, Math.min(this.coarsest.get(d.family) ?? Infinity, decimals));
    }
    for (const list of this.byFamily.values()) list.sort((a, b) => a.key - b.key);
  }

  /** The coarsest precision in a family (how far a value can be from a figure and still round to it). */
  coarsestDecimals(family: string): number {
    return this.coarsest.get(family) ?? 0;
  }

  /** Every item with |value| in [lo, hi] (base unit). */
  range(family: string, lo: number, hi: number): T[] {
    const list = this.byFamily.get(family);
    if (!list) return [];
    let a = 0;
    let b = list.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (list[m]!.key < lo) a = m + 1;
      else b = m;
    }
    const out: T[] = [];
    for (let i = a; i < list.length && list[i]!.key <= hi; i++) out.push(list[i]!.item);
    return out;
  }
}
