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

/** Room below the next block's start for it to begin here: three lines of text. (A table moves whole when its head and first rows do not fit.) */
const MIN_START = 36;
/** Room a caption or subheading directly below a heading needs: itself and a table's head and first rows. */
const NEED_STACKED = 80;

export function keepWithNext(topMargin: number): (node: NodeInfo, n: Neighbours) => boolean {
  return (node, n) => {
    if (node.headlineLevel === undefined || node.pageBreak === 'before') return false;
    const next = n.getNodesOnNextPage();
    // Nothing of this part continues on the next page: everything after the heading fits here.
    if (!next.length || next[0]!.pageBreak === 'before') return false;
    const p = node.startPosition;
    // Nodes laid out inside an unbreakable block (table rows, kept header rows) keep pdfmake 0.3's
    // block-relative page and top; only a node that starts below the heading on its page follows it.
    const first = n.getFollowingNodesOnPage().find((f) => f.startPosition.pageNumber === p.pageNumber && f.startPosition.top > p.top);
    if (!first) return true;
    const bottom = topMargin + p.pageInnerHeight;
    // A heading directly above a caption or a subheading needs room for that one's content too.
    if (first.headlineLevel !== undefined) return bottom - first.startPosition.top < NEED_STACKED;
    // The next block ends on this page: the heading is not alone.
    if (first.pageNumbers.length === 1 && first.pageNumbers[0] === p.pageNumber) return false;
    return bottom - first.startPosition.top < MIN_START;
  };
}
