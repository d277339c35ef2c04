// Replaces pdfmake 0.3.11: Renderer.prototype.renderLine (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';

/**
 * pdfmake writes every word of a line as its own text object: opacity, colour, a no-op fill,
 * q, cm, BT, Tm, Tf, one glyph run, ET, Q. Twelve operators per word, 330 text objects per
 * page; pdfkit then shapes each word twice (once to draw it, once to advance its cursor). Those
 * writes, and the compression of the streams they make, were a third of a PDF's build time.
 * (pdfmake's Renderer.renderLine carries the same idea as a TODO.)
 *
 * This renders consecutive words of a line that share font, size, colour, opacity and baseline
 * as one text object: the glyphs of each word exactly as pdfkit encodes them, and between two
 * words a glyph-run offset that puts the next word at the x pdfmake laid it out at (so justified
 * lines keep their spacing). Lines with anything else (links, destinations, page references,
 * outline entries, character spacing) go through pdfmake's own renderLine. Text, glyphs and
 * positions are the same; test/pdf.test.ts compares every word's box with and without it.
 *
 * If a pdfmake upgrade changes Renderer, the hook is not installed and pdfmake's own code runs.
 */

interface Font {
  id: string;
  ascender: number;
  encode(text: string, features?: unknown): [string[], Position[]];
  ref(): unknown;
}
interface Position {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
interface Inline {
  text: string;
  x: number;
  font: Font;
  fontSize: number;
  color?: unknown;
  opacity?: unknown;
  sup?: boolean;
  sub?: boolean;
  fontFeatures?: unknown;
  characterSpacing?: number;
  link?: unknown;
  linkToPage?: unknown;
  linkToDestination?: unknown;
  _pageNodeRef?: unknown;
}
interface Line {
  inlines: Inline[];
  id?: unknown;
  _outline?: unknown;
  _pageNodeRef?: unknown;
  getHeight(): number;
  getAscenderHeight(): number;
}
interface Doc {
  x: number;
  y: number;
  _font: Font;
  page: { height: number; fonts: Record<string, unknown> };
  opacity(o: number): Doc;
  fill(color: unknown): Doc;
  resolveColor(color: unknown, fallback: string): unknown;
  fontSize(size: number): Doc;
  save(): Doc;
  restore(): Doc;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): Doc;
  addContent(op: string): Doc;
}
interface Decorator {
  drawBackground(line: Line, x: number, y: number): void;
  drawDecorations(line: Line, x: number, y: number): void;
}
type RenderLine = (this: { pdfDocument: Doc }, line: Line, x?: number, y?: number) => void;
interface RendererClass {
  prototype: { renderLine: RenderLine };
}

/** pdfkit's number format in content streams (PDFObject.number). */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** A line pdfmake's own renderLine must draw: it carries something besides positioned text. */
function special(line: Line): boolean {
  if (line._outline || line._pageNodeRef || line.id) return true;
  for (const i of line.inlines) {
    if (i._pageNodeRef || i.link != null || i.linkToPage || i.linkToDestination || i.characterSpacing || i.fontFeatures)
      return true;
  }
  return false;
}

const wordText = (w: Inline): string => (w.text.includes('\n') ? w.text.replace(/\n/g, '') : w.text);

/** Same as pdfmake's offsetText: superscript and subscript shift the baseline. */
function baseline(y: number, i: Inline): number {
  let v = y;
  if (i.sup) v -= i.fontSize * 0.75;
  if (i.sub) v += i.fontSize * 0.35;
  return v;
}

/**
 * A word as it goes into a glyph run: its glyphs in hex, split where a glyph is kerned, as
 * pdfkit splits them; null for a word with offset glyphs, which goes the long way.
 */
interface Encoded {
  /** From the first glyph to the last, without the last glyph's adjustment. */
  tj: string;
  /** The last glyph's advance beyond its width (kerning), in thousandths of an em. */
  lastAdjust: number;
  /** The word's advance, in thousandths of an em. */
  advance: number;
}

/**
 * Per document font (glyph ids are the document's subset ids): each word is encoded once. A
 * report repeats most of its words; encoding is shaping, subsetting and hex formatting.
 */
const encodedWords = new WeakMap<Font, Map<string, Encoded | null>>();

function encodeWord(font: Font, text: string): Encoded | null {
  let words = encodedWords.get(font);
  if (!words) encodedWords.set(font, (words = new Map()));
  let e = words.get(text);
  if (e !== undefined) return e;
  const [hex, pos] = font.encode(text, undefined);
  e = null;
  if (pos.length > 0 && !pos.some((g) => g.xOffset || g.yOffset)) {
    const parts: string[] = [];
    let start = 0;
    let advance = 0;
    for (let i = 0; i < pos.length; i++) {
      advance += pos[i]!.xAdvance;
      const adjust = pos[i]!.xAdvance - pos[i]!.advanceWidth;
      if (i === pos.length - 1) parts.push(`<${hex.slice(start).join('')}>`);
      else if (adjust !== 0) {
        parts.push(`<${hex.slice(start, i + 1).join('')}> ${num(-adjust)}`);
        start = i + 1;
      }
    }
    const last = pos[pos.length - 1]!;
    e = { tj: parts.join(' '), lastAdjust: last.xAdvance - last.advanceWidth, advance };
  }
  words.set(text, e);
  return e;
}

/** The operators that draw a run, and where its last word ends. */
interface Glyphs {
  ops: string[];
  end: number;
}

/** The words of a run as one glyph run, each placed at its x; null if a word has offset glyphs. */
function wordsTj(inlines: Inline[], from: number, to: number, x: number, scale: number): Glyphs | null {
  const parts: string[] = [];
  let pen = x + inlines[from]!.x;
  let pending = 0;
  for (let k = from; k < to; k++) {
    const w = inlines[k]!;
    const text = wordText(w);
    if (text.length === 0) continue;
    const e = encodeWord(w.font, text);
    if (!e) return null;
    const start = x + w.x;
    if (parts.length > 0) parts.push(`${num(-(pending + (start - pen) / scale))}`);
    parts.push(e.tj);
    pen = start + e.advance * scale;
    pending = e.lastAdjust;
  }
  if (parts.length > 0) parts.push(`${num(-pending)}`);
  return { ops: parts.length ? [`[${parts.join(' ')}] TJ`] : [], end: pen };
}

/**
 * The long way, for a run with offset glyphs (combining marks): pdfkit's _fragment over the
 * run's glyphs, the last glyph of each word advancing to where the next word starts.
 */
function glyphsTj(inlines: Inline[], from: number, to: number, x: number, y: number, scale: number): Glyphs {
  const font = inlines[from]!.font;
  const encoded: string[] = [];
  const positions: Position[] = [];
  let pen = x + inlines[from]!.x;
  for (let k = from; k < to; k++) {
    const w = inlines[k]!;
    const text = wordText(w);
    if (text.length === 0) continue;
    const start = x + w.x;
    if (positions.length > 0) {
      const last = positions.length - 1;
      positions[last] = { ...positions[last]!, xAdvance: positions[last]!.xAdvance + (start - pen) / scale };
    }
    const [e, p] = font.encode(text, undefined);
    // Copied, not shared: the shaping cache hands out the same arrays for every use of a word.
    for (let g = 0; g < p.length; g++) {
      encoded.push(e[g]!);
      positions.push(p[g]!);
    }
    pen = start;
    for (const g of p) pen += g.xAdvance * scale;
  }
  const ops: string[] = [];
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  let tx = x + inlines[from]!.x;
  const addSegment = (cur: number): void => {
    if (last < cur) {
      const hex = encoded.slice(last, cur).join('');
      const advance = positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth;
      commands.push(`<${hex}> ${num(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number): void => {
    addSegment(i);
    if (commands.length > 0) {
      ops.push(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i: number;
  for (i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      ops.push(`1 0 0 1 ${num(tx + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        ops.push(`1 0 0 1 ${num(tx)} ${num(y)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    tx += pos.xAdvance * scale;
  }
  flush(i);
  return { ops, end: pen };
}

/** Writes words [from, to) of one run as one text object, the way pdfkit's _fragment writes one. */
function writeRun(
  doc: Doc,
  inlines: Inline[],
  from: number,
  to: number,
  x: number,
  y: number,
  opacity: number,
  color: unknown,
): void {
  const first = inlines[from]!;
  const font = first.font;
  const size = first.fontSize;
  doc.opacity(opacity);
  doc.fill(color);
  doc._font = font;
  doc.fontSize(size);
  const scale = size / 1000;
  // pdfkit's text space: y grows upwards from the page's foot, the baseline an ascender below y.
  const ty = doc.page.height - y - (font.ascender / 1000) * size;
  const glyphs = wordsTj(inlines, from, to, x, scale) ?? glyphsTj(inlines, from, to, x, ty, scale);
  doc.x = glyphs.end;
  doc.y = y;
  if (glyphs.ops.length === 0) return;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${num(x + first.x)} ${num(ty)} Tm`);
  doc.addContent(`/${font.id} ${num(size)} Tf`);
  for (const op of glyphs.ops) doc.addContent(op);
  doc.addContent('ET');
  doc.restore();
}

function runsRenderer(own: RenderLine, Decorator: new (doc: Doc) => Decorator): RenderLine {
  return function (this: { pdfDocument: Doc }, line: Line, x = 0, y = 0) {
    if (special(line)) {
      own.call(this, line, x, y);
      return;
    }
    const doc = this.pdfDocument;
    const lineHeight = line.getHeight();
    const descent = lineHeight - line.getAscenderHeight();
    const decorator = new Decorator(doc);
    decorator.drawBackground(line, x, y);

    const inlines = line.inlines;
    let from = 0;
    let runY = 0;
    let runOpacity = 1;
    let runColor: unknown;
    for (let k = 0; k <= inlines.length; k++) {
      const w = inlines[k];
      let wy = 0;
      let wOpacity = 1;
      let wColor: unknown;
      if (w) {
        wy = baseline(y + lineHeight - (w.font.ascender / 1000) * w.fontSize - descent, w);
        wOpacity = typeof w.opacity === 'number' ? w.opacity : 1;
        wColor = doc.resolveColor(w.color, 'black');
      }
      if (k > from) {
        const head = inlines[from]!;
        const same =
          w &&
          w.font === head.font &&
          w.fontSize === head.fontSize &&
          wy === runY &&
          wOpacity === runOpacity &&
          wColor === runColor;
        if (same) continue;
        writeRun(doc, inlines, from, k, x, runY, runOpacity, runColor);
      }
      from = k;
      runY = wy;
      runOpacity = wOpacity;
      runColor = wColor;
    }
    decorator.drawDecorations(line, x, y);
  };
}

let original: RenderLine | undefined;
let runs: RenderLine | undefined;

const rendererClass = (): RendererClass | undefined =>
  (createRequire(import.meta.url)('pdfmake/js/Renderer.js') as { default?: RendererClass }).default;

/** Installs the run renderer (on = true) or puts pdfmake's renderLine back (for the test and the bench). */
export function useLineRuns(on: boolean): boolean {
  const require = createRequire(import.meta.url);
  const Renderer = rendererClass();
  const Decorator = (require('pdfmake/js/TextDecorator.js') as { default?: new (doc: Doc) => Decorator }).default;
  if (typeof Renderer?.prototype.renderLine !== 'function' || typeof Decorator !== 'function') return false;
  original ??= Renderer.prototype.renderLine;
  runs ??= runsRenderer(original, Decorator);
  Renderer.prototype.renderLine = on ? runs : original;
  return true;
}

/** Whether the method is ours right now (src/render/pdf/patches.ts). */
export function lineRunsInstalled(): boolean {
  return !!runs && rendererClass()?.prototype.renderLine === runs;
}
