import { createRequire } from 'node:module';
import type { Sidreferens } from '../../core/model/dokument.js';
import { sidrefSidor } from '../shared.js';

/**
 * Page references (`{=sida/…}`) in the PDF. While content is made, every text node of a target
 * (a table with its caption and notes, a chart, a heading) is marked `krAnkare`, and the reference
 * is one unbreakable inline marked `krSidref` holding a placeholder as wide as a page range. Once
 * pdfmake has laid out the pages, the lines tell on which pages each target stands; the reference
 * gets its real text before the line is drawn, and the rest of its line closes up.
 */

/** What a page reference carries into pdfmake's inlines (pdfmake copies unknown keys onto each word). */
export interface SidrefMark {
  ankare: string;
  omfång: boolean;
  medPå: boolean;
}

/** The inline a page reference starts as; the placeholder keeps room for the widest usual text. */
export function sidrefInline(r: Sidreferens): {
  text: string;
  noWrap: true;
  krSidref: SidrefMark;
  linkToDestination: string;
} {
  return {
    text: sidrefSidor(r, 88, r.omfång ? 89 : 88),
    noWrap: true,
    krSidref: { ankare: r.ankare, omfång: r.omfång, medPå: r.medPå },
    linkToDestination: r.ankare,
  };
}

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * Marks every text node of a target's content with its anchor, and gives the first text node (the
 * caption, or the heading) the anchor as pdfmake id: the named destination a reference links to.
 */
export function anchorContent(content: unknown[], ankare: string, name = true): void {
  let named = !name;
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (!isNode(x)) return;
    if (x.text !== undefined) {
      x.krAnkare = ankare;
      if (!named && x.id === undefined) x.id = ankare;
      named = true;
    }
    for (const k of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(x[k])) visit(x[k]);
    if (isNode(x.table) && Array.isArray(x.table.body)) visit(x.table.body);
  };
  content.forEach(visit);
}

interface Inline {
  text: string;
  x: number;
  width: number;
  krSidref?: SidrefMark;
  krAnkare?: string;
}
interface Line {
  krAnkare?: string;
  inlines?: Inline[];
}
interface Page {
  items: { type: string; item: Line }[];
}

const require = createRequire(import.meta.url);
type Measure = { widthOfText(text: string, inline: Inline): number };
let measure: Measure | undefined;
function textInlines(): Measure {
  if (!measure) {
    const TextInlines = (require('pdfmake/js/TextInlines.js') as { default: new (x: null) => Measure }).default;
    measure = new TextInlines(null);
  }
  return measure;
}

/** Writes every page reference's real pages into its line; returns the references a target of which was not laid out. */
export function resolvePdfPageRefs(pages: Page[]): string[] {
  const spans = new Map<string, [number, number]>();
  pages.forEach((p, i) => {
    for (const { type, item } of p.items) {
      if (type !== 'line' || !item.krAnkare) continue;
      const s = spans.get(item.krAnkare);
      if (!s) spans.set(item.krAnkare, [i + 1, i + 1]);
      else s[1] = Math.max(s[1], i + 1);
    }
  });
  const missing: string[] = [];
  for (const p of pages)
    for (const { type, item } of p.items) {
      if (type !== 'line' || !item.inlines) continue;
      let shift = 0;
      for (const inl of item.inlines) {
        inl.x += shift;
        const r = inl.krSidref;
        if (!r) continue;
        const s = spans.get(r.ankare);
        if (!s) {
          missing.push(r.ankare);
          continue;
        }
        const text = sidrefSidor(r, s[0], r.omfång ? s[1] : s[0]);
        const width = textInlines().widthOfText(text, inl);
        shift += width - inl.width;
        inl.text = text;
        inl.width = width;
        delete inl.krSidref;
      }
    }
  return missing;
}
