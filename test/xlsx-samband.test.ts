import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { bundled } from './support/lookup.js';

describe('Kontroll sheet: samband as formulas', () => {
  it('shows the tkr-in-mnkr Leanlink figure against the investment table, with the difference computed in Excel', async () => {
    const d = bundled('ks-internbudget-2024');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(d, runChecks(d), { version: 'test' })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Kontroll')!;
    let found: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (String(r.getCell(1).value).startsWith('Investeringar netto Leanlink, Budget 2024')) found = r;
    });
    expect(found).toBeDefined();
    const row = found!;
    expect(row.getCell(10).value).toBe('tusenfel');
    expect((row.getCell(8).value as { formula: string }).formula).toMatch(
      /^investeringar!\$?[A-Z]+\$?\d+$|^'investeringar'!\$?[A-Z]+\$?\d+$/,
    );
    const diff = row.getCell(9).value as { formula: string; result: number };
    expect(diff.formula).toBe(`ROUND(D${row.number}-H${row.number},6)`);
    expect(diff.result).toBeCloseTo(4400 - 4.4, 9);
  });
});
