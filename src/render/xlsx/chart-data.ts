import type ExcelJS from 'exceljs';
import { convertAmount } from '../../core/format/number.js';
import type { DiagramBlock, Dokument } from '../../core/model/dokument.js';
import { chartCaption } from '../chart/index.js';
import type { FaktKarta } from './cells.js';

/**
 * A chart's data on the sheet of the table it comes from: each value a formula pointing at its
 * published cell (converted when the chart shows another unit), so the picture is traceable.
 */
export function writeChartData(ws: ExcelJS.Worksheet, d: Dokument, charts: DiagramBlock[], karta: FaktKarta): void {
  let r = ws.rowCount + 2;
  for (const b of charts) {
    ws.getCell(r, 1).value = chartCaption(b);
    ws.getCell(r, 1).font = { bold: true };
    r++;
    const head = ws.getRow(r);
    head.getCell(1).value = `Diagrammets data (${b.enhet})`;
    b.serier.forEach((s, i) => (head.getCell(i + 2).value = s.namn));
    head.font = { bold: true };
    r++;
    b.kategorier.forEach((k, ci) => {
      const row = ws.getRow(r);
      row.getCell(1).value = k;
      b.serier.forEach((s, si) => {
        const id = s.fakta[ci];
        const value = s.värden[ci];
        const cell = row.getCell(si + 2);
        const at = id ? karta.get(id) : undefined;
        const f = id ? d.fakta.get(id) : undefined;
        if (value === null || value === undefined || !at || !f) {
          cell.value = null;
          return;
        }
        const factor = convertAmount(1, f.enhet, b.enhet) ?? 1;
        const ref = at.blad === ws.name ? at.cell : `'${at.blad}'!${at.cell}`;
        cell.value = { formula: factor === 1 ? ref : `${ref}*${factor}`, result: value };
        cell.numFmt = b.decimaler > 0 ? `#,##0.${'0'.repeat(b.decimaler)}` : '#,##0';
      });
      r++;
    });
    r++;
  }
}
