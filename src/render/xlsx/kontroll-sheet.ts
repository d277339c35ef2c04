import type ExcelJS from 'exceljs';
import { formatPosition } from '../../core/diagnostics/diagnostic.js';
import type { Dokument } from '../../core/model/dokument.js';
import type { Kontrollresultat } from '../../core/model/kontroll.js';
import { compareFacts, pairColumns } from '../../core/samband.js';
import { convertAmount, roundHalfAway } from '../../core/format/number.js';
import { factCell } from '../shared.js';
import {
  fitRowHeights,
  linkFormula,
  printSetup,
  proseRow,
  styleHeader,
  Widths,
  writeTitle,
  type FaktKarta,
} from './cells.js';
import { quoteSheet } from './sheet-names.js';

/**
 * The Kontroll sheet, in three sections one under the other:
 * 1. every finding of the checks (file:line:col, severity, rule, field, message, facts, accepted reason);
 * 2. every amount written in the narrative with its verdict and, per matched fact, the sheet and
 *    cell it was matched to, the figure there and a link to it (one row per matched fact);
 * 3. every inline reference ({=tabell/rad/kolumn}) with the cell its figure was taken from;
 * 4. every declared samband: both cells, the second converted to the first's unit, and the difference, as formulas.
 * The autofilter sits on section 2, the amounts, where an auditor filters by verdict.
 */
export function writeKontrollSheet(ws: ExcelJS.Worksheet, d: Dokument, k: Kontrollresultat, karta: FaktKarta): void {
  writeTitle(ws, 1, 'Kontroll');
  const w = new Widths();
  const count = <T>(xs: readonly T[], key: (x: T) => string): string => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return [...m].map(([a, n]) => `${n} ${a}`).join(', ');
  };
  const accepted = k.fynd.filter((f) => f.accepterad).length;
  proseRow(
    ws,
    2,
    `${k.fynd.length} fynd${k.fynd.length ? ` (${count(k.fynd, (f) => f.allvarlighet)}; ${accepted} accepterade)` : ''}. ` +
      `${k.belopp.length} belopp i texten${k.belopp.length ? ` (${count(k.belopp, (b) => b.verdikt)})` : ''}. ` +
      `${d.referenser.length} hänvisningar till tabellerna.`,
    12,
  );
  let r = 4;
  let maxCol = 1;
  const section = (title: string, headers: string[]): void => {
    writeTitle(ws, r++, title, 11);
    const head = ws.getRow(r++);
    head.values = headers;
    styleHeader(head, 1, headers.length);
    headers.forEach((h, i) => w.see(i + 1, h));
    maxCol = Math.max(maxCol, headers.length);
  };
  const put = (row: ExcelJS.Row, values: (string | number | undefined)[]): void => {
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      if (v !== undefined && v !== '') cell.value = v;
      cell.alignment = { vertical: 'top', wrapText: true };
      w.see(i + 1, String(v ?? ''));
    });
  };
  /** Sheet, cell, published figure, source position and a link, for a fact id. */
  const trace = (row: ExcelJS.Row, from: number, id: string | undefined): void => {
    const at = id ? karta.get(id) : undefined;
    const f = id ? d.fakta.get(id) : undefined;
    put(row, [
      ...Array<undefined>(from - 1).fill(undefined),
      at?.blad,
      at?.cell,
      f ? factCell(d, id ?? null).text : undefined,
      f?.plats ? formatPosition(f.plats) : undefined,
    ]);
    if (at) linkFormula(row.getCell(from + 4), quoteSheet(at.blad), at.cell, 'Visa');
  };

  section('Fynd', ['Plats', 'Allvarlighet', 'Regel', 'Fält', 'Meddelande', 'Fakta', 'Accepterad: skäl']);
  if (!k.fynd.length) put(ws.getRow(r++), ['Inga fynd.']);
  for (const f of k.fynd) {
    put(ws.getRow(r++), [
      formatPosition(f.plats),
      f.allvarlighet,
      f.regel,
      f.fält,
      f.meddelande,
      f.fakta?.join(', '),
      f.accepterad,
    ]);
  }

  r++;
  section('Belopp i texten', [
    'Plats',
    'Text',
    'Värde',
    'Enhet',
    'Verdikt',
    'Faktum',
    'Blad',
    'Cell',
    'Publicerat',
    'Källa i data',
    'Länk',
    'Kommentar',
  ]);
  const beloppHead = r - 1;
  if (!k.belopp.length) put(ws.getRow(r++), ['Inga belopp i texten att kontrollera.']);
  for (const b of k.belopp) {
    for (const id of b.fakta.length ? b.fakta : [undefined]) {
      const row = ws.getRow(r++);
      put(row, [formatPosition(b.plats), b.text, b.värde, b.enhet, b.verdikt, id]);
      trace(row, 7, id);
      put(row, [...Array<undefined>(11).fill(undefined), b.kommentar]);
    }
  }
  const beloppLast = r - 1;

  r++;
  section('Hänvisningar i texten', [
    'Plats',
    'Hänvisning',
    'Utskrivet',
    '',
    '',
    'Faktum',
    'Blad',
    'Cell',
    'Publicerat',
    'Källa i data',
    'Länk',
  ]);
  if (!d.referenser.length) put(ws.getRow(r++), ['Inga hänvisningar.']);
  for (const ref of d.referenser) {
    for (const id of ref.fakta.length ? ref.fakta : [undefined]) {
      const row = ws.getRow(r++);
      put(row, [formatPosition(ref.plats), `{=${ref.källa}}`, ref.text, undefined, undefined, id]);
      trace(row, 7, id);
    }
  }

  r++;
  // The same figure in two tables: the second converted to the first's unit, and the difference, as formulas.
  section('Samband mellan tabeller', [
    'Rad',
    'Blad',
    'Cell',
    'Publicerat',
    'Samma belopp i',
    'Blad',
    'Cell',
    'Omräknat till samma enhet',
    'Differens',
    'Bedömning',
  ]);
  if (!d.samband.length) put(ws.getRow(r++), ['Inga samband deklarerade.']);
  for (const sb of d.samband) {
    const ta = d.tabeller.find((t) => t.id === sb.rader[0].split('/')[0]);
    const tb = d.tabeller.find((t) => t.id === sb.rader[1].split('/')[0]);
    if (!ta || !tb) continue;
    for (const [ca, cb] of pairColumns(ta, tb, sb.kolumner)) {
      const fa = d.fakta.get(`${sb.rader[0]}/${ca}`);
      const fb = d.fakta.get(`${sb.rader[1]}/${cb}`);
      const at = fa ? karta.get(fa.id) : undefined;
      const bt = fb ? karta.get(fb.id) : undefined;
      if (!fa || !fb || !at || !bt || fa.cell.typ !== 'tal' || fb.cell.typ !== 'tal') continue;
      const factor = convertAmount(1, fb.enhet, fa.enhet) ?? 1;
      const converted = fb.cell.tal * factor;
      const diff = roundHalfAway(fa.cell.tal - converted, 6);
      const verdict = compareFacts(fa, fb)?.verdict ?? '';
      const row = ws.getRow(r++);
      put(row, [
        `${fa.radEtikett}, ${fa.kolumnRubrik}`,
        at.blad,
        at.cell,
        undefined,
        `${fb.tabell}: ${fb.radEtikett}, ${fb.kolumnRubrik}`,
        bt.blad,
        bt.cell,
        undefined,
        undefined,
        verdict,
      ]);
      const refA = `${quoteSheet(at.blad)}!${at.cell}`;
      const refB = `${quoteSheet(bt.blad)}!${bt.cell}`;
      row.getCell(4).value = { formula: refA, result: fa.cell.tal };
      row.getCell(8).value = { formula: factor === 1 ? refB : `${refB}*${factor}`, result: converted };
      row.getCell(9).value = { formula: `ROUND(D${row.number}-H${row.number},6)`, result: diff };
      for (const c of [4, 8, 9]) row.getCell(c).numFmt = '#,##0.0##';
    }
  }

  if (k.belopp.length) ws.autoFilter = { from: { row: beloppHead, column: 1 }, to: { row: beloppLast, column: 12 } };
  w.apply(ws, maxCol, 8, 50, { 1: [30, 50], 5: [12, 60], 12: [12, 50] });
  fitRowHeights(ws);
  printSetup(ws, { titel: d.titelsida.titel, blad: 'Kontroll', landscape: true });
}
