import { TABLE_NOTE } from './styles.js';

/**
 * pdfmake's `pageBreakBefore` hook: a heading or caption (any node with a `headlineLevel`) moves
 * to the next page when what follows it cannot start below it on this page. pdfmake calls it for
 * every node after a layout, and lays the document out again after each break it asks for.
 */

/** What pdfmake 0.3 tells the hook about a node (LayoutBuilder.addPageBreaksIfNecessary). */
export interface NodeInfo {
  headlineLevel?: number;
  style?: unknown;
  table?: unknown;
  text?: unknown;
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
/**
 * Room below a table's start for its head and first rows. pdfmake records a table as starting
 * where its caption ends even when its kept head rows then move to the next page, so the room is
 * judged here: the head of a goal table (column heads, the goal, its first indicator) needs this much.
 */
const MIN_TABLE = 110;
/** Room below a caption for it and its table's head rows. */
const NEED_CAPTION_TABLE = MIN_TABLE + 20;
/** Captions are headlineLevel 7 (blocks.ts); headings 1–6. */
const CAPTION_LEVEL = 7;
/** A chapter's last paragraph up to this length moves whole rather than leave its tail alone on a page. */
const WIDOW_CHARS = 1500;
/** Room a caption or subheading directly below a heading needs: itself and a table's head and first rows. */
const NEED_STACKED = 80;

/** The style of running headers and footers. */
export const RUNNING = 'header';

export function keepWithNext(topMargin: number): (node: NodeInfo, n: Neighbours) => boolean {
  return (node, n) => {
    if (node.pageBreak === 'before') return false;
    // Running headers and footers are nodes too (style RUNNING, render-pdf.ts): they neither follow nor continue anything.
    const inBody = (x: NodeInfo): boolean => x.style !== RUNNING;
    const next = n.getNodesOnNextPage().filter(inBody);
    const run = runOf(node);
    if (run) return widowedRun(run, next);
    if (node.table !== undefined) return notesStranded(node, n, next, topMargin);
    if (node.headlineLevel === undefined) return chapterTailAlone(node, next);
    // Nothing of this part continues on the next page: everything after the heading fits here.
    if (!next.length || next[0]!.pageBreak === 'before') return false;
    const p = node.startPosition;
    // Nodes laid out inside an unbreakable block (table rows, kept header rows) keep pdfmake 0.3's
    // block-relative page and top; only a node that starts below the heading on its page follows it.
    const following = n
      .getFollowingNodesOnPage()
      .filter((f) => inBody(f) && f.startPosition.pageNumber === p.pageNumber && f.startPosition.top > p.top);
    const first = following[0];
    if (!first) return true;
    const bottom = topMargin + p.pageInnerHeight;
    // A heading directly above captions or subheadings needs room for the last of them and its content.
    if (first.headlineLevel !== undefined) {
      let k = 0;
      while (following[k + 1]?.headlineLevel !== undefined) k++;
      const last = following[k]!;
      if (!following[k + 1]) return true;
      return (
        bottom - last.startPosition.top < (last.headlineLevel === CAPTION_LEVEL ? NEED_CAPTION_TABLE : NEED_STACKED)
      );
    }
    // The next block ends on this page: the heading is not alone.
    if (first.pageNumbers.length === 1 && first.pageNumbers[0] === p.pageNumber) return false;
    return bottom - first.startPosition.top < (first.table ? MIN_TABLE : MIN_START);
  };
}

/**
 * A table that ends on this page while its footnotes start the next one: the table moves to the
 * next page with them (its caption follows, as a caption never stays without its table). Only a
 * table that fits on one page and does not start at the page's top can move; for a goal area of
 * several tables, only the last one before the notes (no other table follows it on the page).
 */
function notesStranded(node: NodeInfo, n: Neighbours, next: NodeInfo[], topMargin: number): boolean {
  if (node.pageNumbers.length !== 1 || next[0]?.style !== TABLE_NOTE) return false;
  const p = node.startPosition;
  if (p.top <= topMargin + MIN_START) return false;
  return !n
    .getFollowingNodesOnPage()
    .some((f) => f.style !== RUNNING && f.table !== undefined && f.startPosition.pageNumber === p.pageNumber);
}

/** A block's place in a run of small blocks read as one (the table of contents' entries, toc.ts; a list's items, blocks.ts). */
interface KeptRun {
  id: string;
  nr: number;
  antal: number;
}
/** Fewest members of a run a page may hold when the run began on the page before. */
const RUN_TAIL = 3;

/**
 * Member `nr` of `antal` of the run `id`: spread into a one-row table's `table`, or given as a
 * list item's `style` (an object style pdfmake merges and ignores the key of). pdfmake hands both
 * objects to the hook.
 */
export function keptRun(id: string, nr: number, antal: number): { krRun: KeptRun } {
  return { krRun: { id, nr, antal } };
}

function runOf(x: NodeInfo | undefined): KeptRun | undefined {
  for (const o of [x?.table, x?.style])
    if (o && typeof o === 'object' && !Array.isArray(o) && (o as { krRun?: KeptRun }).krRun)
      return (o as { krRun: KeptRun }).krRun;
  return undefined;
}

/**
 * A run whose last one or two members stand alone on the next page (a widow): the member that
 * makes the tail three moves to that page, so it is never a line or two of something that began
 * before. The first member never moves (the run's heading keeps it, keepWithNext).
 */
function widowedRun(run: KeptRun, next: NodeInfo[]): boolean {
  if (run.nr === 0 || run.nr !== run.antal - RUN_TAIL) return false;
  const tail = next.map(runOf).filter((r) => r?.id === run.id);
  return tail.length > 0 && tail.length < RUN_TAIL && tail.at(-1)!.nr === run.antal - 1;
}

/** A paragraph that ends a chapter with its last lines alone on the next page (nothing else there): it moves whole. */
function chapterTailAlone(node: NodeInfo, next: NodeInfo[]): boolean {
  if (node.style !== 'p' || node.pageNumbers.length !== 2) return false;
  if (textLength(node.text) > WIDOW_CHARS) return false;
  return !next.length || next[0]!.pageBreak === 'before';
}

function textLength(t: unknown): number {
  if (typeof t === 'string') return t.length;
  if (Array.isArray(t)) return t.reduce<number>((n, x) => n + textLength(x), 0);
  if (t && typeof t === 'object') return textLength((t as { text?: unknown }).text);
  return 0;
}
