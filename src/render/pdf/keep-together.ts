/**
 * pdfmake's `pageBreakBefore` hook: a heading or caption (any node with a `headlineLevel`) moves
 * to the next page when what follows it cannot start below it on this page. pdfmake calls it for
 * every node after a layout, and lays the document out again after each break it asks for.
 */

/** What pdfmake 0.3 tells the hook about a node (LayoutBuilder.addPageBreaksIfNecessary). */
export interface NodeInfo {
  headlineLevel?: number;
  pageBreak?: string;
  pageNumbers: number[];
  startPosition: { top: number; pageInnerHeight: number; pageNumber: number };
}
export interface Neighbours {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
}

/** Room a heading needs below its top: itself and about three lines, or a table's head and two rows. */
const NEED_HEADING = 95;
/** A caption needs its own line and a table's head and first rows. */
const NEED_CAPTION = 80;
/** Captions are headlineLevel 7 (blocks.ts); headings 1–6. */
const CAPTION_LEVEL = 7;

export function keepWithNext(topMargin: number): (node: NodeInfo, n: Neighbours) => boolean {
  return (node, n) => {
    if (node.headlineLevel === undefined || node.pageBreak === 'before') return false;
    const next = n.getNodesOnNextPage();
    // Nothing of this part continues on the next page: everything after the heading fits here.
    if (!next.length || next[0]!.pageBreak === 'before') return false;
    const following = n.getFollowingNodesOnPage();
    if (!following.length) return true;
    const p = node.startPosition;
    const room = topMargin + p.pageInnerHeight - p.top;
    const caption = node.headlineLevel === CAPTION_LEVEL;
    // A heading directly followed by a caption or a subheading needs room for both.
    const stacked = following[0]!.headlineLevel !== undefined && !caption ? NEED_CAPTION : 0;
    return room < (caption ? NEED_CAPTION : NEED_HEADING) + stacked;
  };
}
