/**
 * Which items a text can name, found in one pass over the text instead of one search per item:
 * items are indexed by their label stems, and a text is read word by word. What it finds is a
 * superset of what `stemIn` confirms (a long stem anywhere in a word, a shorter one where a word
 * starts), so an item it does not find is named nowhere in the text; and the cost of asking grows
 * with the text, not with the number of items.
 */

/** Stems of this length or more stand anywhere in a word (as in `stemIn`): found by their first LONG characters. */
const LONG = 8;
const wordPattern = /[\p{L}\p{N}]/u;
// Letters and digits by code unit, as `stemIn` tests the character before a stem (Latin kept in a table).
const latin = Array.from({ length: 0x250 }, (_, c) => wordPattern.test(String.fromCharCode(c)));
const isWordUnit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 0x250 ? latin[c]! : wordPattern.test(text[i]!);
};

/** Two code units at `i` as one number. */
const pair = (s: string, i: number): number => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);

function allWordUnits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isWordUnit(s, i)) return false;
  return true;
}

export class StemIndex<T> {
  /** Stems shorter than LONG, named only where a word starts. */
  private readonly short = new Map<string, T[]>();
  /** Every beginning of a short stem: a word whose beginning is none of them names no short stem. */
  private readonly shortPrefixes = new Set<string>();
  /** Stems of LONG characters or more, by their first LONG characters. */
  private readonly long = new Map<string, { stem: string; items: T[] }[]>();
  /** The first two characters of each long stem (as one number): most places in a text start none. */
  private readonly longStarts = new Set<number>();
  /** Items with a stem that is not all letters and digits (where the word scan could miss it): always named. */
  private readonly always: T[] = [];

  constructor(entries: Iterable<readonly [stems: readonly string[], item: T]>) {
    for (const [stems, item] of entries)
      for (const stem of new Set(stems)) {
        if (!stem || !allWordUnits(stem)) {
          this.always.push(item);
        } else if (stem.length < LONG) {
          const list = this.short.get(stem);
          if (list) list.push(item);
          else this.short.set(stem, [item]);
          for (let n = 1; n <= stem.length; n++) this.shortPrefixes.add(stem.slice(0, n));
        } else {
          this.longStarts.add(pair(stem, 0));
          const key = stem.slice(0, LONG);
          const list = this.long.get(key) ?? [];
          const entry = list.find((x) => x.stem === stem);
          if (entry) entry.items.push(item);
          else list.push({ stem, items: [item] });
          this.long.set(key, list);
        }
      }
  }

  /** Calls `found` for every item with a stem the (lower-cased) text may name; an item may be found more than once. */
  named(lower: string, found: (item: T) => void): void {
    for (const item of this.always) found(item);
    let i = 0;
    while (i < lower.length) {
      if (!isWordUnit(lower, i)) {
        i++;
        continue;
      }
      // A word: its start may begin a short stem, any place with LONG characters left a long one.
      let end = i + 1;
      while (end < lower.length && isWordUnit(lower, end)) end++;
      for (let n = 1; n < LONG && i + n <= end; n++) {
        const prefix = lower.slice(i, i + n);
        if (!this.shortPrefixes.has(prefix)) break;
        const items = this.short.get(prefix);
        if (items) for (const item of items) found(item);
      }
      for (let at = i; at + LONG <= end; at++) {
        if (!this.longStarts.has(pair(lower, at))) continue;
        const long = this.long.get(lower.slice(at, at + LONG));
        if (long) for (const x of long) if (lower.startsWith(x.stem, at)) for (const item of x.items) found(item);
      }
      i = end;
    }
  }
}
