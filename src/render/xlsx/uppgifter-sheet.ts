import type ExcelJS from 'exceljs';
import { formatPosition } from '../../core/diagnostics/diagnostic.js';
import type { Dokument } from '../../core/model/dokument.js';
import { addr, fitRowHeights, numFmt, printSetup, styleHeader, Widths, writeTitle, type FaktKarta } from './cells.js';
import { BLAD } from './sheet-names.js';

/**
 * The Uppgifter sheet: the figures the text quotes from outside the tables (uppgifter.yaml), each
 * a real number with its source, so the Kontroll sheet can link a text figure to it as to a cell.
 * Always present, so the workbook's layout is the same whether or not a year has any.
 */
export function writeUppgifterSheet(ws: ExcelJS.Worksheet, d: Dokument, karta: FaktKarta): void {
  writeTitle(ws, 1, 'Uppgifter som texten nämner utanför tabellerna');
  const HUVUD = 2;
  const rubriker = ['Id', 'Uppgift', 'Värde', 'Enhet', 'År', 'Mått', 'Källa', 'Plats i data'];
  const head = ws.getRow(HUVUD);
  head.values = rubriker;
  styleHeader(head, 1, rubriker.length);
  const w = new Widths();
  rubriker.forEach((r, i) => w.see(i + 1, r));
  d.uppgifter.forEach((u, i) => {
    const f = d.fakta.get(u.fakt);
    if (!f || f.cell.typ !== 'tal') return;
    const r = HUVUD + 1 + i;
    const row = ws.getRow(r);
    const values = [
      u.id,
      u.namn,
      f.cell.tal,
      f.enhet,
      u.år,
      u.mått,
      u.källa,
      f.plats ? formatPosition(f.plats) : undefined,
    ];
    values.forEach((v, ci) => {
      const cell = row.getCell(ci + 1);
      if (v !== undefined) cell.value = v;
      cell.alignment = { vertical: 'top', wrapText: ci === 1 || ci === 6 };
      w.see(ci + 1, ci === 2 ? `${v}0` : String(v ?? ''));
    });
    row.getCell(3).numFmt = numFmt(f.decimaler);
    karta.set(u.fakt, { blad: BLAD.uppgifter, cell: addr(r, 3) });
  });
  if (!d.uppgifter.length) ws.getCell(HUVUD + 1, 1).value = 'Rapporten har inga uppgifter utanför tabellerna.';
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HUVUD, topLeftCell: `A${HUVUD + 1}`, activeCell: `A${HUVUD + 1}` }];
  ws.autoFilter = { from: { row: HUVUD, column: 1 }, to: { row: HUVUD + d.uppgifter.length, column: rubriker.length } };
  w.apply(ws, rubriker.length, 6, 60, { 2: [30, 60], 7: [30, 60] });
  fitRowHeights(ws);
  printSetup(ws, { titel: d.titelsida.titel, blad: BLAD.uppgifter, landscape: true, titleRows: `${HUVUD}:${HUVUD}` });
}
