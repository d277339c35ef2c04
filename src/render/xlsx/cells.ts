import type ExcelJS from 'exceljs';
import { formatCell, formatNumber } from '../../core/format/number.js';
import type { Cell } from '../../schema/cell.js';

/** Cell values, number formats and styles shared by every sheet. */

const SUP: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A footnote marker as raised text ("1" → "¹"; "*" stays "*"). */
export function supMarker(m: string): string {
  return [...m].map((c) => SUP[c] ?? c).join('');
}

/**
 * An Excel number format with thousands separators and the given decimals, e.g. `#,##0.0`.
 * Excel shows it with the reader's separators, so a Swedish Excel prints "1 234,5".
 * `suffix` is literal text after the number ("%", " (2020)", a footnote marker).
 */
export function numFmt(decimals: number, suffix = '', prefix = ''): string {
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  const base = d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0';
  const lit = suffix.replace(/"/g, '');
  const före = prefix.replace(/"/g, '');
  return `${före ? `"${före}"` : ''}${base}${lit ? `"${lit}"` : ''}`;
}

/** The year a value refers to, printed before it ("2020: 49"): literal text in front of the number format. */
function numberPrefix(c: Extract<Cell, { typ: 'tal' }>): string {
  return c.avserFörst && c.referensår !== undefined ? `${c.referensår}: ` : '';
}

/** The literal text a number cell carries after its figure as published ("%", " (2020)", "*"). */
function numberSuffix(c: Extract<Cell, { typ: 'tal' }>): string {
  let s = '';
  if (c.enhet) s += c.enhet === '%' ? '%' : ` ${c.enhet}`;
  if (c.referensår !== undefined && !c.avserFörst) s += ` (${c.referensår})`;
  if (c.period) s += ` (${c.period})`;
  if (c.not) s += ` ${c.not}`;
  if (c.fotnot) s += supMarker(c.fotnot);
  return s;
}

export interface Written {
  /** True when the cell holds a real number. */
  numeric: boolean;
  /** The value as Excel would show it, for column widths. */
  shown: string;
}

/**
 * Writes a published cell: a number stays a number (with its decimals and any unit or footnote in
 * the number format); markers (I.U., -), targets and free text are text; blank stays empty.
 */
export function writeValue(target: ExcelJS.Cell, cell: Cell, decimals: number): Written {
  target.alignment = { horizontal: 'right', vertical: 'top' };
  if (cell.typ === 'tal') {
    const suffix = numberSuffix(cell);
    const prefix = numberPrefix(cell);
    // The number stays a number (formulas and sums read it); its year is in the format, as printed.
    target.value = cell.tal;
    target.numFmt = numFmt(decimals, suffix, prefix);
    return { numeric: true, shown: prefix + formatNumber(cell.tal, decimals) + suffix };
  }
  if (cell.typ === 'tom') return { numeric: false, shown: '' };
  const f = formatCell(cell, decimals);
  const text = f.text + (f.fotnot ? supMarker(f.fotnot) : '');
  target.value = text;
  target.alignment = { horizontal: 'right', vertical: 'top', wrapText: true };
  return { numeric: false, shown: text };
}

export const FÄRG = {
  rubrik: 'FFD9E1F2',
  beräknad: 'FFEDF3E4',
  beräknadRubrik: 'FFC6DDB3',
  avvikelse: 'FFF8CBAD',
  avvikelseText: 'FF9C0006',
} as const;

/** "#0b3a5d" → "FF0B3A5D", the form exceljs takes. */
export const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

export const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

const tunn: ExcelJS.Border = { style: 'thin', color: { argb: 'FF808080' } };

/** A header row: bold, shaded, wrapped, with a rule under it. */
export function styleHeader(row: ExcelJS.Row, from: number, to: number, argb: string = FÄRG.rubrik): void {
  for (let c = from; c <= to; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.fill = fill(argb);
    cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: c === from ? 'left' : 'center' };
    cell.border = { bottom: tunn };
  }
}

/** A sheet title (the caption) in row `r`. */
export function writeTitle(ws: ExcelJS.Worksheet, r: number, text: string, size = 13): void {
  const cell = ws.getCell(r, 1);
  cell.value = text;
  cell.font = { bold: true, size };
}

/** Tracks the widest value per column, so columns fit their content. */
export class Widths {
  private readonly max = new Map<number, number>();
  /** Numbers cannot wrap: Excel shows ### when they do not fit, so their width is a floor, not a wish. */
  private readonly need = new Map<number, number>();
  seeNumber(col: number, text: string): void {
    this.see(col, text);
    this.need.set(col, Math.max(this.need.get(col) ?? 0, text.length));
  }
  /** A header: it may wrap onto two lines, but its longest word must fit. */
  seeHeader(col: number, text: string): void {
    const longest = text.split(/\s+/).reduce((a, b) => Math.max(a, b.length), 0);
    this.see(col, 'x'.repeat(Math.max(longest, Math.ceil(text.length / 2))));
  }
  see(col: number, text: string, extra = 0): void {
    const w =
      Math.max(
        0,
        ...String(text)
          .split('\n')
          .map((l) => l.length),
      ) + extra;
    this.max.set(col, Math.max(this.max.get(col) ?? 0, w));
  }
  /** Sets widths: content (with a margin for wider fonts) + 2, between `min` and `max` (per column overrides in `limits`). */
  apply(
    ws: ExcelJS.Worksheet,
    columns: number,
    min = 10,
    max = 60,
    limits: Record<number, [number, number]> = {},
  ): void {
    for (let c = 1; c <= columns; c++) {
      const [lo, hi] = limits[c] ?? [min, max];
      const fit = Math.min(hi, Math.max(lo, Math.ceil((this.max.get(c) ?? 0) * 1.1) + 2));
      ws.getColumn(c).width = Math.max(fit, Math.ceil((this.need.get(c) ?? 0) * 1.1) + 2);
    }
  }
}

/** `&` starts a code in Excel's header/footer; titles are cut to keep within its 255 characters. */
export function headerText(s: string, max = 100): string {
  const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return cut.replace(/&/g, '&&');
}

/** Print set-up: A4, fit to page width, report title in the header, page numbers in the footer. */
export function printSetup(
  ws: ExcelJS.Worksheet,
  opts: { titel: string; blad: string; landscape: boolean; titleRows?: string },
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: opts.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(opts.titleRows ? { printTitlesRow: opts.titleRows } : {}),
  };
  ws.headerFooter = {
    differentFirst: false,
    differentOddEven: false,
    oddHeader: `&L${headerText(opts.titel)}&R${headerText(opts.blad, 60)}`,
    oddFooter: '&CSida &P av &N',
  } as ExcelJS.HeaderFooter;
}

/** A formula with its cached result, the way exceljs writes `<f>` and `<v>`. */
export function formula(target: ExcelJS.Cell, text: string, result: number | string): void {
  target.value = { formula: text, result } as ExcelJS.CellFormulaValue;
}

/** `=HYPERLINK("#'blad'!A1","text")`: a link inside the workbook that Excel follows on click. */
export function linkFormula(target: ExcelJS.Cell, sheetRef: string, address: string, text: string): void {
  const url = `#${sheetRef}!${address}`.replace(/"/g, '""');
  formula(target, `HYPERLINK("${url}","${text.replace(/"/g, '""')}")`, text);
  target.font = { color: { argb: 'FF0563C1' }, underline: true };
}

/** Column number → letters (1 → A, 27 → AA). */
export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A1-style address. */
export const addr = (row: number, col: number): string => `${colLetter(col)}${row}`;

/** Where each published fact was written: fact id → sheet and cell, for the Kontroll sheet. */
export type FaktKarta = Map<string, { blad: string; cell: string }>;

const MERGED = new WeakMap<ExcelJS.Worksheet, Map<number, number>>();

/** A line of prose under a table: merged across the table's width and wrapped, so it prints within the page. */
export function proseRow(
  ws: ExcelJS.Worksheet,
  r: number,
  text: string,
  lastCol: number,
  font?: Partial<ExcelJS.Font>,
): void {
  const cell = ws.getCell(r, 1);
  cell.value = text;
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  if (font) cell.font = font;
  if (lastCol > 1) {
    ws.mergeCells(r, 1, r, lastCol);
    let m = MERGED.get(ws);
    if (!m) MERGED.set(ws, (m = new Map()));
    m.set(r, lastCol);
  }
}

const LINE_HEIGHT = 15;

/**
 * Sets the height of rows whose wrapped text needs more than one line. Excel and LibreOffice do
 * not always fit rows to wrapped text when opening a file, so the height is estimated from the
 * text length and the column width (call after the widths are set).
 */
export function fitRowHeights(ws: ExcelJS.Worksheet): void {
  const merged = MERGED.get(ws);
  ws.eachRow((row, r) => {
    let lines = 1;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText || typeof cell.value !== 'string' || (cell.isMerged && cell.master !== cell))
        return;
      const to = c === 1 ? (merged?.get(r) ?? 1) : c;
      let width = 0;
      for (let k = c; k <= to; k++) width += ws.getColumn(k).width ?? 9;
      const perLine = Math.max(
        1,
        Math.floor((width - 2 - 2 * (cell.alignment.indent ?? 0)) * (cell.font?.bold ? 0.9 : 1.0)),
      );
      const n = cell.value.split('\n').reduce((s, p) => s + Math.max(1, Math.ceil(p.length / perLine)), 0);
      lines = Math.max(lines, n);
    });
    if (lines > 1) row.height = LINE_HEIGHT * lines;
  });
}
