import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { Dokument } from '../../core/model/dokument.js';
import { fitRowHeights, linkFormula, printSetup, proseRow, styleHeader, Widths, writeTitle } from './cells.js';
import { quoteSheet } from './sheet-names.js';

export interface BladInfo {
  namn: string;
  innehåll: string;
}

/**
 * The Om sheet (first in the workbook): what the workbook is, where its figures come from (each
 * source file with its SHA-256), the product version, the build date from the data, a list of
 * the sheets with links, and how to read the formula columns.
 */
export function writeOmSheet(ws: ExcelJS.Worksheet, d: Dokument, meta: { version: string }, sheets: BladInfo[]): void {
  const t = d.titelsida;
  writeTitle(ws, 1, t.titel);
  const w = new Widths();
  let r = 3;
  const fields: [string, string][] = [
    ['Rapport', d.id],
    ['Titel', t.titel],
    ['Kommun', t.kommun],
    ['Nämnd', t.nämnd],
    ...(t.förvaltning ? [['Förvaltning', t.förvaltning] as [string, string]] : []),
    ['Rapporttyp', d.rapport.rapporttyp],
    ['Period', t.period],
    ['Status', t.status],
    ...(t.beslut ? [['Beslut', t.beslut] as [string, string]] : []),
    ...(t.diarienummer ? [['Diarienummer', t.diarienummer] as [string, string]] : []),
    ['Byggdatum', d.datum],
    ['Produkt', 'kommunrapport'],
    ['Version', meta.version],
  ];
  for (const [k, v] of fields) {
    ws.getCell(r, 1).value = k;
    ws.getCell(r, 1).font = { bold: true };
    ws.getCell(r, 2).value = v;
    w.see(1, k);
    r++;
  }

  r++;
  writeTitle(ws, r++, 'Källfiler', 11);
  header(ws.getRow(r++), ['Fil', 'SHA-256']);
  for (const f of d.källfiler) {
    ws.getCell(r, 1).value = f.fil;
    ws.getCell(r, 2).value = createHash('sha256').update(f.text, 'utf8').digest('hex');
    ws.getCell(r, 2).font = { name: 'Consolas' };
    w.see(1, f.fil);
    r++;
  }

  r++;
  writeTitle(ws, r++, 'Blad', 11);
  header(ws.getRow(r++), ['Blad', 'Innehåll', 'Länk']);
  for (const s of sheets) {
    ws.getCell(r, 1).value = s.namn;
    ws.getCell(r, 2).value = s.innehåll;
    linkFormula(ws.getCell(r, 3), quoteSheet(s.namn), 'A1', 'Visa');
    w.see(1, s.namn);
    r++;
  }

  r++;
  writeTitle(ws, r++, 'Så läses arbetsboken', 11);
  for (const line of [
    'Varje tabell har ett eget blad med tabellens id som namn. Siffrorna står som de publicerades, som tal med tabellens decimaler; markörer (I.U., -) står som text.',
    'Tabellens regler räknas om med formler i grönt: en kolumnregel (t.ex. avvikelse = budget − prognos) i två kolumner till höger om tabellen, en radregel (t.ex. summa = raderna ovan) i två rader under tabellen.',
    'Den första visar det beräknade värdet, den andra differensen publicerat − beräknat, som blir röd när den inte är 0. Celler som inte är tal räknas som 0, som SUM() gör.',
    'Arbetsboken räknas om när den öppnas. Bladet Kontroll visar kontrollernas fynd och, för varje siffra i texten, cellen den jämfördes med.',
  ]) {
    proseRow(ws, r++, line, 3);
  }

  w.apply(ws, 3, 8, 70, { 1: [16, 80], 2: [40, 75], 3: [8, 10] });
  fitRowHeights(ws);
  printSetup(ws, { titel: t.titel, blad: 'Om arbetsboken', landscape: false });
}

function header(row: ExcelJS.Row, values: string[]): void {
  row.values = values;
  styleHeader(row, 1, values.length);
}
