// Replaces pdfmake 0.3.11:
// LayoutBuilder.prototype.buildNextLine, LayoutBuilder.prototype.processList, ElementWriter.prototype.addFragment,
// Renderer.prototype.renderPages (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';
import type { TagNode } from './tag-plan.js';
import { resolvePdfPageRefs } from './page-refs.js';
import { mustHoldBack, noteTableStart, type HeldTable, type Hold, type HoldContext } from './notes-hold.js';

/**
 * Tagged PDF from pdfmake 0.3.11 and pdfkit 0.19.1. pdfkit has the structure API (struct,
 * markStructureContent, addStructure); pdfmake does not use it. Four internal methods are
 * replaced, found on pdfmake's own classes; if an upgrade renames one, `useTagging` says so and
 * test/pdf-tagged.test.ts fails:
 *
 * - LayoutBuilder.prototype.buildNextLine: a line carries its text node's `krTag` (tag-plan.ts)
 *   and the target a page reference counts the pages of (`krAnkare`, page-refs.ts).
 * - LayoutBuilder.prototype.processList: a list item's marker (bullet or number) carries the
 *   item's Lbl, so it is tagged as the label, with the text as LBody.
 * - ElementWriter.prototype.addFragment: a table's header rows repeated on a new page are marked
 *   `krRepeat`, so they become artifacts and a screen reader reads the header once; and a table's
 *   last rows that must stay with its notes are refused where they would not (notes-hold.ts).
 * - Renderer.prototype.renderPages: pdfmake's loop, with each item wrapped: a tagged line or chart
 *   as marked content of its structure element, anything else (rules, fills, running headers,
 *   page numbers, repeated header rows) as an Artifact; a link's words as a Link element with an
 *   OBJR to its annotation (renderWithLinks). Page references get their real pages first. The
 *   structure tree is built from the plan first, in the model's reading order.
 */

interface Line {
  krHold?: Hold;
  krHeld?: HeldTable;
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
let own: { buildNextLine: Fn; addFragment: Fn; renderPages: Fn; processList: Fn } | undefined;
let ours: { buildNextLine: Fn; addFragment: Fn; renderPages: Fn; processList: Fn } | undefined;

/** Installs the three hooks (on = true) or puts pdfmake's own back (for the test); returns whether all were found. */
export function useTagging(on = true): boolean {
  if (installed === undefined) installed = install();
  if (!installed || !protos || !own || !ours) return false;
  const set = on ? ours : own;
  protos.layout.buildNextLine = set.buildNextLine;
  protos.layout.processList = set.processList;
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
    protos.layout.processList === ours.processList &&
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
  const processList = LayoutBuilder?.prototype.processList;
  if (
    typeof buildNextLine !== 'function' ||
    typeof processList !== 'function' ||
    typeof addFragment !== 'function' ||
    typeof Renderer?.prototype.renderPages !== 'function'
  )
    return false;
  protos = { layout: LayoutBuilder.prototype, writer: ElementWriter.prototype, renderer: Renderer.prototype };
  own = { buildNextLine, addFragment, renderPages: Renderer.prototype.renderPages, processList };
  const ourBuildNextLine = function (this: unknown, textNode: unknown) {
    const line = buildNextLine.call(this, textNode) as Line | null;
    const n = textNode as { krTag?: TagNode; krAnkare?: string; krHold?: Hold; krHeld?: HeldTable };
    if (line && n.krTag) line.krTag = n.krTag;
    // A table's last rows and first row, for keeping its notes with its last rows (notes-hold.ts).
    if (line && n.krHold) line.krHold = n.krHold;
    if (line && n.krHeld) line.krHeld = n.krHeld;
    // The target a page reference counts the pages of (page-refs.ts).
    if (line && n.krAnkare) line.krAnkare = n.krAnkare;
    return line;
  } as Fn;
  const ourAddFragment = function (this: { context(): HoldContext }, ...a: unknown[]) {
    const [block, useBlockXOffset, useBlockYOffset] = a;
    const fragment = block as Parameters<typeof mustHoldBack>[1];
    // A table's last row that must stay with its notes: refused here, pdfmake moves it to the next page.
    if (!useBlockXOffset && mustHoldBack(this.context(), fragment)) return false;
    const page = this.context().getCurrentPage() as { items: Item[] } | null;
    const before = page?.items.length ?? 0;
    const r = addFragment.apply(this, a);
    if (r && !useBlockXOffset) noteTableStart(this.context(), fragment);
    // PageElementWriter.moveToNextPage adds a table's repeatable header as addFragment(rep, true).
    if (page && useBlockXOffset === true && useBlockYOffset === undefined) {
      for (const it of page.items.slice(before)) if (it.type === 'line' || it.type === 'svg') it.item.krRepeat = true;
    }
    return r;
  } as Fn;
  const ourRenderPages = function (this: RendererThis, pages: unknown) {
    renderTagged(this, pages as Page[]);
  } as Fn;
  const ourProcessList = function (this: unknown, ordered: unknown, node: unknown) {
    markListLabels(node as ListNode);
    return processList.call(this, ordered, node);
  } as Fn;
  ours = {
    buildNextLine: ourBuildNextLine,
    addFragment: ourAddFragment,
    renderPages: ourRenderPages,
    processList: ourProcessList,
  };
  return true;
}

interface ListNode {
  ul?: ListItem[];
  ol?: ListItem[];
}
interface ListItem {
  krLbl?: TagNode;
  listMarker?: { canvas?: { krLbl?: TagNode }[]; _inlines?: { krLbl?: TagNode }[] };
}

/** pdfmake measured each item's marker (DocMeasure); the item's Lbl (blocks.ts) goes onto the bullet or number it draws. */
function markListLabels(node: ListNode): void {
  for (const item of node.ul ?? node.ol ?? []) {
    const m = item.listMarker;
    if (!item.krLbl || !m) continue;
    if (m.canvas?.[0]) m.canvas[0].krLbl = item.krLbl;
    if (m._inlines?.[0]) m._inlines[0].krLbl = item.krLbl;
  }
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

interface LinkInline {
  text: string;
  x: number;
  width: number;
  link?: string | null;
  linkToDestination?: string | null;
  linkToPage?: number | null;
  krLbl?: TagNode;
}
interface LinkLine extends Line {
  x: number;
  y: number;
  inlines: LinkInline[];
  id?: unknown;
  _outline?: unknown;
  _pageNodeRef?: unknown;
  getHeight(): number;
  getAscenderHeight(): number;
}
interface Annotating {
  ref(data: object): { end(): void };
  annotate(x: number, y: number, w: number, h: number, options: object): unknown;
}

const linkOf = (i: LinkInline): string | undefined =>
  i.link ? `u:${i.link}` : i.linkToDestination ? `d:${i.linkToDestination}` : undefined;

function hasLinks(line: LinkLine): boolean {
  return Array.isArray(line.inlines) && line.inlines.some((i) => linkOf(i) !== undefined);
}

/** An ordered list's number is a line of its own, a bullet a vector: either carries its Lbl (markListLabels). */
function labelOf(type: string, item: unknown): TagNode | undefined {
  const it = item as { krLbl?: TagNode; inlines?: LinkInline[] };
  if (type === 'vector') return it.krLbl;
  if (type === 'line' && it.inlines?.length === 1) return it.inlines[0]!.krLbl;
  return undefined;
}

/**
 * A line with links (URLs, internal references, table-of-contents entries): each run of words
 * with one target becomes a Link element inside the line's element, holding its marked content
 * and an object reference (OBJR) to its annotation, whose /Contents says where it goes
 * (PDF/UA-1 7.18.5). The rest of the line stays content of the line's element, in order.
 */
function renderWithLinks(r: RendererThis, line: LinkLine, parent: StructElement, role: string): void {
  const doc = r.pdfDocument as RendererThis['pdfDocument'] & Annotating;
  const height = line.getHeight();
  const ascender = line.getAscenderHeight();
  const runs: LinkInline[][] = [];
  for (const i of line.inlines) {
    const last = runs[runs.length - 1];
    if (last && linkOf(last[0]!) === linkOf(i)) last.push(i);
    else runs.push([i]);
  }
  runs.forEach((run, k) => {
    const target = linkOf(run[0]!);
    // The line's outline entry, destination and page-number reference belong to its first run only.
    const part: LinkLine = Object.assign(Object.create(Object.getPrototypeOf(line) as object) as LinkLine, line, {
      inlines: run,
      getHeight: () => height,
      getAscenderHeight: () => ascender,
      ...(k > 0 ? { _outline: undefined, id: undefined, _pageNodeRef: undefined } : {}),
    });
    if (!target) {
      const content = doc.markStructureContent(role);
      r.renderLine(part, line.x, line.y);
      doc.endMarkedContent();
      parent.add(content);
      return;
    }
    const link = doc.struct('Link');
    parent.add(link);
    const first = run[0]!;
    const url = first.link;
    const dest = first.linkToDestination;
    // pdfkit would make an annotation outside the structure tree: this one is made below, inside it.
    for (const i of run) {
      i.link = null;
      i.linkToDestination = null;
    }
    const content = doc.markStructureContent('Link');
    r.renderLine(part, line.x, line.y);
    doc.endMarkedContent();
    link.add(content);
    const text = run
      .map((i) => i.text)
      .join('')
      .trim();
    const x0 = Math.min(...run.map((i) => i.x));
    const x1 = Math.max(...run.map((i) => i.x + i.width));
    const action = doc.ref(url ? { S: 'URI', URI: new String(url) } : { S: 'GoTo', D: new String(dest ?? '') });
    action.end();
    doc.annotate(line.x + x0, line.y, x1 - x0, height, {
      Subtype: 'Link',
      A: action,
      // A table-of-contents entry's page number is a link too: "Gå till sidan 7", not "Gå till 7".
      Contents: new String(url ? `${text} (${url})` : `Gå till ${/^\d+$/.test(text) ? `sidan ${text}` : text}`),
      structParent: link,
    });
    // Ended now, so pdfkit writes it with this page as the annotation's page.
    link.end();
  });
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
      // A list's marker line or bullet carries its LI's Lbl (tagList, markListLabels).
      const tag = root && !item.krRepeat ? (item.krTag ?? labelOf(type, item)) : undefined;
      if (type === 'line' && tag && hasLinks(item as LinkLine)) {
        renderWithLinks(r, item as LinkLine, elements.get(tag)!, tag.role);
        continue;
      }
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
