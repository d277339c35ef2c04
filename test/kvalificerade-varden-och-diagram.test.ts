import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../src/load/load-report.js';
import type { Dokument } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { chartLayout, chartSvg } from '../src/render/chart/index.js';
import { fontMeasures } from '../src/render/chart/font.js';
import { textWidth, withMeasures } from '../src/render/chart/text-width.js';
import { runChecks } from '../src/check/index.js';
import { chartPng } from '../src/render/docx/charts.js';
import { renderDocx } from '../src/render/docx/render-docx.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { writeValue } from '../src/render/xlsx/cells.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { parseCellString } from '../src/schema/cell.js';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { pdfPages } from './support/pdf.js';
import { ROOT } from './support/project.js';
import { CHROMIUM_ARGS, requireTool } from './support/tools.js';

/**
 * Issue 17's last shapes: values with the year they refer to and several markers in one cell
 * (test/fixtures/ekby), charts with their own series, charts in the kommun's font, and the Word
 * goal table's Bedömning column and marker text (test/fixtures/lommaro: a verksamhetsberättelse of a
 * fictional kommun with its own profile, whose indicator table has three years of outcome, a target per
 * year, a comment column and a sub-row), in every output format.
 */
const EKBY = join(ROOT, 'test', 'fixtures', 'ekby');
const LOMMARO = join(ROOT, 'test', 'fixtures', 'lommaro');

function compose(root: string, id: string): Dokument {
  const c = loadAndCompose(projectPaths(root), id);
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  expect(c.diagnostics.filter((d) => d.allvarlighet === 'fel')).toEqual([]);
  return c.dokument;
}

/** The validation's errors after one text of the ekby fixture's data file is replaced. */
function errorsAfter(file: string, from: string, to: string): { meddelande: string; rad?: number }[] {
  const root = mkdtempSync(join(tmpdir(), 'kr-kval-'));
  cpSync(EKBY, root, { recursive: true });
  const p = join(root, 'data', 'ekby-vp-2027', file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" finns inte i ${file}`);
  writeFileSync(p, text.replace(from, to));
  return loadAndValidate(projectPaths(root), 'ekby-vp-2027')
    .diagnostics.filter((d) => d.allvarlighet === 'fel')
    .map((d) => ({ meddelande: d.meddelande, ...(d.plats ? { rad: d.plats.rad } : {}) }));
}

interface Outputs {
  html: string;
  pdf: string;
  pdfFile: string;
  docXml: string;
  docx: JSZip;
  wb: ExcelJS.Workbook;
}

async function outputs(d: Dokument): Promise<Outputs> {
  const dir = mkdtempSync(join(tmpdir(), 'kr-kval-out-'));
  const pdfFile = join(dir, 'x.pdf');
  writeFileSync(pdfFile, await renderPdf(d));
  const docx = await JSZip.loadAsync(await renderDocx(d));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(d, { fynd: [], belopp: [] }, { version: 'test' })) as unknown as ArrayBuffer);
  return {
    html: renderHtml(d),
    pdf: pdfPages(pdfFile, true).join('\n'),
    pdfFile,
    docXml: (await docx.file('word/document.xml')?.async('string')) ?? '',
    docx,
    wb,
  };
}

/** Every numeric cell of a sheet with its number format, and every text cell. */
function cells(ws: ExcelJS.Worksheet): { value: unknown; numFmt?: string }[] {
  const out: { value: unknown; numFmt?: string }[] = [];
  ws.eachRow((r) =>
    r.eachCell((c) =>
      out.push(typeof c.value === 'number' ? { value: c.value, numFmt: c.numFmt } : { value: c.value }),
    ),
  );
  return out;
}

const ekby = compose(EKBY, 'ekby-vp-2027');
const lommaro = compose(LOMMARO, 'lommaro-vb-2026');
let e: Outputs;
let l: Outputs;
beforeAll(async () => {
  e = await outputs(ekby);
  l = await outputs(lommaro);
});

describe('qualified values', () => {
  it('the string forms are parsed strictly, decimals as written', () => {
    expect(parseCellString('2020: 49')).toEqual({
      typ: 'tal',
      tal: 49,
      decimaler: 0,
      referensår: 2020,
      avserFörst: true,
    });
    expect(parseCellString('4,50 % (2020)')).toEqual({
      typ: 'tal',
      tal: 4.5,
      decimaler: 2,
      referensår: 2020,
      enhet: '%',
    });
    expect(parseCellString('49*')).toEqual({ typ: 'tal', tal: 49, decimaler: 0, fotnot: '*' });
    expect(parseCellString('I.U. I.U.')).toEqual({ typ: 'iu', som: 'I.U. I.U.' });
    expect(parseCellString('I.U./-')).toEqual({ typ: 'iu', som: 'I.U./-' });
    expect(parseCellString('- -')).toEqual({ typ: 'streck', som: '- -' });
    expect(parseCellString('2020: 4x')).toMatch(/^efter "2020:" förväntades ett tal/);
    expect(parseCellString('I.U. I.X.')).toMatch(/^förväntade ett tal/);
  });
  it('the fact carries the year it refers to, and its decimals', () => {
    expect(ekby.fakta.get('mål/nojda-besokare/utfall_2026')).toMatchObject({
      cell: { tal: 87 },
      avser: { år: 2025, text: '2025' },
      decimaler: 0,
    });
    expect(ekby.fakta.get('mål/utlan/utfall_2026')).toMatchObject({
      cell: { tal: 6.4 },
      avser: { år: 2025 },
      decimaler: 1,
    });
    expect(ekby.fakta.get('mål/simkunnighet/utfall_2026')?.avser).toBeUndefined();
    expect(ekby.fakta.get('mål/simkunnighet/utfall_2026')?.cell).toEqual({ typ: 'iu', som: 'I.U. I.U.' });
  });
  it('HTML prints them as published, numbers right-aligned', () => {
    expect(e.html).toContain('<td class="tal">2025: 87</td>');
    expect(e.html).toContain('<td class="text">I.U. I.U.</td>');
    expect(e.html).toContain('<td class="tal">6,4 (2025)</td>');
  });
  it('the PDF prints them in the indicator table', () => {
    expect(e.pdf).toMatch(/Nöjda besökare i biblioteken\s+2025: 87\s+Minst 90 %/);
    expect(e.pdf).toMatch(/Simkunniga elever i årskurs 6\s+I\.U\. I\.U\.\s+Minst 95 %/);
    expect(e.pdf).toMatch(/Utlån per invånare\s+6,4 \(2025\)\s+Öka/);
  });
  it('Word prints them as published', () => {
    for (const t of ['2025: 87', 'I.U. I.U.', '6,4 (2025)']) expect(e.docXml).toContain(`>${t}<`);
  });
  it('the workbook keeps the number a number, with its year in the number format', () => {
    const mål = cells(e.wb.getWorksheet('Mål')!);
    expect(mål).toContainEqual({ value: 87, numFmt: '"2025: "#,##0' });
    expect(mål).toContainEqual({ value: 6.4, numFmt: '#,##0.0" (2025)"' });
    expect(mål).toContainEqual({ value: 'I.U. I.U.' });
  });
  it('LibreOffice shows the number with its year, as published, and reads it as a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('a');
    const forms = ['2020: 49', '6,4 (2025)', '2018: 74%'];
    forms.forEach((f, i) => {
      const c = parseCellString(f);
      if (typeof c === 'string') throw new Error(c);
      writeValue(ws.getCell(1, i + 1), c, c.typ === 'tal' ? (c.decimaler ?? 0) : 0);
    });
    ws.getCell(2, 1).value = { formula: 'A1+B1+C1' };
    const dir = mkdtempSync(join(tmpdir(), 'kr-kval-lo-'));
    await wb.xlsx.writeFile(join(dir, 'x.xlsx'));
    execFileSync(
      requireTool('soffice', 'libreoffice-calc-nogui'),
      // Token 9 "true": save the cells as shown, with their number formats.
      [
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,1053,false,true,true',
        '--outdir',
        dir,
        join(dir, 'x.xlsx'),
      ],
      { stdio: 'ignore', env: { ...process.env, HOME: dir } },
    );
    expect(readFileSync(join(dir, 'x.csv'), 'utf8').trim().split('\n')).toEqual([
      '2020: 49,6.4 (2025),2018: 74%',
      '129.4,,',
    ]);
  });
  it('malformed forms are Swedish errors at their line', () => {
    expect(errorsAfter('mal.yaml', '"2025: 87"', '"2025: 8 7"')).toEqual([
      {
        meddelande: expect.stringMatching(/efter "2025:" förväntades ett tal, t\.ex\. "2020: 49"/) as string,
        rad: 19,
      },
    ]);
    expect(errorsAfter('mal.yaml', '"6,4 (2025)"', '"6,4 (förra året)"')).toEqual([
      { meddelande: expect.stringMatching(/inom parentesen förväntades året värdet avser/) as string, rad: 21 },
    ]);
    expect(errorsAfter('mal.yaml', '"2025: 87"', '"1066: 87"')[0]?.meddelande).toMatch(
      /året 1066 i "1066: 87" är inte ett rimligt år/,
    );
  });
});

describe('a chart with its own series', () => {
  it('its figures are facts at their place in the series, the qualifier kept', () => {
    expect(ekby.fakta.get('besok-diagram/bibliotek/2026')).toMatchObject({
      cell: { typ: 'tal', tal: 86900 },
      enhet: 'antal',
      plats: { rad: 58 },
      kolumnRubrik: '2026',
    });
    expect(ekby.fakta.get('besok-diagram/simhallen/2026')?.avser).toEqual({ år: 2025, text: '2025' });
    const c = ekby.diagram.find((x) => x.id === 'besok-diagram')!;
    expect(c).toMatchObject({ kategorier: ['Bibliotek', 'Fritidsgårdar', 'Simhallen'], enhet: 'antal' });
    expect(c.serier.map((s) => [s.namn, s.värden])).toEqual([
      ['2025', [84200, 21300, 56100]],
      ['2026', [86900, 20800, 55400]],
    ]);
    // The series' year is the column's: the checks read it as a table's.
    expect(ekby.tabeller.find((t) => t.id === 'besok-diagram')).toMatchObject({
      endastData: true,
      kolumner: [{ år: 2025, mått: 'utfall' }, { år: 2026 }],
    });
  });
  it('HTML draws it after its heading with its text alternative and its data table', () => {
    const at = e.html.indexOf('<figure class="diagram" id="diagram-besok-diagram">');
    expect(at).toBeGreaterThan(e.html.indexOf('>Verksamhet</h2>'));
    const fig = e.html.slice(at, e.html.indexOf('</figure>', at));
    expect(fig).toContain('data-diagram="besok-diagram"');
    expect(fig).toContain('Diagram 1. Besök per verksamhet');
    expect(fig).toMatch(/<th scope="row">Simhallen<\/th><td[^>]*>56\s100<\/td><td[^>]*>55\s400<\/td>/);
  });
  it('the PDF and Word have the caption and the text alternative; Word also the data table', async () => {
    expect(e.pdf).toContain('Diagram 1. Besök per verksamhet');
    expect(e.pdf).toMatch(/Stapeldiagram som jämför 2025 och 2026 för 3 kategorier/);
    expect(e.docXml).toContain('Diagram 1. Besök per verksamhet');
    expect(e.docXml).toContain('Data för Diagram 1. Besök per verksamhet');
    expect(Object.keys(e.docx.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(2);
  });
  it('the workbook has its data on a sheet of its own, numbers as numbers', () => {
    const ws = e.wb.getWorksheet('besok-diagram')!;
    expect(ws.getCell('A1').value).toBe('Besök per verksamhet (diagrammets data)');
    const v = cells(ws);
    expect(v).toContainEqual({ value: 84200, numFmt: '#,##0' });
    expect(v).toContainEqual({ value: 55400, numFmt: '"2025: "#,##0' });
  });
  it('a series of the wrong length, or an id a table has, is a Swedish error at its line', () => {
    expect(errorsAfter('tabeller.yaml', 'värden: [84200, 21300, 56100]', 'värden: [84200, 21300]')).toEqual([
      {
        meddelande:
          'serien "2025" har 2 värden men diagrammet har 3 kategorier; skriv ett värde per kategori (null där det saknas)',
        rad: 57,
      },
    ]);
    expect(errorsAfter('tabeller.yaml', 'id: besok-diagram', 'id: personal')).toEqual([
      {
        meddelande: 'id "personal" används redan av en tabell eller ett diagram; ge diagrammet ett eget id',
        rad: 50,
      },
    ]);
  });
});

describe('a chart\u2019s own figures are checked like a table\u2019s', () => {
  it('the text\u2019s figure is verified against the chart\u2019s fact; a wrong one contradicts it', () => {
    const rätt = runChecks(lommaro);
    expect(rätt.fynd.filter((f) => f.allvarlighet === 'fel')).toEqual([]);
    expect(rätt.belopp.find((b) => b.text === '88,0 procent')?.fakta).toEqual(['bokning-diagram/hosttermin/2026']);
    const root = mkdtempSync(join(tmpdir(), 'kr-kval-check-'));
    cpSync(LOMMARO, root, { recursive: true });
    // The copy's profile names the fonts by absolute path, so it loads from anywhere.
    const profil = join(root, 'data', 'profiler', 'lommaro-kommun.yaml');
    writeFileSync(profil, readFileSync(profil, 'utf8').replaceAll('../../../../../data/', `${ROOT}/data/`));
    const text = join(root, 'content', 'lommaro-vb-2026', '03-verksamhet.md');
    writeFileSync(text, readFileSync(text, 'utf8').replace('88,0 procent', '86,0 procent'));
    const fel = runChecks(compose(root, 'lommaro-vb-2026')).fynd.filter((f) => f.allvarlighet === 'fel');
    expect(fel.map((f) => [f.regel, f.meddelande, f.plats?.rad])).toEqual([
      [
        'text-mot-tabell',
        expect.stringMatching(/^"86,0 procent" motsäger bokning-diagram: "Hösttermin", 2026 = 88,0/),
        5,
      ],
    ]);
  });
});

describe('a chart with its own series, placed by efter:', () => {
  it('a heading that is not there is one error, at the chart\u2019s efter line', () => {
    const root = mkdtempSync(join(tmpdir(), 'kr-kval-efter-'));
    cpSync(EKBY, root, { recursive: true });
    const p = join(root, 'data', 'ekby-vp-2027', 'tabeller.yaml');
    writeFileSync(
      p,
      readFileSync(p, 'utf8').replace('efter: Verksamhet\n    enhet: antal', 'efter: Verksamheten\n    enhet: antal'),
    );
    const fel = loadAndCompose(projectPaths(root), 'ekby-vp-2027')
      .diagnostics.filter((x) => x.allvarlighet === 'fel')
      .map((x) => [x.plats?.rad, x.meddelande]);
    // One message, not a cascade: the chart is not also reported as unplaced.
    expect(fel).toEqual([[53, expect.stringMatching(/^"efter: Verksamheten" pekar på en rubrik som inte finns/)]]);
  });
});

describe('charts in the kommun\u2019s font', () => {
  const c = lommaro.diagram[0]!;
  const typsnitt = lommaro.profil.typsnitt!;
  it('the SVG names the profile\u2019s font first, Roboto after it; without a profile font only Roboto', () => {
    expect(chartSvg(c, { typsnitt })).toContain(
      `font-family="'DejaVu Serif', 'DejaVu Serif (DejaVuSerif.ttf)', Roboto, Arial, sans-serif"`,
    );
    expect(chartSvg(c)).toContain('font-family="Roboto, Arial, sans-serif"');
    expect(l.html).toContain(`font-family="'DejaVu Serif'`);
  });
  it('labels are measured in that font: DejaVu Serif is wider, so the plot starts further right', () => {
    expect(chartLayout(c, { typsnitt }).plot.x).toBeGreaterThan(chartLayout(c).plot.x + 5);
  });
  it('Chromium measures every label in DejaVu Serif no wider than the layout assumed', async () => {
    const browser = await chromium.launch({ executablePath: requireTool('chromium', 'chromium'), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const face = `@font-face{font-family:"DejaVu Serif";src:url(data:font/ttf;base64,${readFileSync(typsnitt.normal).toString('base64')}) format("truetype");}`;
      // Long labels and large figures too, not only the fixture's.
      const wide = {
        ...c,
        kategorier: ['Fritidsgårdarna i Östra Lommarö', 'Sommarkurs', 'Hösttermin'],
        serier: c.serier.map((x) => ({ ...x, värden: x.värden.map((v) => (v ?? 0) * 1001) })),
      };
      await page.setContent(
        `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>${face}</style></head><body>${chartSvg(c, { typsnitt })}${chartSvg(wide, { typsnitt })}</body></html>`,
      );
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.fonts.check('12px "DejaVu Serif"'))).toBe(true);
      const measured = await page.evaluate(() =>
        [...document.querySelectorAll('svg text')].map((t) => ({
          text: t.textContent ?? '',
          width: (t as SVGTextElement).getComputedTextLength(),
          size: Number(t.getAttribute('font-size')),
        })),
      );
      expect(measured.length).toBeGreaterThan(20);
      const assumed = (t: string, size: number): number =>
        withMeasures(fontMeasures(typsnitt), () => textWidth(t, size));
      const tooWide = measured
        .filter((m) => m.width > assumed(m.text, m.size) + 0.01)
        .map((m) => `${m.text}: ${m.width} > ${assumed(m.text, m.size)}`);
      expect(tooWide).toEqual([]);
      // Roboto's widths would have been too narrow for DejaVu Serif: the measure is what keeps labels apart.
      expect(measured.filter((m) => m.width > textWidth(m.text, m.size) + 0.01).length).toBeGreaterThan(10);
    } finally {
      await browser.close();
    }
  });
  it('the PDF draws every label in DejaVu Serif and embeds no Roboto', () => {
    const fonts = execFileSync(requireTool('pdffonts', 'poppler-utils'), [l.pdfFile], { encoding: 'utf8' });
    expect(fonts).toContain('DejaVuSerif');
    expect(fonts).not.toContain('Roboto');
  });
  it('Word\u2019s PNG is drawn with the profile\u2019s font files, not Roboto', async () => {
    const png = await l.docx.file('word/media/image1.png')!.async('nodebuffer');
    const svg = await l.docx.file('word/media/image1.svg')!.async('string');
    expect(svg).toContain(`font-family="'DejaVu Serif'`);
    expect(png.equals(chartPng(svg, typsnitt))).toBe(true);
    expect(png.equals(chartPng(svg))).toBe(false);
  });
});

describe('the fictional kommun\u2019s report, built twice', () => {
  it('gives the same bytes in every format (the chart in its font included)', async () => {
    const again = compose(LOMMARO, 'lommaro-vb-2026');
    expect(renderHtml(again)).toBe(l.html);
    expect((await renderPdf(again)).equals(readFileSync(l.pdfFile))).toBe(true);
    expect((await renderDocx(again)).equals(await renderDocx(lommaro))).toBe(true);
    const x = async (d: Dokument): Promise<Buffer> =>
      Buffer.from(await renderXlsx(d, { fynd: [], belopp: [] }, { version: 'test' }));
    expect((await x(again)).equals(await x(lommaro))).toBe(true);
  });
});

describe('Word: the indicator table\u2019s Bedömning column and the profile\u2019s marker text', () => {
  it('has a Bedömning column with the level\u2019s symbol and words in its colour', () => {
    expect(l.docXml).toMatch(/>Bedömning<\/w:t>/);
    expect(l.docXml).toMatch(/<w:color w:val="1d5e2f"\/>[\s\S]{0,200}<w:t xml:space="preserve">◆ <\/w:t>/i);
    expect(l.docXml).toContain('>Helt uppfyllt<');
    expect(l.docXml).toContain('>Ej bedömt<');
  });
  it('says what the marker means in the profile\u2019s words', () => {
    expect(l.docXml).toContain('* Mäts i länets gemensamma enkät vartannat år.');
    expect(l.docXml).not.toContain('Obligatorisk indikator');
  });
  it('LibreOffice reads the same table back: the row, its comment and its bedömning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kr-kval-soffice-'));
    writeFileSync(join(dir, 'x.docx'), await renderDocx(lommaro));
    execFileSync(
      requireTool('soffice', 'libreoffice-writer-nogui'),
      ['--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, join(dir, 'x.docx')],
      { stdio: 'ignore', env: { ...process.env, HOME: dir } },
    );
    const txt = readFileSync(join(dir, 'x.txt'), 'utf8');
    expect(txt).toMatch(
      /Platser i simskolan\s+720\s+758\s+800\s+780\s+800\s+Sommarkursen fick en extra grupp\.\s+◆ Helt uppfyllt/,
    );
  });
});

describe('the drill: an indicator table with three years of outcome, a target per year, a comment column and a sub-row', () => {
  it('HTML has every column and the sub-row', () => {
    expect(l.html).toContain(
      '<th scope="col">2024</th><th scope="col">2025</th><th scope="col">2026</th><th scope="col">Mål 2026</th><th scope="col">Mål 2027</th><th scope="col" class="text">Kommentar</th><th scope="col">Bedömning</th>',
    );
    expect(l.html).toMatch(/<tr class="delrad"><th scope="row">Varav sommarkurs<\/th><td class="tal">130<\/td>/);
  });
  it('the PDF prints the row with its qualified value, two targets and the comment', () => {
    expect(l.pdf).toMatch(/Andel elever i årskurs 4\s+81 2024: 81\s+I\.U\.\s+Minst\s+Minst Skolans mätning/);
    expect(l.pdf).toMatch(/Varav sommarkurs\s+130\s+148\s+161/);
    // The comment column reads from the left: its head stands where its text starts.
    const rad = l.pdf.split('\n');
    const head = rad.find((x) => /Mål\s+Mål\s+Kommentar/.test(x))!;
    const cell = rad.find((x) => x.includes('Skolans mätning'))!;
    expect(Math.abs(head.indexOf('Kommentar') - cell.indexOf('Skolans mätning'))).toBeLessThanOrEqual(2);
  });
  it('the workbook has the targets as written and the comment as text', () => {
    const mål = cells(l.wb.getWorksheet('Mål')!);
    expect(mål).toContainEqual({ value: 'Minst 88 %' });
    expect(mål).toContainEqual({ value: 'Sommarkursen fick en extra grupp.' });
    expect(mål).toContainEqual({ value: 81, numFmt: '"2024: "#,##0' });
  });
});
