// Replaces pdfmake 0.3.11: LayoutBuilder.prototype.layoutDocument (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';
import {
  asked,
  firstAtLeast,
  layoutStreamed,
  nodeInfo,
  type Hook,
  type NodeInfo,
  type StreamBuilder,
  type StreamNode,
} from './layout-stream.js';

/**
 * pdfmake 0.3.11's LayoutBuilder.layoutDocument asks `pageBreakBefore` about one node after
 * another and, at the first break it is asked for, lays the whole document out again: one layout
 * per break (the internbudget asked for 8). This replacement lays a document whose root is a
 * stack of blocks out once, deciding the breaks as it goes (layout-stream.ts). Anything else is
 * laid out in rounds: a break only moves what comes after it up to the next hard page break (a
 * chapter starts on a new page), so each round asks on past that break, and every part between
 * hard breaks may get one break per layout. Nodes skipped in a part that got a break are asked
 * again in the next round, as pdfmake would. Same pages, fewer layouts; `useBatchedPageBreaks`
 * reports whether the method was found.
 */

type LNode = StreamNode & { resetXY(): void };
interface LayoutResult {
  linearNodeList: LNode[];
  pages: unknown[];
}
interface Builder {
  docPreprocessor: unknown;
  docMeasure: unknown;
  svgMeasure: unknown;
  tableLayouts: unknown;
  tryLayoutDocument(...a: unknown[]): LayoutResult;
}

/** One pass: asks the hook about every node; returns whether any break was added. */
function addPageBreaks(list: LNode[], pages: unknown[], hook: Hook): boolean {
  const nodes = list.filter(asked);
  for (const node of nodes) node.nodeInfo = nodeInfo(node, pages.length);
  // The nodes on each page, in order: the hook asks about a page's nodes for every node, and a
  // scan of the whole list each time made a pass grow with the square of the document.
  const byPage = new Map<number, number[]>();
  nodes.forEach((node, i) => {
    for (const p of node.nodeInfo.pageNumbers) {
      const list = byPage.get(p);
      if (list) list.push(i);
      else byPage.set(p, [i]);
    }
  });
  let added = false;
  let partHasBreak = false;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.pageBreak === 'before') {
      // A hard break: what follows starts on a new page whatever happened before it.
      partHasBreak = false;
      continue;
    }
    if (partHasBreak || node.pageBreakCalculated) continue;
    node.pageBreakCalculated = true;
    const pageNumber = node.nodeInfo.pageNumbers[0]!;
    const on = (p: number, from: number, to: number): NodeInfo[] => {
      const list = byPage.get(p) ?? [];
      return list.slice(firstAtLeast(list, from), firstAtLeast(list, to)).map((i) => nodes[i]!.nodeInfo);
    };
    if (
      hook(node.nodeInfo, {
        getFollowingNodesOnPage: () => on(pageNumber, index + 1, nodes.length),
        getNodesOnNextPage: () => on(pageNumber + 1, index + 1, nodes.length),
        getPreviousNodesOnPage: () => on(pageNumber, 0, index),
      })
    ) {
      node.pageBreak = 'before';
      added = true;
      partHasBreak = true;
    }
  }
  return added;
}

const require = createRequire(import.meta.url);
let installed: boolean | undefined;
let streamed = true;

/** On (the default): one layout deciding the breaks as it goes; off: layouts in rounds (tests, bench). */
export function useStreamedLayout(on: boolean): void {
  streamed = on;
}
let original: unknown;
let batched: unknown;

/** On: our layoutDocument; off: pdfmake's own (for the test that both give the same bytes). */
export function useBatchedPageBreaks(on = true): boolean {
  if (installed === undefined) install();
  if (!installed) return false;
  const LayoutBuilder = (require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: Record<string, unknown> } })
    .default;
  LayoutBuilder.prototype.layoutDocument = on ? batched : original;
  return true;
}

/** Whether the method is ours right now (src/render/pdf/patches.ts). */
export function batchedPageBreaksInstalled(): boolean {
  const LayoutBuilder = (require('pdfmake/js/LayoutBuilder.js') as { default?: { prototype: Record<string, unknown> } })
    .default;
  return !!batched && LayoutBuilder?.prototype.layoutDocument === batched;
}

function install(): void {
  const LayoutBuilder = (require('pdfmake/js/LayoutBuilder.js') as { default?: { prototype: Record<string, unknown> } })
    .default;
  const DocPreprocessor = (require('pdfmake/js/DocPreprocessor.js') as { default?: new () => unknown }).default;
  const DocMeasure = (require('pdfmake/js/DocMeasure.js') as { default?: new (...a: unknown[]) => unknown }).default;
  if (
    !LayoutBuilder ||
    typeof LayoutBuilder.prototype.layoutDocument !== 'function' ||
    typeof LayoutBuilder.prototype.tryLayoutDocument !== 'function' ||
    !DocPreprocessor ||
    !DocMeasure
  ) {
    installed = false;
    return;
  }
  original = LayoutBuilder.prototype.layoutDocument;
  batched = function (
    this: Builder,
    docStructure: unknown,
    pdfDocument: unknown,
    styleDictionary: unknown,
    defaultStyle: unknown,
    background: unknown,
    header: unknown,
    footer: unknown,
    watermark: unknown,
    pageBreakBeforeFct: unknown,
  ) {
    this.docPreprocessor = new DocPreprocessor();
    this.docMeasure = new DocMeasure(pdfDocument, styleDictionary, defaultStyle, this.svgMeasure, this.tableLayouts);
    // pdfmake wraps an array in a new stack node on every round; wrapped once here, every node
    // of the document is the same object in every round (measure-reuse.ts relies on it).
    const root = Array.isArray(docStructure) ? { stack: docStructure } : docStructure;
    const layout = (): LayoutResult =>
      this.tryLayoutDocument(root, pdfDocument, styleDictionary, defaultStyle, background, header, footer, watermark);
    if (streamed && typeof pageBreakBeforeFct === 'function') {
      const pages = layoutStreamed(this as unknown as StreamBuilder, root, pageBreakBeforeFct as Hook, {
        pdfDocument,
        background,
        header,
        footer,
        watermark,
        defaultStyle,
      });
      if (pages) return pages;
    }
    let result = layout();
    if (typeof pageBreakBeforeFct === 'function') {
      while (addPageBreaks(result.linearNodeList, result.pages, pageBreakBeforeFct as Hook)) {
        result.linearNodeList.forEach((n) => n.resetXY());
        result = layout();
      }
    }
    return result.pages;
  };
  installed = true;
}
