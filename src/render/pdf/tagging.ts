// Replaces pdfmake 0.3.11:
// LayoutBuilder.prototype.buildNextLine, ElementWriter.prototype.addFragment, Renderer.prototype.renderPages (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';
import type { TagNode } from './tag-plan.js';
import { resolvePdfPageRefs } from './page-refs.js';

/**
 * Tagged PDF from pdfmake 0.3.11 and pdfkit 0.19.1. pdfkit has the structure API (struct,
 * markStructureContent, addStructure); pdfmake does not use it. Three internal methods are
 * replaced, found on pdfmake's own classes; if an upgrade renames one, `useTagging` says so and
 * test/pdf-tagged.test.ts fails:
 *
 * - LayoutBuilder.prototype.buildNextLine: a line carries its text node's `krTag` (tag-plan.ts), or
 *   for a table-of-contents entry the TOCI its style object carries.
 * - ElementWriter.prototype.addFragment: a table's header rows repeated on a new page are marked
 *   `krRepeat`, so they become artifacts and a screen reader reads the header once.
 * - Renderer.prototype.renderPages: pdfmake's loop, with each item wrapped: a tagged line or chart
 *   as marked content of its structure element, anything else (rules, fills, running headers,
 *   page numbers, list markers, repeated header rows) as an Artifact. The structure tree is built
 *   from the plan first, in the model's reading order.
 */

interface Line {
  krAnkare?: string;
  krTag?: TagNode;
  krRepeat?: boolean;
}
interface Item {
  type: string;
  item: Line & { x: number; y: number };
}
interface Page {
  pageSize: { width: number; height: number };
  items: Item[];
  watermark?: unknown;
}
interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
}
interface PdfKitDoc {
  addPage(o: object): void;
  struct(role: string, options?: object): StructElement;
  addStructure(e: StructElement): void;
  markStructureContent(tag: string, options?: object): unknown;
  markContent(tag: string, options?: object | null): void;
  endMarkedContent(): void;
}
interface RendererThis {
  pdfDocument: PdfKitDoc & { _pdfMakePages?: Page[] };
  progressCallback?: (p: number) => void;
  renderVector(v: unknown): void;
  renderLine(l: unknown, x: number, y: number): void;
  renderImage(i: unknown): void;
  renderSVG(i: unknown): void;
  renderAttachment(i: unknown): void;
  beginClip(i: unknown): void;
  endClip(): void;
  beginVerticalAlignment(i: unknown): void;
  endVerticalAlignment(i: unknown): void;
  renderWatermark(p: Page): void;
}
type Fn = (this: unknown, ...a: unknown[]) => unknown;

const require = createRequire(import.meta.url);
let installed: boolean | undefined;
type Protos = { layout: Record<string, Fn>; writer: Record<string, Fn>; renderer: Record<string, Fn> };
let protos: Protos | undefined;
let own: { buildNextLine: Fn; addFragment: Fn; renderPages: Fn } | undefined;
let ours: { buildNextLine: Fn; addFragment: Fn; renderPages: Fn } | undefined;

/** Installs the three hooks (on = true) or puts pdfmake's own back (for the test); returns whether all were found. */
export function useTagging(on = true): boolean {
  if (installed === undefined) installed = install();
  if (!installed || !protos || !own || !ours) return false;
  const set = on ? ours : own;
  protos.layout.buildNextLine = set.buildNextLine;
  protos.writer.addFragment = set.addFragment;
  protos.renderer.renderPages = set.renderPages;
  return true;
}

/** Whether all three methods are ours right now (src/render/pdf/patches.ts). */
export function taggingInstalled(): boolean {
  return (
    !!protos &&
    !!ours &&
    protos.layout.buildNextLine === ours.buildNextLine &&
    protos.writer.addFragment === ours.addFragment &&
    protos.renderer.renderPages === ours.renderPages
  );
}

function install(): boolean {
  const LayoutBuilder = (require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: Record<string, Fn> } })
    .default;
  const ElementWriter = (require('pdfmake/js/ElementWriter.js') as { default: { prototype: Record<string, Fn> } })
    .default;
  const Renderer = (require('pdfmake/js/Renderer.js') as { default: { prototype: Record<string, Fn> } }).default;
  const buildNextLine = LayoutBuilder?.prototype.buildNextLine;
  const addFragment = ElementWriter?.prototype.addFragment;
  if (
    typeof buildNextLine !== 'function' ||
    typeof addFragment !== 'function' ||
    typeof Renderer?.prototype.renderPages !== 'function'
  )
    return false;
  protos = { layout: LayoutBuilder.prototype, writer: ElementWriter.prototype, renderer: Renderer.prototype };
  own = { buildNextLine, addFragment, renderPages: Renderer.prototype.renderPages };
  const ourBuildNextLine = function (this: unknown, textNode: unknown) {
    const line = buildNextLine.call(this, textNode) as Line | null;
    const n = textNode as { krTag?: TagNode; krAnkare?: string; style?: { krToc?: TagNode } };
    // A table-of-contents entry pdfmake made: its style object is the heading's tocStyle (blocks.ts tocStyles).
    const tag = n.krTag ?? (n.style && typeof n.style === 'object' ? n.style.krToc : undefined);
    if (line && tag) line.krTag = tag;
    // The target a page reference counts the pages of (page-refs.ts).
    if (line && n.krAnkare) line.krAnkare = n.krAnkare;
    return line;
  } as Fn;
  const ourAddFragment = function (
    this: { context(): { getCurrentPage(): { items: Item[] } | null } },
    ...a: unknown[]
  ) {
    const [, useBlockXOffset, useBlockYOffset] = a;
    const page = this.context().getCurrentPage();
    const before = page?.items.length ?? 0;
    const r = addFragment.apply(this, a);
    // PageElementWriter.moveToNextPage adds a table's repeatable header as addFragment(rep, true).
    if (page && useBlockXOffset === true && useBlockYOffset === undefined) {
      for (const it of page.items.slice(before)) if (it.type === 'line' || it.type === 'svg') it.item.krRepeat = true;
    }
    return r;
  } as Fn;
  const ourRenderPages = function (this: RendererThis, pages: unknown) {
    renderTagged(this, pages as Page[]);
  } as Fn;
  ours = { buildNextLine: ourBuildNextLine, addFragment: ourAddFragment, renderPages: ourRenderPages };
  return true;
}

function rootOf(pages: Page[]): TagNode | undefined {
  for (const p of pages)
    for (const it of p.items) {
      let t = it.item?.krTag;
      if (!t) continue;
      while (t.parent) t = t.parent;
      return t;
    }
  return undefined;
}

function renderTagged(r: RendererThis, pages: Page[]): void {
  const doc = r.pdfDocument;
  doc._pdfMakePages = pages;
  const missing = resolvePdfPageRefs(pages as unknown as Parameters<typeof resolvePdfPageRefs>[0]);
  if (missing.length) throw new Error(`sidreferensen till «${missing[0]}» pekar på något som inte syns i PDF:en`);
  const root = rootOf(pages);
  const elements = new Map<TagNode, StructElement>();
  if (root) {
    const make = (n: TagNode): StructElement => {
      const e = doc.struct(n.role, { ...(n.alt ? { alt: n.alt } : {}), ...(n.scope ? { scope: n.scope } : {}) });
      elements.set(n, e);
      return e;
    };
    const rootEl = make(root);
    doc.addStructure(rootEl);
    const build = (n: TagNode, e: StructElement): void => {
      for (const k of n.kids) {
        const ke = make(k);
        e.add(ke);
        build(k, ke);
      }
    };
    build(root, rootEl);
  }
  for (const page of pages) {
    doc.addPage({ size: [page.pageSize.width, page.pageSize.height] });
    for (const { type, item } of page.items) {
      const tag = root && !item.krRepeat ? item.krTag : undefined;
      const marked = type === 'line' || type === 'vector' || type === 'svg' || type === 'image';
      let content: unknown;
      if (marked && tag) content = doc.markStructureContent(tag.role);
      else if (marked && root) doc.markContent('Artifact', { type: type === 'line' ? 'Pagination' : 'Layout' });
      switch (type) {
        case 'vector':
          r.renderVector(item);
          break;
        case 'line':
          r.renderLine(item, item.x, item.y);
          break;
        case 'image':
          r.renderImage(item);
          break;
        case 'svg':
          r.renderSVG(item);
          break;
        case 'attachment':
          r.renderAttachment(item);
          break;
        case 'beginClip':
          r.beginClip(item);
          break;
        case 'endClip':
          r.endClip();
          break;
        case 'beginVerticalAlignment':
          r.beginVerticalAlignment(item);
          break;
        case 'endVerticalAlignment':
          r.endVerticalAlignment(item);
          break;
      }
      if (marked && root) doc.endMarkedContent();
      if (content && tag) elements.get(tag)!.add(content);
    }
    if (page.watermark) r.renderWatermark(page);
  }
  if (root) elements.get(root)!.end();
}
