// Part of page-break-passes.ts's LayoutBuilder.prototype.layoutDocument for pdfmake 0.3.11 (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';

/**
 * The document laid out once, deciding the page breaks of the `pageBreakBefore` hook as it goes.
 *
 * pdfmake asks the hook about every node of a finished layout and lays the whole document out
 * again after each break it asks for; page-break-passes.ts took one break per part between hard
 * page breaks per layout, but a long part (a chapter of many tables) still took one layout per
 * break: the work grew with the square of the report. The hook only looks at a node's own page
 * and the next (pdfmake's `getFollowingNodesOnPage`, `getNodesOnNextPage`,
 * `getPreviousNodesOnPage`), so here the top-level blocks are laid out one after another, and a
 * node is asked as soon as the layout has passed the end of the page after its first page. When
 * the hook asks for a break, the layout goes back to where the node's top-level block began
 * (pdfmake's page and position, the pages' items and the node list, kept for each block) and
 * goes on from there with the break. Nodes are asked in the same order and each sees the same
 * pages as in pdfmake's own rounds, so the pages are the same: a test compares the bytes.
 *
 * One difference a hook could see: `pages` in a node's info is the number of pages laid out so
 * far, not the final count (keep-together.ts does not read it).
 *
 * Only a document whose root is a stack of blocks is laid out this way; anything else (a section,
 * a hook that breaks before the whole document, a block that leaves pdfmake's writer inside a
 * transaction) returns undefined, and the caller lays it out in rounds as before.
 */

export interface StreamNode {
  positions: { pageNumber: number }[];
  text?: unknown;
  listMarker?: unknown;
  pageBreak?: string;
  pageBreakCalculated?: boolean;
  nodeInfo: NodeInfo;
  stack?: StreamNode[];
  section?: unknown;
  resetXY?(): void;
  [k: string]: unknown;
}
export interface NodeInfo {
  pageNumbers: number[];
  [k: string]: unknown;
}
export type Hook = (
  info: NodeInfo,
  n: {
    getFollowingNodesOnPage(): NodeInfo[];
    getNodesOnNextPage(): NodeInfo[];
    getPreviousNodesOnPage(): NodeInfo[];
  },
) => boolean;

interface Page {
  items: unknown[];
}
interface Context {
  page: number;
  pages: Page[];
  backgroundLength: number[];
  snapshots: unknown[];
  addListener(event: string, f: (page: unknown) => void): void;
}
interface Writer {
  transactionLevel: number;
  repeatables: unknown[];
  contextStack?: unknown[];
  context(): Context;
  addPage(pageSize: unknown, orientation: unknown, margins: unknown): void;
}
export interface StreamBuilder {
  docPreprocessor: { preprocessDocument(n: unknown): StreamNode };
  docMeasure: { measureDocument(n: unknown): StreamNode; measureNode(n: unknown): StreamNode; styleStack: Stack };
  writer: Writer;
  linearNodeList: StreamNode[];
  pageSize: unknown;
  pageMargins: unknown;
  processNode(n: StreamNode): void;
  processVerticalContainer(n: StreamNode): void;
  addBackground(background: unknown): void;
  addHeadersAndFooters(header: unknown, footer: unknown): void;
  addWatermark(watermark: unknown, pdfDocument: unknown, defaultStyle: unknown): void;
}
interface Stack {
  auto<T>(node: unknown, f: () => T): T;
}

/** What pdfmake 0.3 tells the hook about a node (LayoutBuilder.addPageBreaksIfNecessary). */
export const INFO_KEYS = [
  'id',
  'text',
  'ul',
  'ol',
  'table',
  'image',
  'qr',
  'canvas',
  'svg',
  'columns',
  'headlineLevel',
  'style',
  'pageBreak',
  'pageOrientation',
  'width',
  'height',
];

/** Whether pdfmake asks the hook about a node at all. */
export const asked = (n: StreamNode): boolean => n && n.positions.length > 0 && !(n.text === '' && !n.listMarker);

export function nodeInfo(node: StreamNode, pages: number): NodeInfo {
  const info: NodeInfo = { pageNumbers: [] };
  for (const k of INFO_KEYS) if (node[k] !== undefined) info[k] = node[k];
  info.startPosition = node.positions[0];
  info.pageNumbers = Array.from(new Set(node.positions.map((p) => p.pageNumber)));
  info.pages = pages;
  info.stack = Array.isArray(node.stack);
  return info;
}

/** The first position in an ascending list whose value is at least `v`. */
export function firstAtLeast(list: readonly number[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where pdfmake stood before a top-level block: enough to go back there. */
interface Mark {
  context: Record<string, unknown>;
  pages: number;
  /** The current page's items: a table draws its cells' fills at the start of a page, not at its end. */
  items: unknown[];
  backgroundLength: number[];
  list: number;
  rootPositions: number;
  asked: number;
}

const require = createRequire(import.meta.url);

export function layoutStreamed(
  b: StreamBuilder,
  docStructure: unknown,
  hook: Hook,
  args: {
    pdfDocument: unknown;
    background: unknown;
    header: unknown;
    footer: unknown;
    watermark: unknown;
    defaultStyle: unknown;
  },
): Page[] | undefined {
  const PageElementWriter = (require('pdfmake/js/PageElementWriter.js') as { default: new (c: unknown) => Writer })
    .default;
  const DocumentContext = (require('pdfmake/js/DocumentContext.js') as { default: new () => Context }).default;
  b.linearNodeList = [];
  const root = b.docMeasure.measureDocument(b.docPreprocessor.preprocessDocument(docStructure));
  const kids = root.stack;
  if (!kids || root.section || root.pageBreak || kids.some((k) => k.section)) return undefined;
  b.writer = new PageElementWriter(new DocumentContext());
  b.writer.context().addListener('pageAdded', () => b.addBackground(args.background));
  b.writer.addPage(b.pageSize, null, b.pageMargins);

  const list = b.linearNodeList;
  /** The nodes the hook is asked about, in layout order, with each one's place in `list`. */
  const nodes: StreamNode[] = [];
  const at = new Map<StreamNode, number>();
  const byPage = new Map<number, number[]>();
  const marks: Mark[] = [];
  const laidOut = new Set<StreamNode>();
  let scanned = 0;
  let next = 0;
  let released = 0;
  let unsupported = false;
  /** Nodes asked, and those given a break: put back as they were if the rounds must take over. */
  const askedNodes: StreamNode[] = [];
  const broken: StreamNode[] = [];
  const undo = (): undefined => {
    for (const n of askedNodes) delete n.pageBreakCalculated;
    for (const n of broken) delete n.pageBreak;
    return undefined;
  };

  const context = (): Context => b.writer.context();
  const mark = (): Mark => {
    const c = context();
    return {
      context: { ...(c as unknown as Record<string, unknown>) },
      pages: c.pages.length,
      items: [...(c.pages[c.page]?.items ?? [])],
      backgroundLength: [...c.backgroundLength],
      list: list.length,
      rootPositions: root.positions.length,
      asked: nodes.length,
    };
  };
  /** The writer between top-level blocks: no open transaction, repeated rows or snapshots. */
  const settled = (): boolean =>
    b.writer.transactionLevel === 0 &&
    b.writer.repeatables.length === 0 &&
    (b.writer.contextStack?.length ?? 0) === 0 &&
    context().snapshots.length === 0;

  const goBack = (k: number): void => {
    const m = marks[k]!;
    const c = context();
    for (let j = m.list; j < list.length; j++) list[j]!.resetXY?.();
    c.pages.length = m.pages;
    const page = c.pages[m.context.page as number];
    if (page) page.items.splice(0, page.items.length, ...m.items);
    Object.assign(c, m.context);
    c.backgroundLength = [...m.backgroundLength];
    list.length = m.list;
    root.positions.length = m.rootPositions;
    for (let j = m.asked; j < nodes.length; j++) {
      const n = nodes[j]!;
      at.delete(n);
      for (const p of n.nodeInfo.pageNumbers) {
        const l = byPage.get(p);
        if (l) l.length = firstAtLeast(l, m.asked);
      }
    }
    nodes.length = m.asked;
    scanned = m.list;
    next = Math.min(next, m.asked);
    released = Math.min(released, k);
  };

  /** The top-level block a node of `list` belongs to: the last one that began at or before it. */
  const blockOf = (listIndex: number, upTo: number): number => {
    let lo = 0;
    let hi = upTo;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid]!.list <= listIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };

  const onPage = (p: number, from: number, to: number): NodeInfo[] => {
    const l = byPage.get(p) ?? [];
    return l.slice(firstAtLeast(l, from), firstAtLeast(l, to)).map((i) => nodes[i]!.nodeInfo);
  };

  const streamRoot = (): void => {
    let i = 0;
    while (i < kids.length && !unsupported) {
      if (!settled()) {
        unsupported = true;
        return;
      }
      marks[i] = mark();
      const kid = kids[i]!;
      // pdfmake's layout uses up a text's measured words: a block laid out before is measured again.
      if (laidOut.has(kid)) b.docMeasure.styleStack.auto(root, () => b.docMeasure.measureNode(kid));
      laidOut.add(kid);
      b.processNode(kid);
      root.positions.push(...kid.positions);
      i++;
      for (; scanned < list.length; scanned++) {
        const n = list[scanned]!;
        if (n === root || !asked(n)) continue;
        n.nodeInfo = nodeInfo(n, context().pages.length);
        at.set(n, scanned);
        for (const p of n.nodeInfo.pageNumbers) {
          const l = byPage.get(p);
          if (l) l.push(nodes.length);
          else byPage.set(p, [nodes.length]);
        }
        nodes.push(n);
      }
      const current = context().page + 1;
      const last = i === kids.length;
      while (next < nodes.length) {
        const n = nodes[next]!;
        const p = n.nodeInfo.pageNumbers[0]!;
        // Its page and the next must be finished: the layout has gone on past them.
        if (!last && p + 1 >= current) break;
        const k = next++;
        if (n.pageBreak === 'before' || n.pageBreakCalculated) continue;
        n.pageBreakCalculated = true;
        askedNodes.push(n);
        const breaks = hook(n.nodeInfo, {
          getFollowingNodesOnPage: () => onPage(p, k + 1, nodes.length),
          getNodesOnNextPage: () => onPage(p + 1, k + 1, nodes.length),
          getPreviousNodesOnPage: () => onPage(p, 0, k),
        });
        if (breaks) {
          n.pageBreak = 'before';
          broken.push(n);
          const block = blockOf(at.get(n)!, i);
          goBack(block);
          i = block;
          break;
        }
      }
      // A later break goes back at most to the block of the first node not yet asked: the
      // copies of items kept for blocks before it are let go (a long report has thousands).
      const first = nodes[next];
      const keep = first ? blockOf(at.get(first)!, i) : i;
      for (; released < keep; released++) marks[released]!.items = [];
    }
  };

  const own = b.processVerticalContainer;
  b.processVerticalContainer = function (this: StreamBuilder, node: StreamNode) {
    if (node === root) streamRoot();
    else own.call(this, node);
  };
  try {
    b.processNode(root);
  } finally {
    delete (b as unknown as Record<string, unknown>).processVerticalContainer;
    if (b.processVerticalContainer !== own) b.processVerticalContainer = own;
  }
  if (unsupported) return undo();
  // pdfmake asks about the whole document first; a hook that breaks before it is left to the rounds.
  if (asked(root)) {
    const info = nodeInfo(root, context().pages.length);
    const all = nodes.map((n) => n.nodeInfo);
    const p = info.pageNumbers[0]!;
    const none = (): NodeInfo[] => [];
    const pageOf = (q: number) => (): NodeInfo[] => all.filter((x) => x.pageNumbers.includes(q));
    if (
      hook(info, {
        getFollowingNodesOnPage: pageOf(p),
        getNodesOnNextPage: pageOf(p + 1),
        getPreviousNodesOnPage: none,
      })
    )
      return undo();
    root.pageBreakCalculated = true;
  }
  b.addHeadersAndFooters(args.header, args.footer);
  b.addWatermark(args.watermark, args.pdfDocument, args.defaultStyle);
  return context().pages;
}
