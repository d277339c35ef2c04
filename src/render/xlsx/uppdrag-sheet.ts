import type ExcelJS from 'exceljs';
import type { Dokument } from '../../core/model/dokument.js';
import { statusText } from '../../core/model/profil.js';
import { fitRowHeights, printSetup, styleHeader, Widths, writeTitle } from './cells.js';

/**
 * The Uppdrag sheet: one list of every uppdrag, one row each, with the list it belongs to in the
 * first column so the autofilter can pick a list. Riktat till, not, status and kommentar are
 * columns only when some uppdrag has them (status and kommentar in a delårsrapport).
 */
export function writeUppdragSheet(ws: ExcelJS.Worksheet, d: Dokument): void {
  writeTitle(ws, 1, 'Uppdrag');
  const all = d.uppdrag.flatMap((l) => l.uppdrag.map((u) => ({ l, u })));
  const cols: {
    rubrik: string;
    value: (x: (typeof all)[number]) => string | number;
    width: [number, number];
    wrap?: boolean;
  }[] = [
    { rubrik: 'Lista', value: ({ l }) => l.rubrik, width: [14, 30], wrap: true },
    { rubrik: 'Nr', value: ({ u }) => u.nummer ?? '', width: [5, 6] },
    { rubrik: 'Uppdrag', value: ({ u }) => u.text, width: [40, 70], wrap: true },
  ];
  if (all.some(({ u }) => u.riktatTill))
    cols.push({ rubrik: 'Riktat till', value: ({ u }) => u.riktatTill ?? '', width: [14, 30], wrap: true });
  if (all.some(({ u }) => u.not))
    cols.push({ rubrik: 'Not', value: ({ u }) => u.not ?? '', width: [14, 40], wrap: true });
  if (d.uppdrag.some((l) => l.medStatus) || all.some(({ u }) => u.status)) {
    cols.push({
      rubrik: 'Status',
      value: ({ u }) => (u.status ? statusText(d.profil, u.status) : ''),
      width: [10, 18],
    });
  }
  if (all.some(({ u }) => u.kommentar))
    cols.push({ rubrik: 'Kommentar', value: ({ u }) => u.kommentar ?? '', width: [30, 70], wrap: true });

  const HUVUD = 2;
  const head = ws.getRow(HUVUD);
  head.values = cols.map((c) => c.rubrik);
  styleHeader(head, 1, cols.length);
  const w = new Widths();
  cols.forEach((c, i) => w.see(i + 1, c.rubrik));
  all.forEach((x, i) => {
    const row = ws.getRow(HUVUD + 1 + i);
    cols.forEach((c, ci) => {
      const v = c.value(x);
      const cell = row.getCell(ci + 1);
      if (v !== '') cell.value = v;
      cell.alignment = { vertical: 'top', wrapText: c.wrap ?? false };
      w.see(ci + 1, String(v));
    });
  });
  if (!all.length) ws.getCell(HUVUD + 1, 1).value = 'Rapporten har inga uppdrag.';
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HUVUD, topLeftCell: `A${HUVUD + 1}`, activeCell: `A${HUVUD + 1}` }];
  ws.autoFilter = {
    from: { row: HUVUD, column: 1 },
    to: { row: HUVUD + Math.max(0, all.length), column: cols.length },
  };
  w.apply(ws, cols.length, 8, 60, Object.fromEntries(cols.map((c, i) => [i + 1, c.width])));
  fitRowHeights(ws);
  printSetup(ws, {
    titel: d.titelsida.titel,
    blad: 'Uppdrag',
    landscape: cols.length > 4,
    titleRows: `${HUVUD}:${HUVUD}`,
  });
}
