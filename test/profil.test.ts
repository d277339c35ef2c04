import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import { runNy } from '../src/cli/commands/ny.js';
import { loadAndCompose } from '../src/pipeline.js';
import { kontrast } from '../src/profil/kontrast.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { VERSION } from '../src/version.js';
import { parseCellString } from '../src/schema/cell.js';
import { bundled } from './support/lookup.js';
import { pdfPages } from './support/pdf.js';
import { ROOT, scratchProject } from './support/project.js';
import { requireTool } from './support/tools.js';

const ID = 'norrvik-tertial-2026';
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-profil-'));

describe("norrvik-tertial-2026: a report from init, with its kommun's own words and look", () => {
  const d = bundled(ID);

  it('takes its profile from data/profiler/<kommun>.yaml', () => {
    expect(d.profil.filer).toEqual(['data/profiler/norrviks-kommun.yaml']);
    expect(d.profil.bedömning.map((b) => b.text)).toEqual(['Uppnås', 'Uppnås delvis', 'Uppnås ej', 'Ej bedömd']);
    expect(d.profil.typsnitt?.normal).toMatch(/DejaVuSerif\.ttf$/);
    // The profile file is an input like the others: hashed on the workbook's Om sheet.
    expect(d.källfiler.map((f) => f.fil)).toContain('data/profiler/norrviks-kommun.yaml');
  });

  it("passes every check: the narrative's figures and counts agree with the tables, goals and uppdrag", () => {
    const k = runChecks(d);
    expect(k.fynd.filter((f) => f.allvarlighet !== 'info').map((f) => f.meddelande)).toEqual([]);
    expect(k.belopp.length).toBeGreaterThanOrEqual(5);
    expect(k.belopp.every((b) => b.verdikt === 'stämmer')).toBe(true);
  });

  it("HTML: the scale's words and symbols, free-text status, the marker's meaning, logo, font and colours", () => {
    const html = renderHtml(d);
    expect(html).toContain('<span class="symbol" aria-hidden="true">■</span> Bedömning: Uppnås delvis');
    expect(html).toContain('.bedomning-uppnas-ej { color: #a1261f; }');
    expect(html).toContain('<td class="text">Vilar tills nytt bokningssystem är upphandlat</td>');
    // The list's own columns (visa:), the recipient among them; targets as written in words.
    expect(html).toContain(
      '<th scope="col">Nr</th><th scope="col">Uppdrag</th><th scope="col">Riktat till</th><th scope="col">Status</th><th scope="col">Kommentar</th>',
    );
    expect(html).toContain('<td class="text">Kultur- och fritidsnämnden och barn- och utbildningsnämnden</td>');
    expect(html).toMatch(/<td[^>]*>Minst 35 %<\/td>/);
    expect(html).toMatch(/<td[^>]*>Högst 6,5<\/td>/);
    expect(html).toContain('<td class="text">Påbörjat</td>');
    expect(html).toContain('* Indikatorn följs av alla nämnder i Norrvik.');
    expect(html).toMatch(
      /<img class="logotyp" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Norrviks kommuns logotyp"/,
    );
    expect(html).toContain('@font-face{font-family:"DejaVu Serif (DejaVuSerif.ttf)"');
    expect(html).toContain(
      'h1, h2, h3, h4, h5, h6, caption, figure.diagram figcaption, .titelsida .kommun { color: #0f4c45; }',
    );
    expect(html).toContain('<p class="kommun">Norrviks kommun · Kultur- och fritidsnämnden</p>');
    // Headings of the generic template in the kommun's words.
    expect(html).toMatch(/<h2[^>]*>Mål och måluppfyllelse<\/h2>/);
    expect(html).toMatch(/<h3[^>]*>Perspektiv Medborgare<\/h3>/);
    expect(html).toMatch(/<h2[^>]*>Uppdrag från fullmäktige<\/h2>/);
  });

  it("PDF: embeds the profile's font, prints its words, running header and footer, byte-identical twice", async () => {
    const a = await renderPdf(d);
    const b = await renderPdf(d);
    expect(a.equals(b)).toBe(true);
    const f = join(dir, `${ID}.pdf`);
    writeFileSync(f, a);
    const fonts = execFileSync(requireTool('pdffonts', 'poppler-utils'), [f], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+DejaVuSerif\s/);
    expect(fonts).toMatch(/\+DejaVuSerif-Bold\s/);
    // (Charts still draw their labels in Roboto: src/render/chart is not yet told the profile's font.)
    const pages = pdfPages(f);
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(pages[0]).toContain('Norrviks kommun · Kultur- och fritidsnämnden');
    expect(pages[0]).toContain('Rapporten följer upp nämndens budget och mål för årets första fyra månader.');
    expect(pages[1]).toContain('Norrviks kommun – Tertialrapport 1 2026 – Kultur- och fritidsnämnden');
    expect(pages[1]).toContain(`Tertialrapport 1 2026 – Kultur- och fritidsnämnden · sida 2 av ${pages.length}`);
    expect(all).toContain('▲ Bedömning: Uppnås');
    expect(all).toContain('▼ Bedömning: Uppnås ej');
    // The narrow status column may break the long free-text status; its words are all there.
    expect(all).toMatch(/Vilar tills .*nytt .*upphandlat/);
    expect(all).toContain('131 000 42 460 130 800 200');
    expect(all).toContain('Summa nämnden');
    expect(all).toContain('−700');
    expect(all).toContain('Minst 35 %');
    expect(all).toContain('Nr Uppdrag Riktat till Status Kommentar');
    // The table follows the text under "Ekonomi > Driften", before "Investeringarna".
    const ekonomi = pages.find((p) => p.includes('Tabell 1. Driftredovisning per verksamhet'))!;
    expect(ekonomi.indexOf('Driften')).toBeLessThan(ekonomi.indexOf('Tabell 1.'));
    expect(ekonomi.indexOf('Tabell 1.')).toBeLessThan(ekonomi.indexOf('Investeringarna'));
    // Every page renders; the title page shows the logo (dark pixels in its top left corner).
    const png = join(dir, 'sida');
    execFileSync(requireTool('pdftoppm', 'poppler-utils'), ['-r', '40', '-png', f, png]);
    const sidor = readdirSync(dir).filter((n) => n.startsWith('sida') && n.endsWith('.png'));
    expect(sidor.length).toBe(pages.length);
    for (const s of sidor) expect(statSync(join(dir, s)).size).toBeGreaterThan(1000);
    const hörn = execFileSync(
      requireTool('convert', 'imagemagick'),
      [join(dir, sidor.sort()[0]!), '-crop', '60x40+20+20', '-format', '%[fx:mean]', 'info:'],
      { encoding: 'utf8' },
    );
    expect(Number(hörn)).toBeLessThan(0.9);
  });

  it("Excel: the bedömning in the profile's word on its colour, the free-text status as written", async () => {
    const buf = await renderXlsx(d, { fynd: d.diagnostics, belopp: [] }, { version: VERSION });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
    const delvis = cells.find((c) => c.value === 'Uppnås delvis');
    expect(delvis).toBeDefined();
    expect((delvis!.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF8C5300');
    expect(cells.some((c) => c.value === 'Vilar tills nytt bokningssystem är upphandlat')).toBe(true);
    expect(cells.some((c) => c.value === 'Påbörjat')).toBe(true);
    expect(cells.some((c) => c.value === 'Minst 35 %')).toBe(true);
    expect(cells.some((c) => c.value === 'Kultur- och fritidsnämnden och barn- och utbildningsnämnden')).toBe(true);
  });
});

describe("profile errors are Swedish, at the profile's line", () => {
  const med = (edit: (profil: string) => string): ReturnType<typeof loadAndCompose> => {
    const p = scratchProject([ID]);
    const f = join(p.data, 'profiler', 'norrviks-kommun.yaml');
    writeFileSync(f, edit(readFileSync(f, 'utf8')));
    return loadAndCompose(p, ID);
  };
  const fel = (c: ReturnType<typeof loadAndCompose>) =>
    c.diagnostics.filter((x) => x.allvarlighet === 'fel').map((x) => `${x.plats?.fil}:${x.plats?.rad} ${x.meddelande}`);

  it('a missing logo', () => {
    expect(fel(med((s) => s.replace('logotyp: norrvik-logotyp.svg', 'logotyp: saknas.svg')))).toEqual([
      'data/profiler/norrviks-kommun.yaml:27 logotypen data/profiler/saknas.svg finns inte',
    ]);
  });

  it('a text colour that fails WCAG AA on white', () => {
    expect(kontrast('#777777', '#ffffff')).toBeLessThan(4.5);
    const out = fel(med((s) => s.replace('rubrik: "#0f4c45"', 'rubrik: "#8fbfb8"')));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^data\/profiler\/norrviks-kommun\.yaml:30 färgen #8fbfb8 har kontrasten 2,04:1 mot vit bakgrund; text behöver minst 4,5:1 \(WCAG AA\)/,
    );
  });

  it('a font without the Swedish letters or U+2212', () => {
    const p = scratchProject([ID]);
    // LibreOffice's symbol font (OpenSymbol) has the minus sign but no Swedish letters.
    requireTool('soffice', 'libreoffice-writer-nogui');
    const symbol = '/usr/share/fonts/truetype/libreoffice/opens___.ttf';
    copyFileSync(symbol, join(p.data, 'profiler', 'typsnitt', 'Matte.ttf'));
    const f = join(p.data, 'profiler', 'norrviks-kommun.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('normal: typsnitt/DejaVuSerif.ttf', 'normal: typsnitt/Matte.ttf'));
    const out = fel(loadAndCompose(p, ID));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^data\/profiler\/norrviks-kommun\.yaml:36 typsnittet data\/profiler\/typsnitt\/Matte\.ttf saknar "å", "ä", "ö", "Å", "Ä", "Ö", "é", "É"; en rapport behöver/,
    );
  });

  it("a bedömning or status the profile does not know, at the data's line", () => {
    const p = scratchProject([ID]);
    const m = join(p.data, ID, 'mal.yaml');
    writeFileSync(m, readFileSync(m, 'utf8').replace('nivå: uppnås-delvis', 'nivå: uppfylls-delvis'));
    const f = join(p.data, 'profiler', 'norrviks-kommun.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('  fritext: true', '  fritext: false'));
    expect(fel(loadAndCompose(p, ID))).toEqual([
      `data/${ID}/mal.yaml:17 bedömningen "uppfylls-delvis" finns inte i profilens skala; skriv en av uppnås, uppnås-delvis, uppnås-ej, ej-bedömd (data/profiler/norrviks-kommun.yaml)`,
      `data/${ID}/uppdrag.yaml:17 statusen "Vilar tills nytt bokningssystem är upphandlat" finns inte bland profilens statusord; skriv en av påbörjat, slutfört, ej-påbörjat, eller tillåt fri text med uppdragsstatus: {fritext: true}`,
    ]);
  });

  it("a report overrides its kommun's profile in its own profil.yaml; a named profile that is missing is an error", () => {
    const p = scratchProject([ID]);
    writeFileSync(
      join(p.data, ID, 'profil.yaml'),
      'benämningar:\n  målkapitel: Måluppfyllelse\nutseende:\n  färger:\n    rubrik: "#222222"\n',
    );
    const d = loadAndCompose(p, ID).dokument!;
    expect(d.profil.benämningar.målkapitel).toBe('Måluppfyllelse');
    expect(d.profil.färger.rubrik).toBe('#222222');
    expect(d.profil.färger.tabellhuvud).toBe('#e3f1ee');
    const r = join(p.data, ID, 'rapport.yaml');
    writeFileSync(r, readFileSync(r, 'utf8').replace('budgetår: 2026', 'profil: norrvik-gammal\nbudgetår: 2026'));
    expect(fel(loadAndCompose(p, ID))).toEqual([
      `data/${ID}/rapport.yaml:9 profilen data/profiler/norrvik-gammal.yaml finns inte; skapa den eller rätta namnet i profil:`,
    ]);
  });
});

it('the bundled reports keep the default look: Roboto, no profile file', () => {
  const d = bundled('ks-internbudget-2024');
  expect(d.profil.filer).toEqual([]);
  expect(d.profil.typsnitt).toBeUndefined();
  expect(readFileSync(join(ROOT, 'data', 'ks-internbudget-2024', 'rapport.yaml'), 'utf8')).not.toContain('profil:');
});

describe('targets in words are comparisons the checks can use, printed as written', () => {
  it.each([
    ['Mindre än 23', '<', 23, undefined],
    ['Ej negativ', '≥', 0, undefined],
    ['Minst 90 %', '≥', 90, '%'],
    ['Högst 6,5', '≤', 6.5, undefined],
    ['Fler än 1200 besök', '>', 1200, undefined],
  ])('%s', (text, operator, tal, enhet) => {
    const c = parseCellString(text);
    expect(c).toMatchObject({ typ: 'jämförelse', operator, tal, som: text });
    if (typeof c !== 'string' && c.typ === 'jämförelse') expect(c.enhet).toBe(enhet);
  });
  it('other words are still an error that names the forms', () => {
    expect(parseCellString('Ungefär 5')).toMatch(
      /^förväntade ett tal, .*\(≥ 4, Minst 90 %, Mindre än 23\), fick "Ungefär 5"$/,
    );
  });
});

describe('a table kept as data only (visas: false)', () => {
  const d = bundled(ID);
  it('is not printed, but its chart is, after its efter: heading, in HTML and PDF', async () => {
    const html = renderHtml(d);
    expect(html).not.toContain('Besök per verksamhet');
    expect(html).toContain('Diagram 1. Besök januari–april, 2025 och 2026');
    expect(html.indexOf('Diagram 1.')).toBeGreaterThan(html.indexOf('>Verksamhet</h2>'));
    const f = join(dir, 'data.pdf');
    writeFileSync(f, await renderPdf(d));
    const text = pdfPages(f).join('\n');
    expect(text).toContain('Diagram 1. Besök januari–april, 2025 och 2026');
    expect(text).not.toContain('Besök per verksamhet');
  });
  it('its figures are facts the checks use, and the workbook has them on a sheet of its own', async () => {
    expect(d.fakta.get('besok/bibliotek/utfall_2026')?.cell).toMatchObject({ typ: 'tal', tal: 45900 });
    const buf = await renderXlsx(d, { fynd: d.diagnostics, belopp: [] }, { version: VERSION });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets.find(
      (w) => w.getCell('A1').value === 'Besök per verksamhet (endast data, visas inte i rapporten)',
    );
    expect(ws, wb.worksheets.map((w) => `${w.name}: ${String(w.getCell('A1').value)}`).join('; ')).toBeDefined();
    const values: unknown[] = [];
    ws!.eachRow((row) => row.eachCell((c) => void values.push(c.value)));
    expect(values).toContain(45900);
  });
});

describe('column groups: a heading over several columns, in a header row above theirs', () => {
  const d = bundled(ID);
  it('HTML: the group spans its columns; the others span both header rows', () => {
    expect(renderHtml(d)).toContain(
      '<th scope="col" rowspan="2">Utfall jan–apr 2026</th><th scope="colgroup" colspan="2" class="grupp">Helår 2026</th></tr>\n<tr><th scope="col">Prognos 2026</th><th scope="col">Avvikelse</th></tr>',
    );
  });
  it('PDF: the group heading stands above its columns', async () => {
    const f = join(dir, 'grupper.pdf');
    writeFileSync(f, await renderPdf(d));
    const sida = pdfPages(f, true).find((p) => p.includes('Tabell 2. Investeringar'))!;
    const rader = sida.split('\n');
    const grupp = rader.findIndex((r) => r.includes('Helår 2026'));
    expect(grupp).toBeGreaterThan(0);
    const kolumner = rader.findIndex((r, i) => i > grupp && r.includes('Prognos 2026'));
    expect(kolumner).toBeGreaterThan(grupp);
    // Centred over Prognos and Avvikelse: it starts right of where Utfall ends.
    expect(rader[grupp]!.indexOf('Helår')).toBeGreaterThan(
      rader.find((r) => r.includes('Utfall jan–apr'))!.indexOf('Utfall'),
    );
  });
  it('Excel: the group heading is merged over its columns, above the header row', async () => {
    const buf = await renderXlsx(d, { fynd: d.diagnostics, belopp: [] }, { version: VERSION });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.getCell('A1').value === 'Tabell 2. Investeringar')!;
    expect(ws.getCell('D3').value).toBe('Prognos 2026');
    expect(ws.getCell('D2').value).toBe('Helår 2026');
    expect(ws.getCell('E2').isMerged).toBe(true);
    expect(ws.getCell('E2').master.address).toBe('D2');
    // The kommun's colours: its table-head fill and its heading colour.
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE3F1EE');
    expect(ws.getCell('A1').font.color?.argb).toBe('FF0F4C45');
  });
  it('a group whose columns are not next to each other is an error at its line', () => {
    const p = scratchProject([ID]);
    const f = join(p.data, ID, 'tabeller.yaml');
    writeFileSync(
      f,
      readFileSync(f, 'utf8').replace(
        'kolumner: [prognos_2026, avvikelse_2026]',
        'kolumner: [budget_2026, avvikelse_2026]',
      ),
    );
    const fel = loadAndCompose(p, ID).diagnostics.filter((x) => x.allvarlighet === 'fel');
    expect(fel.map((x) => `${x.plats?.fil}:${x.plats?.rad} ${x.meddelande}`)).toEqual([
      `data/${ID}/tabeller.yaml:48 en grupps kolumner ska stå i följd, i tabellens ordning`,
    ]);
  });
});

describe("a goal's own lists: a heading, a lead-in, nested items, several paragraphs", () => {
  const d = bundled(ID);
  it('HTML', () => {
    const html = renderHtml(d);
    expect(html).toContain(
      '<p>Söndagsöppet på huvudbiblioteket har lockat nya grupper, och besöken under perioden ligger över samma period förra året.</p>\n<p>Filialerna i Strandby',
    );
    expect(html).toMatch(
      /<h\d>Genomfört under perioden<\/h\d><p>Biblioteken har bland annat:<\/p><ul><li>öppnat huvudbiblioteket på söndagar<\/li><li>startat läsecirklar för<ul><li>nyanlända vuxna<\/li><li>pensionärer i Strandby<\/li><\/ul><\/li><\/ul>/,
    );
  });
  it('PDF: the nested items are indented under their item', async () => {
    const f = join(dir, 'listor.pdf');
    writeFileSync(f, await renderPdf(d));
    const sida = pdfPages(f, true).find((p) => p.includes('Genomfört under perioden'))!;
    const rad = (t: string): string => sida.split('\n').find((r) => r.includes(t))!;
    expect(sida).toContain('Biblioteken har bland annat:');
    expect(rad('nyanlända vuxna').indexOf('nyanlända')).toBeGreaterThan(rad('startat läsecirklar').indexOf('startat'));
  });
});

describe('a bedömning column in an indicator table', () => {
  const d = bundled(ID);
  it("HTML, PDF and Excel show each indicator's own bedömning in the profile's words", async () => {
    const html = renderHtml(d);
    expect(html).toContain('<th scope="col">Målvärde 2026</th><th scope="col">Bedömning</th></tr>');
    expect(html).toMatch(
      /<td[^>]*>4,2<\/td><td[^>]*>Öka<\/td><td class="text bedomning bedomning-uppnas"><span class="symbol" aria-hidden="true">▲<\/span> Uppnås<\/td>/,
    );
    const f = join(dir, 'indikatorbedomning.pdf');
    writeFileSync(f, await renderPdf(d));
    const rad = pdfPages(f, true)
      .join('\n')
      .split('\n')
      .find((r) => r.includes('Fysiska biblioteksbesök per invånare'))!;
    expect(rad).toMatch(/4,2\s+Öka\s+▲ Uppnås/);
    const buf = await renderXlsx(d, { fynd: d.diagnostics, belopp: [] }, { version: VERSION });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    let hittad = false;
    wb.getWorksheet('Mål')!.eachRow((row) => {
      if (row.getCell(2).value === 'Fysiska biblioteksbesök per invånare') hittad = row.getCell(5).value === 'Uppnås';
    });
    expect(hittad).toBe(true);
  });
});

describe('goals without a kommunövergripande mål, directly under their målområde', () => {
  const d = bundled(ID);
  it('get a goal table of their own, captioned by the målområde, with facts at their lines', async () => {
    const html = renderHtml(d);
    expect(html).toContain('<caption>Tabell 5. Verksamhet</caption>');
    expect(html).not.toMatch(/<h\d[^>]*><\/h\d>/);
    expect(d.fakta.get('mål/tillgangliga-salar/mal_2026')?.plats).toMatchObject({
      fil: `data/${ID}/mal.yaml`,
      rad: 66,
    });
    const f = join(dir, 'direkta-mal.pdf');
    writeFileSync(f, await renderPdf(d));
    const text = pdfPages(f).join('\n').replace(/\s+/g, ' ');
    // The goal stands as a full-width row under the column heads, above its indicators.
    expect(text).toContain(
      'Tabell 5. Verksamhet Indikator Utfall 2025 Målvärde 2026 Nämndmål: Lokalerna är tillgängliga för alla Andel samlingssalar med hörslinga',
    );
  });
  it('ny rolls their indicators forward like the others', () => {
    const p = scratchProject([ID]);
    expect(runNy(p.root, 'norrvik-tertial-2027', { från: ID })).toBe(0);
    const n = loadAndCompose(p, 'norrvik-tertial-2027');
    expect(
      n.diagnostics.filter((x) => x.allvarlighet === 'fel' && x.regel !== 'utkast').map((x) => x.meddelande),
    ).toEqual([]);
    // The 2025 outcome column became 2026's (blank), and the 2026 target stays with its year; the new target column is blank.
    expect(n.dokument!.fakta.get('mål/tillgangliga-salar/utfall_2026')?.cell.typ).toBe('tom');
    expect(n.dokument!.fakta.get('mål/tillgangliga-salar/mal_2027')?.cell.typ).toBe('tom');
    // Column groups follow their columns, the year in their heading too.
    expect(n.dokument!.tabeller.find((t) => t.id === 'investeringar')!.kolumngrupper).toEqual([
      { rubrik: 'Helår 2027', från: 2, antal: 2 },
    ]);
  });
});
