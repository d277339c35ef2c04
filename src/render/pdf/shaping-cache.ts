// Replaces pdfkit 0.19.1: EmbeddedFont.prototype.layoutCached (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';
import { FONT_FACES, fontBytes, fontPath } from '../../util/fonts.js';
import { registerFontFile, registeredFontHash } from './font-hash.js';
import { readFontCache, writeFontCache } from './font-disk-cache.js';
import { encodeRuns, isStoredRuns, StoredRunIndex, type GlyphRun } from './glyph-runs.js';

/**
 * pdfkit shapes text word by word with fontkit (OpenType lookups, kerning) and caches each word's
 * glyph run per document only. A build of several reports, a batch or a watch session shapes the
 * same words again for every PDF: about a third of pdfmake's time. This makes the cache live as
 * long as the process, per font. A cached run is what fontkit returns for the word and pdfkit
 * scales it once when it is made; later documents only read it, so the PDFs are byte-identical
 * to uncached ones (test/pdf.test.ts compares a PDF built alone in a fresh process with the same
 * PDF built after other reports).
 *
 * pdfkit has no option for this, so the method is replaced on its (unexported) font class, found
 * through a font it opens once here. If a pdfkit upgrade renames the method, the hook is not
 * installed and everything works as before, only slower.
 */

interface FontkitFont {
  /** The bytes fontkit decodes the font from (restructure's DecodeStream). */
  stream?: { buffer?: Uint8Array };
  characterSet: number[];
  glyphForCodePoint(cp: number): { id: number };
}
interface EmbeddedFontLike {
  font: FontkitFont;
  layoutRun(text: string): GlyphRun;
  layoutCached(text: string): GlyphRun;
}

/** Words per font before the cache starts over, so a long watch session stays bounded. */
const MAX_WORDS = 50_000;

interface FontCache {
  words: Map<string, GlyphRun>;
  /** Code points that share their glyph with another (Roboto: Δ/∆, Ω/Ω). */
  ambiguous: RegExp | null;
  /** The words an earlier process shaped (font-disk-cache.ts), rebuilt as they are asked for. */
  stored?: StoredRunIndex;
  /** Words shaped here and not yet on disk. */
  fresh: number;
}
/** By the SHA-256 of the font file (font-hash.ts), never by the font's internal name; made when a document first uses the font. */
const caches = new Map<string, FontCache>();
/** The files whose words are shared: the bundled faces, by hash. */
const shared = new Map<string, Uint8Array>();
let openFont: ((b: Uint8Array) => FontkitFont) | undefined;

/** A font's cache: what an earlier process left on disk, else empty. */
function makeCache(hash: string): FontCache {
  const stored = readFontCache(hash);
  if (isStoredRuns(stored)) {
    try {
      const ambiguous = stored.ambiguous === null ? null : new RegExp(stored.ambiguous, 'u');
      return { words: new Map(), ambiguous, stored: new StoredRunIndex(stored), fresh: 0 };
    } catch {
      // A pattern that does not compile: the file is ignored.
    }
  }
  return { words: new Map(), ambiguous: ambiguousCodePoints(openFont!(shared.get(hash)!)), fresh: 0 };
}

/**
 * Writes a font's words to the disk cache when this process shaped new ones; called after a
 * document is laid out (engine.ts). A warm cache is not written again.
 */
export function saveShapingCaches(): void {
  for (const [hash, c] of caches) {
    if (!c.fresh) continue;
    const stored = c.stored;
    const fromDisk = (stored?.words() ?? [])
      .filter((w) => !c.words.has(w))
      .map((w): [string, GlyphRun] => [w, stored!.run(w)!]);
    writeFontCache(hash, encodeRuns([...fromDisk, ...c.words], c.ambiguous?.source ?? null));
    c.fresh = 0;
  }
}

/** Each document's font object, and the cache its file has (null: none). */
const ofFont = new WeakMap<EmbeddedFontLike, FontCache | null>();

function cacheOf(f: EmbeddedFontLike): FontCache | null {
  let c = ofFont.get(f);
  if (c === undefined) {
    const bytes = f.font.stream?.buffer;
    const hash = bytes && registeredFontHash(bytes);
    if (hash && shared.has(hash)) {
      c = caches.get(hash) ?? makeCache(hash);
      caches.set(hash, c);
    } else c = null;
    ofFont.set(f, c);
  }
  return c;
}

/**
 * fontkit gives a glyph the code points it was first reached by, and pdfkit writes them into the
 * PDF's ToUnicode map. Where two code points share a glyph that would depend on which document
 * was shaped first, so words with such characters are shaped per document as pdfkit does. Found
 * on a separate copy of the font: asking the document's own font would fill its glyph cache
 * (ligatures would then map to their own code point instead of their letters).
 */
function ambiguousCodePoints(font: FontkitFont): RegExp | null {
  const byGlyph = new Map<number, number[]>();
  for (const cp of font.characterSet) {
    const id = font.glyphForCodePoint(cp).id;
    const cps = byGlyph.get(id);
    if (cps) cps.push(cp);
    else byGlyph.set(id, [cp]);
  }
  const shared = [...byGlyph.values()].filter((cps) => cps.length > 1).flat();
  if (!shared.length) return null;
  return new RegExp(`[${shared.map((cp) => `\\u{${cp.toString(16)}}`).join('')}]`, 'u');
}

/** The run without references into the document's font object, which would keep it alive. */
function detached(run: GlyphRun): GlyphRun {
  return {
    glyphs: run.glyphs.map((g) => ({ id: g.id, codePoints: g.codePoints, advanceWidth: g.advanceWidth })),
    positions: run.positions,
    advanceWidth: run.advanceWidth,
  };
}

function makeSharedLayoutCached(perDocument: (this: EmbeddedFontLike, text: string) => GlyphRun) {
  return function sharedLayoutCached(this: EmbeddedFontLike, text: string): GlyphRun {
    const c = cacheOf(this);
    // Only the bundled files are known; any other font is shaped per document.
    if (!c) return perDocument.call(this, text);
    // A word with an ambiguous character is never stored, so a hit needs no test.
    let run = c.words.get(text);
    if (run) return run;
    run = c.stored?.run(text);
    if (run) {
      c.words.set(text, run);
      return run;
    }
    if (c.ambiguous?.test(text)) return perDocument.call(this, text);
    if (c.words.size >= MAX_WORDS) c.words.clear();
    run = detached(this.layoutRun(text));
    c.words.set(text, run);
    c.fresh++;
    return run;
  };
}

let installed = false;
let hook:
  | {
      proto: Partial<EmbeddedFontLike>;
      original: EmbeddedFontLike['layoutCached'];
      shared: EmbeddedFontLike['layoutCached'];
    }
  | undefined;

/**
 * Turns the shared cache off (pdfkit's own per-document cache, as pdfmake ships) or on again.
 * For the benchmark, which compares the build with pdfmake as it comes.
 */
export function useSharedShaping(on: boolean): void {
  if (hook) hook.proto.layoutCached = on ? hook.shared : hook.original;
}

/** How many words are cached for a font file (0 for a file that is not shared); for the tests. */
export function cachedWords(file: Uint8Array): number {
  const hash = registeredFontHash(file);
  return (hash && caches.get(hash)?.words.size) || 0;
}

/** Whether the method is ours right now (src/render/pdf/patches.ts). */
export function sharedShapingInstalled(): boolean {
  return !!hook && hook.proto.layoutCached === hook.shared;
}

export function installSharedShapingCache(): boolean {
  if (installed) return true;
  const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
  const PDFKit = fromPdfmake('pdfkit') as new (o: object) => { font(src: string): { _font: { font: FontkitFont } } };
  const fontkit = createRequire(fromPdfmake.resolve('pdfkit'))('fontkit') as { create(b: Uint8Array): FontkitFont };
  openFont = (b) => fontkit.create(b);
  for (const face of Object.keys(FONT_FACES) as (keyof typeof FONT_FACES)[])
    shared.set(registerFontFile(fontBytes(face)), fontBytes(face));
  const probe = new PDFKit({ autoFirstPage: false }).font(fontPath('normal'))._font;
  const proto = Object.getPrototypeOf(probe) as Partial<EmbeddedFontLike>;
  if (typeof proto.layoutCached !== 'function' || typeof proto.layoutRun !== 'function' || !probe.font.stream?.buffer)
    return false;
  hook = { proto, original: proto.layoutCached, shared: makeSharedLayoutCached(proto.layoutCached) };
  proto.layoutCached = hook.shared;
  installed = true;
  return true;
}
