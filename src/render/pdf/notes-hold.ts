/**
 * A table longer than a page keeps its footnotes with its last rows. The hook in keep-together.ts
 * can only move a whole table, so for a table that has already broken over a page the last rows
 * themselves hold back: each of their text nodes carries `krHold` (the height that must follow the
 * row on its page: the notes, and for the second-last row the last row too), the tagging hook on
 * `buildNextLine` puts it on the row's lines, and the one on `ElementWriter.addFragment` refuses a
 * kept row whose hold does not fit below it, so pdfmake moves the row to the next page, where the
 * rest follows. On the page the table starts on, nothing holds back: there keep-together.ts moves
 * the whole table rather than split a table that fits a page.
 */

/** The table a held row belongs to: the page its head was placed on, noted while laying out. */
export interface HeldTable {
  startPage?: number;
}
export interface Hold {
  height: number;
  table: HeldTable;
}

/** Height of a note line (7.5 pt at line height 1.2, with its 1 pt margin) and of a one-line table row (8 pt, padding 2 + 2, rule). */
const NOTE_LINE = 10;
const ROW = 14.5;
/** Characters of a 7.5 pt note on one line of the text area (a generous guess: fewer fit, never more). */
const NOTE_CHARS_PER_LINE = 110;

/** The height the notes under a table need, guessed from their length (over rather than under). */
export function notesHeight(notes: string[]): number {
  return notes.reduce((h, n) => h + NOTE_LINE * Math.max(1, Math.ceil(n.length / NOTE_CHARS_PER_LINE)), 0) + 2;
}

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && !Array.isArray(x);

function markText(x: unknown, hold: Hold, key: 'krHold' | 'krHeld'): void {
  if (Array.isArray(x)) return x.forEach((k) => markText(k, hold, key));
  if (!isNode(x)) return;
  if (x.text !== undefined) x[key] = key === 'krHold' ? hold : hold.table;
  if (Array.isArray(x.stack)) markText(x.stack, hold, key);
}

/**
 * Marks a table body so that its last two rows stay with the notes below it (`notes`: their
 * texts), and its first row notes the page the table starts on. Needs at least one body row.
 */
export function holdWithNotes(body: unknown[][], headerRows: number, notes: string[]): void {
  if (!notes.length || body.length <= headerRows) return;
  const table: HeldTable = {};
  markText(body[0], { height: 0, table }, 'krHeld');
  const h = notesHeight(notes);
  const last = body.length - 1;
  markText(body[last], { height: h, table }, 'krHold');
  if (last - 1 >= headerRows) markText(body[last - 1], { height: h + ROW, table }, 'krHold');
}

interface FragmentLine {
  krHold?: Hold;
  krHeld?: HeldTable;
}
interface Fragment {
  height: number;
  items: { type: string; item: FragmentLine }[];
}
export interface HoldContext {
  page: number;
  availableHeight: number;
  pageMargins: { top: number; bottom: number };
  getCurrentPage(): { pageSize: { height: number } } | null;
}

/** Whether a kept block (a table row) must go to the next page to stay with what it holds. */
export function mustHoldBack(ctx: HoldContext, block: Fragment): boolean {
  let hold: Hold | undefined;
  for (const { type, item } of block.items)
    if (type === 'line' && item.krHold && (!hold || item.krHold.height > hold.height)) hold = item.krHold;
  if (!hold || hold.table.startPage === undefined || hold.table.startPage === ctx.page) return false;
  const need = block.height + hold.height;
  if (need <= ctx.availableHeight) return false;
  // Only when the row and its hold fit on a fresh page (less a repeated head), so a page is never left for nothing.
  const page = ctx.getCurrentPage();
  const inner = page ? page.pageSize.height - ctx.pageMargins.top - ctx.pageMargins.bottom : 0;
  return need < inner / 2;
}

/** Notes the page a held table's first row was placed on. */
export function noteTableStart(ctx: HoldContext, block: Fragment): void {
  for (const { type, item } of block.items)
    if (type === 'line' && item.krHeld) {
      item.krHeld.startPage = ctx.page;
      return;
    }
}
