import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { textWidth as measure } from '../chart/index.js';
import { textWidth, type Orientation } from './page.js';
import { COLOR, SIZE } from './styles.js';

/** One cell: its paragraphs' runs (plain text or ready runs), alignment, indent, row span. */
export interface GridCell {
  text: string | ParagraphChild[];
  /** Further paragraphs under the first (a goal's description, an indicator's explanation). */
  under?: { text: string; italics?: boolean }[];
  right?: boolean;
  /** Left indent in twips (a row's level). */
  indent?: number;
  rowSpan?: number;
}

export interface GridRow {
  cells: GridCell[];
  bold?: boolean;
  italics?: boolean;
  /** A rule above the row (summa rows). */
  rule?: boolean;
}

/** What a column needs, in twips, padding included: the least it can do with and what it would like. */
export interface ColumnNeed {
  min: number;
  pref: number;
  /** Gets room before the others (a row-label column: a label on one line reads better than a wide figure column). */
  first?: boolean;
}

export interface Grid {
  head: GridCell[];
  rows: GridRow[];
  needs: ColumnNeed[];
}

/** Tables are set in 8 pt; measured with the chart's Roboto metrics, widened to hold Arial and the wider faces a converter may substitute (DejaVu Sans). */
const PT = SIZE.table / 2;
const ARIAL = 1.2;
const PAD = 60;
const CELL_MARGIN = PAD;

const width = (s: string, bold = false): number => Math.ceil(measure(s, PT, bold) * ARIAL * 20);
const longestWord = (s: string, bold = false): number =>
  Math.max(0, ...s.split(/[\s\u00a0]+(?=\S)/).map((w) => width(w, bold)));

/**
 * A column's need from its heading and its texts: numbers never break, so a numeric column needs
 * its widest value; text columns need their longest word and would like their longest line.
 */
export function need(
  heading: string,
  texts: string[],
  o: { numeric?: boolean; indent?: number; floor?: number; cap?: number; first?: boolean } = {},
): ColumnNeed {
  const pad = 2 * PAD + 40 + (o.indent ?? 0);
  const headMin = longestWord(heading, true);
  const valMin = Math.max(0, ...texts.map((t) => (o.numeric ? width(t) : longestWord(t))));
  const min = Math.max(headMin, valMin, o.floor ?? 0) + pad;
  const full = Math.max(width(heading, true), ...texts.map((t) => width(t)));
  const pref = Math.max(min, Math.min(full + pad, o.cap ?? Number.POSITIVE_INFINITY));
  return { min, pref, ...(o.first ? { first: true } : {}) };
}

/**
 * Column widths that fill the text width of a portrait page, or of a landscape one when the
 * columns cannot do with less than the portrait width. Never wider than the text width: if even
 * landscape is too narrow, every column shrinks in proportion (their text wraps).
 */
export function fitColumns(needs: ColumnNeed[]): { widths: number[]; orientation: Orientation } {
  const sumMin = needs.reduce((a, n) => a + n.min, 0);
  const orientation: Orientation = sumMin <= textWidth('stående') ? 'stående' : 'liggande';
  const W = textWidth(orientation);
  let widths: number[];
  if (sumMin > W) widths = needs.map((n) => (n.min * W) / sumMin);
  else {
    // The room left goes first to the columns that come first, then to all in proportion to what
    // they would like, and what is still left evenly.
    widths = needs.map((n) => n.min);
    let extra = W - sumMin;
    for (const group of [needs.map((n) => n.first === true), needs.map(() => true)]) {
      const room = needs.reduce((a, n, i) => a + (group[i] ? n.pref - widths[i]! : 0), 0);
      if (room <= 0) continue;
      const share = Math.min(1, extra / room);
      needs.forEach((n, i) => {
        if (group[i]) widths[i]! += (n.pref - widths[i]!) * share;
      });
      extra -= room * share;
    }
    widths = widths.map((w) => w + extra / needs.length);
  }
  const whole = widths.map(Math.floor);
  whole[whole.length - 1]! += W - whole.reduce((a, b) => a + b, 0);
  return { widths: whole, orientation };
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const thin = (color: string = COLOR.rule, size = 2) => ({ style: BorderStyle.SINGLE, size, color });

function cellParagraphs(c: GridCell, f: { bold?: boolean; italics?: boolean }): Paragraph[] {
  const children = typeof c.text === 'string' ? [new TextRun({ text: c.text, ...f })] : c.text;
  const first = new Paragraph({
    style: 'Tabelltext',
    alignment: c.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    ...(c.indent ? { indent: { left: c.indent } } : {}),
    children,
  });
  return [
    first,
    ...(c.under ?? []).map(
      (u) =>
        new Paragraph({
          style: 'Tabelltext',
          children: [new TextRun({ text: u.text, italics: u.italics === true, color: COLOR.muted })],
        }),
    ),
  ];
}

/**
 * A real Word table: fixed column widths in twips, the heading row repeated on every page
 * (w:tblHeader), rows that do not break across pages, thin horizontal rules as in the PDF.
 */
export function wordTable(g: Grid, widths: number[]): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const headRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: g.head.map(
      (c, i) =>
        new TableCell({
          children: cellParagraphs(c, { bold: true }),
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          verticalAlign: VerticalAlign.BOTTOM,
          borders: { top: NONE, left: NONE, right: NONE, bottom: thin(COLOR.heading, 8) },
        }),
    ),
  });
  // Columns still covered by a cell spanning rows from above; a row's cells fill the others.
  const covered = widths.map(() => 0);
  const rows = g.rows.map((r) => {
    const free = covered.flatMap((n, i) => (n > 0 ? [] : [i]));
    covered.forEach((n, i) => (covered[i] = Math.max(0, n - 1)));
    return new TableRow({
      cantSplit: true,
      children: r.cells.map((c, k) => {
        const col = free[k] ?? k;
        if (c.rowSpan && c.rowSpan > 1) covered[col] = c.rowSpan - 1;
        return new TableCell({
          children: cellParagraphs(c, { bold: r.bold === true, italics: r.italics === true }),
          width: { size: widths[col] ?? 0, type: WidthType.DXA },
          ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
          ...(r.rule ? { borders: { top: thin(COLOR.text, 8), left: NONE, right: NONE, bottom: thin() } } : {}),
        });
      }),
    });
  });
  return new Table({
    rows: [headRow, ...rows],
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
    borders: { top: NONE, left: NONE, right: NONE, bottom: thin(), insideHorizontal: thin(), insideVertical: NONE },
  });
}
