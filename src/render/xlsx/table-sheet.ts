import type ExcelJS from 'exceljs';
import { formatNumber } from '../../core/format/number.js';
import type { Dokument, TabellBlock } from '../../core/model/dokument.js';
import { caption, unitNote } from '../shared.js';
import {
  argb,
  addr,
  colLetter,
  FÄRG,
  fill,
  fitRowHeights,
  formula,
  numFmt,
  printSetup,
  proseRow,
  styleHeader,
  supMarker,
  Widths,
  writeTitle,
  writeValue,
  type FaktKarta,
} from './cells.js';
import { decimalsOf } from './exact.js';
import { DIFF_DECIMALER, planRules, sumFormula, type Beräkning, type RegelPlan } from './rules.js';

/**
 * One sheet per table. Layout, chosen for an auditor reading it beside the publication:
 *
 *   row 1  the caption ("Tabell 2. Driftsammandrag")
 *   row 2  unit and what the table covers
 *   row 3  the header row (frozen, with autofilter), then the table's rows exactly as published
 *
 * The rules are recomputed where they belong, so the published figure and its recomputation
 * are compared along the rule's own direction:
 * - a column rule (avvikelse = budget − prognos) adds two columns to the right of the table:
 *   "Beräknad …" with the formula on each row it covers, and "Differens" = published − computed;
 * - a row rule (summa = a + b − c, netto = kostnader − intäkter) adds two rows in a block under
 *   the table, in the same columns as the figures: the formula, then the difference.
 * Computed cells are shaded green; a difference other than zero turns red (conditional format,
 * so it follows Excel's own recalculation). Under that, the rules are listed in words.
 */
const TITEL = 1;
const NOT = 2;
const HUVUD = 3;
const FÖRSTA = HUVUD + 1;
const TOLERANS = '0.000001';

/** Where a table's cell stands on its sheet: the sheet's layout, known before the sheet is written. */
export function cellOnSheet(t: TabellBlock, rad: string, kolumn: string): { row: number; col: number } {
  return {
    row: FÖRSTA + t.rader.findIndex((r) => r.id === rad),
    col: 2 + t.kolumner.findIndex((c) => c.id === kolumn),
  };
}

export function writeTableSheet(
  ws: ExcelJS.Worksheet,
  d: Dokument,
  t: TabellBlock,
  blad: string,
  karta: FaktKarta,
  /** The address of a cell of another table, on that table's sheet ('Investeringar'!C7). */
  annanCell: (tabell: string, rad: string, kolumn: string) => string = () => '',
): void {
  const ncol = t.kolumner.length;
  const plans = planRules(d, t);
  const rowOf = new Map<string, number>();
  t.rader.forEach((r, i) => {
    if (!rowOf.has(r.id)) rowOf.set(r.id, FÖRSTA + i);
  });
  const colOf = new Map(t.kolumner.map((c, i) => [c.id, 2 + i] as const));
  const lastData = HUVUD + t.rader.length;
  const colPlans = plans.filter((p) => p.typ === 'kolumn' && p.beräkningar.length > 0);
  const rowPlans = plans.filter((p) => p.typ === 'rad' && p.beräkningar.length > 0);
  const lastCol = 1 + ncol + 2 * colPlans.length;
  const w = new Widths();
  const radEtikett = (id: string): string => t.rader.find((r) => r.id === id)?.etikett ?? id;
  const kolRubrik = (id: string): string => t.kolumner.find((c) => c.id === id)?.rubrik ?? id;
  const decimalsAt = (rad: string, kolumn: string): number => {
    const ci = t.kolumner.findIndex((c) => c.id === kolumn);
    const id = t.rader.find((r) => r.id === rad)?.celler[ci];
    return (id ? d.fakta.get(id)?.decimaler : undefined) ?? 0;
  };
  const decimalsOfComputation = (b: Beräkning): number =>
    Math.max(
      decimalsAt(b.rad, b.kolumn),
      ...b.termer.map((x) =>
        x.värde === null ? 0 : Math.max(x.tabell ? 0 : decimalsAt(x.rad, x.kolumn), decimalsOf(x.värde)),
      ),
    );

  // Caption, note, header.
  writeTitle(ws, TITEL, caption(t));
  ws.getCell(TITEL, 1).font = { bold: true, size: 13, color: { argb: argb(d.profil.färger.rubrik) } };
  const unit = unitNote(t);
  ws.getCell(NOT, 1).value = [t.avser ? `Avser: ${t.avser}` : '', unit ?? ''].filter(Boolean).join('. ') || null;
  ws.getCell(NOT, 1).font = { italic: true };
  const head = ws.getRow(HUVUD);
  head.getCell(1).value = t.förspalt || unit || '';
  w.see(1, t.förspalt || unit || '');
  t.kolumner.forEach((c, i) => {
    head.getCell(2 + i).value = c.rubrik;
    w.seeHeader(2 + i, c.rubrik);
  });
  // The kommun's table-head colour, as in its HTML and PDF.
  styleHeader(head, 1, 1 + ncol, argb(d.profil.färger.tabellhuvud));
  // Column groups: their headings in the row above the header, merged over their columns.
  for (const g of t.kolumngrupper ?? []) {
    const c = ws.getCell(NOT, 2 + g.från);
    c.value = g.rubrik;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center' };
    if (g.antal > 1) ws.mergeCells(NOT, 2 + g.från, NOT, 1 + g.från + g.antal);
  }
  colPlans.forEach((p, k) => {
    const cc = 2 + ncol + 2 * k;
    head.getCell(cc).value = `Beräknad ${kolRubrik(p.mål)} (regel ${p.nummer})`;
    head.getCell(cc + 1).value = `Differens publicerat − beräknat (regel ${p.nummer})`;
    styleHeader(head, cc, cc + 1, FÄRG.beräknadRubrik);
    head.getCell(cc).alignment = { wrapText: true, vertical: 'bottom', horizontal: 'center' };
  });

  // The table as published.
  t.rader.forEach((r, i) => {
    const row = ws.getRow(FÖRSTA + i);
    const label = row.getCell(1);
    label.value = r.etikett + r.fotnoter.map(supMarker).join('');
    const indent = r.nivå + (r.roll === 'varav' ? 1 : 0);
    label.alignment = { horizontal: 'left', indent, wrapText: true, vertical: 'top' };
    const font: Partial<ExcelJS.Font> = { bold: r.fet, italic: r.kursiv };
    label.font = font;
    w.see(1, String(label.value), 2 * indent);
    r.celler.forEach((id, ci) => {
      const f = id ? d.fakta.get(id) : undefined;
      if (!id || !f) return;
      const cell = row.getCell(2 + ci);
      const shown = writeValue(cell, f.cell, f.decimaler);
      cell.font = font;
      if (shown.numeric) w.seeNumber(2 + ci, shown.shown);
      else w.see(2 + ci, shown.shown);
      karta.set(id, { blad, cell: cell.address });
    });
  });

  /** A rule's terms as cells for its formula: this sheet's, or another table's by its address. */
  const termCells = (b: Beräkning, col: (x: Beräkning['termer'][number]) => number) =>
    b.termer.map((x) =>
      x.tabell
        ? { sign: x.sign, row: 0, col: 0, ref: annanCell(x.tabell, x.rad, x.kolumn) }
        : { sign: x.sign, row: rowOf.get(x.rad)!, col: col(x) },
    );

  // Column rules: two columns to the right.
  colPlans.forEach((p, k) => {
    const cc = 2 + ncol + 2 * k;
    for (const b of p.beräkningar) {
      const r = rowOf.get(b.rad)!;
      const dec = decimalsOfComputation(b);
      const terms = termCells(b, (x) => colOf.get(x.kolumn)!);
      computed(ws.getCell(r, cc), sumFormula(terms, addr), b.beräknat, dec);
      difference(ws.getCell(r, cc + 1), addr(r, colOf.get(b.kolumn)!), addr(r, cc), b.differens, dec);
      w.seeNumber(cc, numberText(b.beräknat, dec));
    }
    redWhenNonZero(
      ws,
      `${colLetter(cc + 1)}${FÖRSTA}:${colLetter(cc + 1)}${Math.max(FÖRSTA, lastData)}`,
      addr(FÖRSTA, cc + 1),
    );
  });

  // Row rules: a block of two rows per rule under the table.
  let r = lastData + 2;
  if (rowPlans.length) {
    proseRow(ws, r++, 'Kontrollräkning: tabellens radregler som formler (publicerat − beräknat ska vara 0)', 1 + ncol, {
      bold: true,
    });
    for (const p of rowPlans) {
      const rc = r;
      const rd = r + 1;
      const what = radEtikett(p.mål);
      ws.getCell(rc, 1).value = `Regel ${p.nummer}: beräknad ${what}`;
      ws.getCell(rd, 1).value = `Regel ${p.nummer}: differens publicerat − beräknat`;
      for (const x of [rc, rd]) {
        ws.getCell(x, 1).font = { italic: true };
        ws.getCell(x, 1).fill = fill(FÄRG.beräknadRubrik);
        ws.getCell(x, 1).alignment = { wrapText: true, vertical: 'top' };
        w.see(1, String(ws.getCell(x, 1).value));
      }
      for (const b of p.beräkningar) {
        const c = colOf.get(b.kolumn)!;
        const dec = decimalsOfComputation(b);
        const terms = termCells(b, () => c);
        computed(ws.getCell(rc, c), sumFormula(terms, addr), b.beräknat, dec);
        difference(ws.getCell(rd, c), addr(rowOf.get(b.rad)!, c), addr(rc, c), b.differens, dec);
        w.seeNumber(c, numberText(b.beräknat, dec));
      }
      redWhenNonZero(ws, `B${rd}:${colLetter(1 + ncol)}${rd}`, `B${rd}`);
      r += 2;
    }
    r++;
  }

  // The rules in words, footnotes and comment.
  if (plans.length) {
    proseRow(ws, r++, 'Regler', lastCol, { bold: true });
    for (const p of plans)
      proseRow(ws, r++, describe(p, radEtikett, kolRubrik, colPlans.indexOf(p), ncol, rowPlans.includes(p)), lastCol);
    r++;
  }
  for (const f of t.fotnoter) proseRow(ws, r++, `${supMarker(f.markör)} ${f.text}`, lastCol);
  if (t.kommentar) proseRow(ws, r++, t.kommentar, lastCol);

  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: HUVUD, topLeftCell: addr(FÖRSTA, 2), activeCell: addr(FÖRSTA, 2) }];
  ws.autoFilter = { from: { row: HUVUD, column: 1 }, to: { row: Math.max(HUVUD, lastData), column: lastCol } };
  const limits: Record<number, [number, number]> = { 1: [20, 60] };
  for (let c = 2 + ncol; c <= lastCol; c++) limits[c] = [14, 18];
  w.apply(ws, lastCol, 10, 18, limits);
  fitRowHeights(ws);
  printSetup(ws, {
    titel: d.titelsida.titel,
    blad: caption(t),
    landscape: lastCol > 6,
    titleRows: `${HUVUD}:${HUVUD}`,
  });
  ws.pageSetup.printArea = `A1:${addr(Math.max(HUVUD, r - 1), lastCol)}`;
}

function computed(cell: ExcelJS.Cell, text: string, result: number, decimals: number): void {
  formula(cell, text, result);
  cell.numFmt = numFmt(decimals);
  cell.fill = fill(FÄRG.beräknad);
  cell.alignment = { horizontal: 'right', vertical: 'top' };
}

function difference(cell: ExcelJS.Cell, published: string, computedAt: string, result: number, decimals: number): void {
  formula(cell, `ROUND(${published}-${computedAt},${DIFF_DECIMALER})`, result);
  cell.numFmt = numFmt(decimals);
  cell.fill = fill(FÄRG.beräknad);
  cell.alignment = { horizontal: 'right', vertical: 'top' };
}

/** Red where the difference is not zero, evaluated by Excel itself. */
function redWhenNonZero(ws: ExcelJS.Worksheet, ref: string, topLeft: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`ABS(N(${topLeft}))>${TOLERANS}`],
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FÄRG.avvikelse } },
          font: { bold: true, color: { argb: FÄRG.avvikelseText } },
        },
      },
    ],
  });
}

function describe(
  p: RegelPlan,
  rad: (id: string) => string,
  kol: (id: string) => string,
  colIndex: number,
  ncol: number,
  asRows: boolean,
): string {
  const name = p.typ === 'rad' ? rad : kol;
  const expr = p.uttryck
    .map((x, i) => `${i === 0 ? (x.sign < 0 ? '−' : '') : x.sign < 0 ? ' − ' : ' + '}${name(x.id)}`)
    .join('');
  const scope = p.avgränsning
    ? p.typ === 'rad'
      ? ` (i kolumnerna ${p.avgränsning.map(kol).join(', ')})`
      : ` (på raderna ${p.avgränsning.map(rad).join(', ')})`
    : '';
  let s = `Regel ${p.nummer}: ${p.typ === 'rad' ? 'raden' : 'kolumnen'} ${name(p.mål)} = ${expr}${scope}. Uttryck: ${p.mål} = ${p.uttryck.map((x, i) => `${i === 0 ? (x.sign < 0 ? '- ' : '') : x.sign < 0 ? ' - ' : ' + '}${x.id}`).join('')}.`;
  if (p.beskrivning) s += ` ${p.beskrivning}`;
  if (p.okända.length) s += ` Inte beräknad: tabellen saknar ${p.okända.join(', ')}.`;
  else if (!p.beräkningar.length) s += ' Inte beräknad: inga publicerade tal att jämföra med.';
  else if (colIndex >= 0)
    s += ` Formler i kolumnerna ${colLetter(2 + ncol + 2 * colIndex)} och ${colLetter(3 + ncol + 2 * colIndex)}.`;
  else if (asRows) s += ' Formler i blocket under tabellen.';
  return s;
}

const numberText = (x: number, decimals: number): string => formatNumber(x, decimals);
