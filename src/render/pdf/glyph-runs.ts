/**
 * Shaped words (pdfkit's glyph runs, shaping-cache.ts) in a compact form for the disk cache
 * (font-disk-cache.ts): a few typed arrays instead of an object per glyph, so a font's thousands
 * of words are read in milliseconds. Every number is kept as the float64 it was (also -0), and a
 * run is rebuilt only when a document asks for its word.
 */

export interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
/** pdfkit's scaled position of a glyph (EmbeddedFont.layoutRun). */
export interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
export interface GlyphRun {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}

/** What the disk keeps for one font. */
export interface StoredRuns {
  format: 1;
  /** Code points that share a glyph, as a RegExp source (shaping-cache.ts), or null. */
  ambiguous: string | null;
  /** Each distinct glyph once, with its scaled advance (the position's `advanceWidth`). */
  glyphs: (Glyph & { scaled: number })[];
  words: string[];
  /** Per word: its glyph count and its run's advance. */
  counts: Uint32Array;
  advances: Float64Array;
  /** Per glyph of every word, in order: its index in `glyphs` and its xAdvance. */
  refs: Uint32Array;
  x: Float64Array;
  /** The rare glyphs with a vertical advance or an offset: index into refs, yAdvance, xOffset, yOffset. */
  moved: Float64Array;
}

/** A number as text that tells -0 from 0 (String(-0) is "0"). */
const exact = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
const isMoved = (v: number): boolean => v !== 0 || Object.is(v, -0);

export function encodeRuns(runs: Iterable<[string, GlyphRun]>, ambiguous: string | null): StoredRuns {
  const glyphs: StoredRuns['glyphs'] = [];
  const glyphIndex = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  const advances: number[] = [];
  const refs: number[] = [];
  const x: number[] = [];
  const moved: number[] = [];
  for (const [word, run] of runs) {
    words.push(word);
    counts.push(run.glyphs.length);
    advances.push(run.advanceWidth);
    run.glyphs.forEach((g, i) => {
      const p = run.positions[i]!;
      const key = [g.id, g.codePoints.join(','), exact(g.advanceWidth), exact(p.advanceWidth)].join('|');
      let gi = glyphIndex.get(key);
      if (gi === undefined) {
        gi = glyphs.length;
        glyphs.push({ id: g.id, codePoints: [...g.codePoints], advanceWidth: g.advanceWidth, scaled: p.advanceWidth });
        glyphIndex.set(key, gi);
      }
      if (isMoved(p.yAdvance) || isMoved(p.xOffset) || isMoved(p.yOffset))
        moved.push(refs.length, p.yAdvance, p.xOffset, p.yOffset);
      refs.push(gi);
      x.push(p.xAdvance);
    });
  }
  return {
    format: 1,
    ambiguous,
    glyphs,
    words,
    counts: Uint32Array.from(counts),
    advances: Float64Array.from(advances),
    refs: Uint32Array.from(refs),
    x: Float64Array.from(x),
    moved: Float64Array.from(moved),
  };
}

/** Whether a value read from disk is a whole, consistent StoredRuns (anything else is ignored). */
export function isStoredRuns(v: unknown): v is StoredRuns {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as StoredRuns;
  if (
    s.format !== 1 ||
    !(s.ambiguous === null || typeof s.ambiguous === 'string') ||
    !Array.isArray(s.glyphs) ||
    !Array.isArray(s.words) ||
    !(s.counts instanceof Uint32Array) ||
    !(s.advances instanceof Float64Array) ||
    !(s.refs instanceof Uint32Array) ||
    !(s.x instanceof Float64Array) ||
    !(s.moved instanceof Float64Array)
  )
    return false;
  const n = s.words.length;
  if (s.counts.length !== n || s.advances.length !== n || s.refs.length !== s.x.length || s.moved.length % 4)
    return false;
  let total = 0;
  for (const c of s.counts) total += c;
  if (total !== s.refs.length) return false;
  for (const r of s.refs) if (r >= s.glyphs.length) return false;
  for (let i = 0; i < s.moved.length; i += 4) if (!(s.moved[i]! < s.refs.length)) return false;
  return (
    s.words.every((w) => typeof w === 'string') &&
    s.glyphs.every(
      (g) =>
        typeof g === 'object' &&
        g !== null &&
        Number.isInteger(g.id) &&
        typeof g.advanceWidth === 'number' &&
        typeof g.scaled === 'number' &&
        Array.isArray(g.codePoints) &&
        g.codePoints.every((c) => Number.isInteger(c)),
    )
  );
}

/** Runs read from disk, rebuilt one word at a time as documents ask for them. */
export class StoredRunIndex {
  /** Each word's index, and where its glyphs start in refs and x. */
  private readonly index = new Map<string, number>();
  private readonly offsets: Uint32Array;
  /** A moved glyph's place in `moved`, by its index in refs. */
  private readonly moved = new Map<number, number>();

  constructor(private readonly s: StoredRuns) {
    this.offsets = new Uint32Array(s.words.length + 1);
    let at = 0;
    s.words.forEach((w, i) => {
      this.index.set(w, i);
      this.offsets[i] = at;
      at += s.counts[i]!;
    });
    this.offsets[s.words.length] = at;
    for (let i = 0; i < s.moved.length; i += 4) this.moved.set(s.moved[i]!, i);
  }

  get size(): number {
    return this.s.words.length;
  }

  /** Every stored word (for writing the cache again with new words added). */
  words(): string[] {
    return this.s.words;
  }

  run(word: string): GlyphRun | undefined {
    const i = this.index.get(word);
    if (i === undefined) return undefined;
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    for (let k = this.offsets[i]!; k < this.offsets[i + 1]!; k++) {
      const g = this.s.glyphs[this.s.refs[k]!]!;
      glyphs.push({ id: g.id, codePoints: g.codePoints, advanceWidth: g.advanceWidth });
      const m = this.moved.get(k);
      positions.push({
        xAdvance: this.s.x[k]!,
        yAdvance: m === undefined ? 0 : this.s.moved[m + 1]!,
        xOffset: m === undefined ? 0 : this.s.moved[m + 2]!,
        yOffset: m === undefined ? 0 : this.s.moved[m + 3]!,
        advanceWidth: g.scaled,
      });
    }
    return { glyphs, positions, advanceWidth: this.s.advances[i]! };
  }
}
