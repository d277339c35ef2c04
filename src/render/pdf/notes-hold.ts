/**
 * A table's last rows never stand one or two alone on a page, and a table longer than a page keeps
 * its footnotes with its last rows. The hook in keep-together.ts
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
  /** Without notes, rows hold back on the table's first page too: there is nothing to move whole. */
  fromStart?: boolean;
}
export interface Hold {
  height: number;
  table: HeldTable;
}

/** Height of a note line (7.5 pt at line height 1.2, with its 1 pt margin); of a line of a table row (8 pt) and a row's padding and rule. */
const NOTE_LINE = 10;
const ROW_LINE = 9.6;
const ROW_PADDING = 4.5;
const ROW_SLACK = 3;
/** Characters of a row's widest cell on one line: a narrow label column (eight figure columns); more rows hold back where it is wider. */
const ROW_CHARS_PER_LINE = 30;
/** Characters of a 7.5 pt note on one line of the text area (a generous guess: fewer fit, never more). */
const NOTE_CHARS_PER_LINE = 110;

/** The height the notes under a table need, guessed from their length (over rather than under). */
export function notesHeight(notes: string[]): number {
  return notes.reduce((h, n) => h + NOTE_LINE * Math.max(1, Math.ceil(n.length / NOTE_CHARS_PER_LINE)), 0) + 2;
}

/** Characters of text in a cell, nested stacks and inline arrays included. */
export function cellChars(c: unknown): number {
  if (typeof c === 'string') return c.length;
  if (Array.isArray(c)) return c.reduce<number>((n, x) => n + cellChars(x), 0);
  if (c && typeof c === 'object') {
    const o = c as { text?: unknown; stack?: unknown };
    return cellChars(o.text) + cellChars(o.stack);
  }
  return 0;
}

/** A row's height, guessed from its longest cell. */
function rowHeight(row: unknown[]): number {
  const longest = Math.max(0, ...row.map((c) => cellChars(c)));
  return ROW_PADDING + ROW_LINE * Math.max(1, Math.ceil(longest / ROW_CHARS_PER_LINE));
}

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && !Array.isArray(x);

function markText(x: unknown, hold: Hold, key: 'krHold' | 'krHeld'): void {
  if (Array.isArray(x)) return x.forEach((k) => markText(k, hold, key));
  if (!isNode(x)) return;
  if (x.text !== undefined) x[key] = key === 'krHold' ? hold : hold.table;
  if (Array.isArray(x.stack)) markText(x.stack, hold, key);
}

/** Fewest rows of a table a page may hold after the table began on an earlier page (with the notes, if any). */
const TAIL_ROWS = 3;

/**
 * Marks a table body so that its last rows never stand one or two alone on a page, and stay with
 * the notes below it (`notes`: their texts): each of the last three rows holds the height of the
 * rows after it and of the notes. Its first row notes the page the table starts on; with notes,
 * nothing holds back on that page (keep-together.ts moves a table that fits a page whole instead).
 */
export function holdWithNotes(body: unknown[][], headerRows: number, notes: string[]): void {
  if (body.length <= headerRows) return;
  const table: HeldTable = { ...(notes.length ? {} : { fromStart: true }) };
  markText(body[0], { height: 0, table }, 'krHeld');
  let h = notes.length ? notesHeight(notes) : 0;
  for (let k = 0; k < TAIL_ROWS; k++) {
    const row = body.length - 1 - k;
    if (row < headerRows) break;
    if (h > 0) markText(body[row], { height: h, table }, 'krHold');
    // A little over the guess: a row that lets the next one fall short by a point strands it.
    h += rowHeight(body[row]!) + ROW_SLACK;
  }
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
  if (!hold || hold.table.startPage === undefined) return false;
  if (hold.table.startPage === ctx.page && !hold.table.fromStart) return false;
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
