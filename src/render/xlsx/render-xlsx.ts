import type ExcelJS from 'exceljs';
// @ts-expect-error exceljs ships no types for its files, only for its index.
import WorkbookModule from 'exceljs/lib/doc/workbook.js';
import type { Dokument } from '../../core/model/dokument.js';
import type { Kontrollresultat } from '../../core/model/kontroll.js';
import { caption } from '../shared.js';
import { addr, type FaktKarta } from './cells.js';
import { repackZip } from './deterministic.js';
import { writeGoalSheet } from './goal-sheet.js';
import { writeKontrollSheet } from './kontroll-sheet.js';
import { writeOmSheet, type BladInfo } from './om-sheet.js';
import { assignSheetNames, BLAD } from './sheet-names.js';
import { writeChartData } from './chart-data.js';
import { cellOnSheet, writeTableSheet } from './table-sheet.js';
import { writeUppgifterSheet } from './uppgifter-sheet.js';
import { writeUppdragSheet } from './uppdrag-sheet.js';

// Only the workbook: exceljs's index also loads its streaming reader and writer (archiver,
// unzipper), which doubles its load time in every process and build thread. Imported statically so
// that the compiled CLI bundles it (scripts/bundle.mjs): one file instead of some 200 CommonJS
// files to find, read and compile, without the CSV reader the workbook never uses here.
const Workbook = WorkbookModule as unknown as { new (): ExcelJS.Workbook };

/**
 * Dokument → the Excel annex (.xlsx bytes). Pure: reads nothing but its arguments.
 * Sheets: Om, one per table (named by table id), Mål, Uppdrag, Kontroll.
 */
export async function renderXlsx(d: Dokument, kontroll: Kontrollresultat, meta: { version: string }): Promise<Buffer> {
  const wb = new Workbook();
  const date = new Date(`${d.datum}T00:00:00Z`);
  wb.creator = 'kommunrapport';
  wb.lastModifiedBy = 'kommunrapport';
  wb.created = date;
  wb.modified = date;
  wb.title = d.titelsida.titel;
  wb.subject = `${d.titelsida.kommun}, ${d.titelsida.nämnd}`;
  wb.company = d.titelsida.kommun;
  wb.calcProperties = { fullCalcOnLoad: true };

  const names = assignSheetNames(d.tabeller.map((t) => t.id));
  const om = wb.addWorksheet(BLAD.om, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  const sheets: BladInfo[] = [];
  const karta: FaktKarta = new Map();
  for (const t of d.tabeller) {
    const name = names.get(t.id)!;
    if (wb.getWorksheet(name)) continue; // a table placed twice has one sheet
    const ws = wb.addWorksheet(name);
    writeTableSheet(ws, d, t, name, karta, (tabell, rad, kolumn) => {
      const other = d.tabeller.find((x) => x.id === tabell)!;
      const at = cellOnSheet(other, rad, kolumn);
      return `'${names.get(tabell)!.replace(/'/g, "''")}'!${addr(at.row, at.col)}`;
    });
    const charts = d.diagram.filter((c) => c.tabell === t.id);
    if (charts.length) writeChartData(ws, d, charts, karta);
    sheets.push({ namn: name, innehåll: caption(t) });
  }
  writeGoalSheet(wb.addWorksheet(BLAD.mål), d, karta);
  sheets.push({ namn: BLAD.mål, innehåll: 'Nämndmål och indikatorer med värden, målvärden och bedömning' });
  writeUppdragSheet(wb.addWorksheet(BLAD.uppdrag), d);
  sheets.push({ namn: BLAD.uppdrag, innehåll: 'Uppdrag med status och kommentar där de finns' });
  writeUppgifterSheet(wb.addWorksheet(BLAD.uppgifter), d, karta);
  sheets.push({ namn: BLAD.uppgifter, innehåll: 'Belopp som texten nämner utanför tabellerna, med källa' });
  writeKontrollSheet(
    wb.addWorksheet(BLAD.kontroll, { properties: { tabColor: { argb: 'FFC00000' } } }),
    d,
    kontroll,
    karta,
  );
  sheets.push({ namn: BLAD.kontroll, innehåll: 'Kontrollernas fynd, siffrorna i texten och cellerna de jämförts med' });
  writeOmSheet(om, d, meta, sheets);

  shareEqualStyles(wb);
  // Stored, not compressed: repackZip compresses once, with the fixed dates.
  const raw = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return repackZip(raw as ArrayBuffer, d.datum);
}

/**
 * Gives cells with equal styles one style object. exceljs finds a cell's style id by writing the
 * style out as XML and looking that up, for every cell, unless it has seen the very same object
 * before: a third of the workbook's time. The ids and the file are the same either way.
 */
function shareEqualStyles(wb: ExcelJS.Workbook): void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const key = JSON.stringify(cell.style);
        const same = shared.get(key);
        if (same) cell.style = same;
        else shared.set(key, cell.style);
      }),
    ),
  );
}
