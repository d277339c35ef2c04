import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/html/render-html.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { bundled } from './support/lookup.js';
import { pdfPages } from './support/pdf.js';
import { REPORTS } from './support/project.js';

const TITLES: Record<string, string> = {
  'ks-internbudget-2024': 'Diagram 1. Nettokostnad per verksamhetsområde, utfall 2022 och budget 2023–2024',
  'ks-delarsrapport-2021-08': 'Diagram 1. Prognos för helår 2021 mot budget per stab',
  'vss-forvaltningsbudget-2023':
    'Diagram 1. Förvaltningens kostnader per verksamhetsområde, bokslut 2021 och budget 2023',
};

describe.each(REPORTS)('%s charts in every format', (id) => {
  const d = bundled(id);
  it('HTML has the inline SVG with title, description and a data table', () => {
    const html = renderHtml(d);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="diagram-[^"]+-titel"/);
    expect(html).toContain(`>${TITLES[id]}</title>`);
    expect(html).toContain(`<figcaption>${TITLES[id]}</figcaption>`);
    expect(html).toMatch(/<desc[^>]*>Liggande stapeldiagram|<desc[^>]*>Stapeldiagram/);
    expect(html).toContain(`<caption>Data för ${TITLES[id]}</caption>`);
  });
  it('the PDF shows the chart\u2019s title and its text alternative', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'kr-chart-')), 'x.pdf');
    writeFileSync(f, await renderPdf(d));
    const text = pdfPages(f).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(TITLES[id]!.replace(/\s+/g, ' '));
    expect(text).toMatch(/Störst är /);
  });
  it('the workbook has the chart\u2019s data on its table\u2019s sheet, as formulas into the table', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(d, { fynd: [], belopp: [] }, { version: 'test' })) as unknown as ArrayBuffer);
    const chart = d.diagram[0]!;
    const ws = wb.worksheets.find((w) => w.getColumn(1).values.some((v) => v === TITLES[id]))!;
    expect(ws, 'bladet med diagrammets data').toBeDefined();
    let row = 0;
    ws.eachRow((r, n) => {
      if (
        r.getCell(1).value === chart.kategorier[0] &&
        n > 1 &&
        typeof r.getCell(2).value === 'object' &&
        r.getCell(2).value !== null
      )
        row = n;
    });
    expect(row).toBeGreaterThan(0);
    const v = ws.getRow(row).getCell(2).value as { formula: string; result: number };
    expect(v.formula).toMatch(/^[A-Z]+\d+(\*0\.001)?$/);
    expect(v.result).toBeCloseTo(chart.serier[0]!.värden[0]!, 9);
  });
});
