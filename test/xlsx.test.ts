import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dokument } from '../src/core/model/dokument.js';
import type { Kontrollresultat, TextBelopp } from '../src/core/model/kontroll.js';
import { runChecks } from '../src/check/index.js';
import { caption } from '../src/render/shared.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { assignSheetNames, sheetNameFor } from '../src/render/xlsx/sheet-names.js';
import { VERSION } from '../src/version.js';
import { bundled } from './support/lookup.js';
import { REPORTS, ROOT } from './support/project.js';
import { requireTool } from './support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-xlsx-'));
const kontrollOf = (d: Dokument, belopp: TextBelopp[] = []): Kontrollresultat => ({ fynd: d.diagnostics, belopp });
const render = (d: Dokument, k: Kontrollresultat = kontrollOf(d)): Promise<Buffer> =>
  renderXlsx(d, k, { version: VERSION });

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`inget blad ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
};

/** The sheet row whose column A reads `label` (the n-th such row). */
function rowByLabel(ws: ExcelJS.Worksheet, label: string, nth = 0): number {
  const rows: number[] = [];
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === label) rows.push(r);
  });
  const r = rows[nth];
  if (r === undefined) throw new Error(`ingen rad "${label}" på ${ws.name}`);
  return r;
}

/** The column whose header (row 3 on a table sheet) reads `header`. */
function colByHeader(ws: ExcelJS.Worksheet, header: string, headerRow = 3): number {
  let found = 0;
  ws.getRow(headerRow).eachCell((c, col) => {
    if (c.value === header && !found) found = col;
  });
  if (!found) throw new Error(`ingen kolumn "${header}" på ${ws.name}`);
  return found;
}

const workbooks = new Map<string, { buf: Buffer; wb: ExcelJS.Workbook }>();
beforeAll(async () => {
  for (const id of REPORTS) {
    const buf = await render(bundled(id));
    writeFileSync(join(dir, `${id}.xlsx`), buf);
    workbooks.set(id, { buf, wb: await load(buf) });
  }
});
const wbOf = (id: string): ExcelJS.Workbook => workbooks.get(id)!.wb;

describe('sheet names', () => {
  it('are the table id when it fits, else a stable ≤31-character name; fixed sheets cannot be taken', () => {
    expect(sheetNameFor('driftsammandrag')).toBe('driftsammandrag');
    const long = sheetNameFor('vo-kommunikations-och-utvecklingsstaben');
    expect(long).toBe(sheetNameFor('vo-kommunikations-och-utvecklingsstaben'));
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.startsWith('vo-kommunikations-och-ut')).toBe(true);
    expect(sheetNameFor('om').toLowerCase()).not.toBe('om');
    expect(sheetNameFor('a:b')).not.toMatch(/[[\]:*?/\\]/);
    // Two long ids with the same first 24 characters still get different names.
    const names = assignSheetNames([
      'verksamhetsomrade-planering-stab-a',
      'verksamhetsomrade-planering-stab-b',
      'kontroll',
    ]);
    expect(new Set([...names.values()].map((n) => n.toLowerCase())).size).toBe(3);
    expect([...names.values()].every((n) => n.length <= 31)).toBe(true);
    expect(names.get('kontroll')!.toLowerCase()).not.toBe('kontroll');
  });

  it.each(REPORTS)('%s: Om, one sheet per table in document order, Mål, Uppdrag, Kontroll', (id) => {
    const d = bundled(id);
    const names = wbOf(id).worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Om',
      ...d.tabeller.map((t) => sheetNameFor(t.id)),
      'Mål',
      'Uppdrag',
      'Uppgifter',
      'Kontroll',
    ]);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('names the long verksamhetsområde tables the same way every time', () => {
    const names = wbOf('ks-internbudget-2024').worksheets.map((w) => w.name);
    expect(names).toContain('vo-kommunikations-och-ut~f0bf67');
    expect(names).toContain('vo-naringsliv-och-tillva~bc396a');
  });
});

describe.each(REPORTS)('%s: table sheets', (id) => {
  const d = bundled(id);

  it('have the caption as title, the header row frozen, an autofilter and print set-up', () => {
    const wb = wbOf(id);
    for (const t of d.tabeller) {
      const ws = sheet(wb, sheetNameFor(t.id));
      expect(ws.getCell('A1').value).toBe(caption(t));
      expect(t.kolumner.map((_, i) => ws.getRow(3).getCell(2 + i).value)).toEqual(t.kolumner.map((c) => c.rubrik));
      expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3, topLeftCell: 'B4' });
      expect(ws.autoFilter).toMatch(/^A3:[A-Z]+\d+$/);
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      expect(ws.headerFooter.oddHeader).toContain(d.titelsida.titel.replace(/&/g, '&&'));
      expect(ws.headerFooter.oddFooter).toContain('&P');
      expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(20);
    }
  });

  it('hold every published number as a number with its decimals, markers as text', () => {
    const wb = wbOf(id);
    let numbers = 0;
    let markers = 0;
    for (const t of d.tabeller) {
      const ws = sheet(wb, sheetNameFor(t.id));
      t.rader.forEach((r, i) => {
        expect(ws.getCell(4 + i, 1).value).toContain(r.etikett);
        r.celler.forEach((fid, ci) => {
          const cell = ws.getCell(4 + i, 2 + ci);
          const f = fid ? d.fakta.get(fid) : undefined;
          if (!f || f.cell.typ === 'tom') {
            expect(cell.value).toBeNull();
          } else if (f.cell.typ === 'tal') {
            expect(cell.type).toBe(ExcelJS.ValueType.Number);
            expect(cell.value).toBe(f.cell.tal);
            expect(cell.numFmt.startsWith(f.decimaler ? `#,##0.${'0'.repeat(f.decimaler)}` : '#,##0')).toBe(true);
            expect(cell.numFmt.startsWith(`#,##0.${'0'.repeat(f.decimaler + 1)}`)).toBe(false);
            numbers++;
          } else {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            if (f.cell.typ === 'iu' || f.cell.typ === 'streck') {
              expect(cell.value).toBe(f.cell.som);
              markers++;
            }
          }
        });
      });
    }
    expect(numbers).toBeGreaterThan(100);
    if (id === 'ks-internbudget-2024') expect(markers).toBeGreaterThan(0);
  });

  it('store no figure as text anywhere in the tables or on the Mål sheet', () => {
    const wb = wbOf(id);
    const numberLike = /^[-−]?\d[\d\s\u00a0]*(?:[.,]\d+)?$/;
    const headers = new Set(d.mål.map((m) => m.benämning.mål));
    for (const name of [...d.tabeller.map((t) => sheetNameFor(t.id)), 'Mål']) {
      sheet(wb, name).eachRow((row, r) =>
        row.eachCell((c) => {
          if (r === 3 || headers.has(String(row.getCell(1).value))) return; // header rows: "2019" is a column heading
          if (typeof c.value === 'string') expect(c.value, `${name}!${c.address}`).not.toMatch(numberLike);
        }),
      );
    }
  });
});

describe('ks-internbudget-2024 driftsammandrag', () => {
  const d = bundled('ks-internbudget-2024');
  const t = d.tabeller.find((x) => x.id === 'driftsammandrag')!;
  const ws = (): ExcelJS.Worksheet => sheet(wbOf('ks-internbudget-2024'), 'driftsammandrag');

  it('shows "Summa nämndens internbudget" Utfall 2022 = 554.9 as a bold number with one decimal', () => {
    const r = rowByLabel(ws(), 'Summa nämndens internbudget');
    const cell = ws().getCell(r, colByHeader(ws(), 'Utfall 2022'));
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    expect(cell.value).toBe(554.9);
    expect(cell.numFmt).toBe('#,##0.0');
    expect(cell.font?.bold).toBe(true);
    expect(ws().getCell(r, 1).font?.bold).toBe(true);
  });

  it('shows varav rows in italics and indented', () => {
    const r = rowByLabel(ws(), 'varav intäkter');
    expect(ws().getCell(r, 1).font?.italic).toBe(true);
    expect(ws().getCell(r, 1).alignment?.indent).toBeGreaterThan(0);
    expect(ws().getCell(r, 2).font?.italic).toBe(true);
    expect(ws().getCell(rowByLabel(ws(), 'Kommunstyrelsen'), 1).alignment?.indent ?? 0).toBe(0);
  });

  it('recomputes the Summa rule as a formula with its cached result and the difference from the published figure', () => {
    const published = rowByLabel(ws(), 'Summa nämndens internbudget');
    const b = colByHeader(ws(), 'Utfall 2022');
    const letter = ws().getColumn(b).letter;
    // The rule's terms, read from the data rather than from the sheet.
    const rule = t.regler[0]!;
    const termRows = rule.är.split(' + ').map((id) => 4 + t.rader.findIndex((r) => r.id === id));
    const expected = termRows.reduce((s, r) => s + (ws().getCell(r, b).value as number), 0);

    const rc = rowByLabel(ws(), 'Regel 1: beräknad Summa nämndens internbudget');
    const computed = ws().getCell(rc, b);
    expect(computed.formula).toBe(`SUM(${termRows.map((r) => `${letter}${r}`).join(',')})`);
    expect(computed.formula).toBe('SUM(B4,B8,B19,B23,B28,B32,B35,B40)');
    expect(computed.result).toBe(554.7);
    expect(computed.result as number).toBeCloseTo(expected, 9);

    // The publication's own slip: the printed sum is 0.2 more than its rows.
    const diff = ws().getCell(rc + 1, b);
    expect(diff.formula).toBe(`ROUND(${letter}${published}-${letter}${rc},6)`);
    expect(diff.result).toBe(0.2);

    // The second rule (kostnader − intäkter) holds in this column.
    const rk = rowByLabel(ws(), 'Regel 2: beräknad Summa nämndens internbudget');
    const kostnader = rowByLabel(ws(), 'varav kostnader');
    const intakter = rowByLabel(ws(), 'varav intäkter');
    expect(ws().getCell(rk, b).formula).toBe(`SUM(${letter}${kostnader})-SUM(${letter}${intakter})`);
    expect(ws().getCell(rk, b).result).toBe(554.9);
    expect(ws().getCell(rk + 1, b).result).toBe(0);
  });
});

describe('column rules', () => {
  it('ks-delarsrapport-2021-08: avvikelse = budget − redovisat in columns right of the table', () => {
    const ws = sheet(wbOf('ks-delarsrapport-2021-08'), 'driftsammandrag-resultat');
    const col = colByHeader(ws, 'Beräknad Avvikelse (regel 2)');
    const r = rowByLabel(ws, 'Kommunstyrelsen');
    const redovisat = ws.getColumn(colByHeader(ws, 'Redovisat jan-aug 2021')).letter;
    const budget = ws.getColumn(colByHeader(ws, 'Budget jan-aug 2021')).letter;
    const avvikelse = ws.getColumn(colByHeader(ws, 'Avvikelse')).letter;
    expect(ws.getCell(r, col).formula).toBe(`SUM(${budget}${r})-SUM(${redovisat}${r})`);
    expect(ws.getCell(r, col).result).toBe(
      (ws.getCell(`${budget}${r}`).value as number) - (ws.getCell(`${redovisat}${r}`).value as number),
    );
    expect(ws.getCell(r, col + 1).formula).toBe(`ROUND(${avvikelse}${r}-${ws.getColumn(col).letter}${r},6)`);
    expect(ws.getCell(r, col + 1).result).toBe(0);
    // Rule 3 covers only the rows with reversed sign.
    const col3 = colByHeader(ws, 'Beräknad Avvikelse (regel 3)');
    expect(ws.getCell(r, col3).value).toBeNull();
    const vss = rowByLabel(ws, 'Verksamhetsstöd och service*');
    expect(ws.getCell(vss, col3).formula).toBe(`SUM(${redovisat}${vss})-SUM(${budget}${vss})`);
  });
});

describe('Mål and Uppdrag sheets', () => {
  it.each(REPORTS)('%s: every nämndmål and indicator, with values as numbers', (id) => {
    const d = bundled(id);
    const ws = sheet(wbOf(id), 'Mål');
    const a = new Set<string>();
    const b = new Set<string>();
    let numbers = 0;
    ws.eachRow((row) => {
      if (typeof row.getCell(1).value === 'string') a.add(row.getCell(1).value as string);
      if (typeof row.getCell(2).value === 'string') b.add(String(row.getCell(2).value).replace(/[*¹²³⁴⁵⁶⁷⁸⁹⁰]+$/, ''));
      row.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Number) numbers++;
      });
    });
    for (const m of d.mål) {
      for (const n of m.nämndmål) {
        expect(a.has(n.namn), n.namn).toBe(true);
        for (const i of n.indikatorer) {
          expect(b.has(i.namn), i.namn).toBe(true);
          for (const dr of i.delrader) expect(b.has(dr.namn), dr.namn).toBe(true);
        }
      }
    }
    const published = d.mål
      .filter((m) => m.visning === 'indikatorer')
      .flatMap((m) =>
        m.nämndmål.flatMap((n) => n.indikatorer.flatMap((i) => [...i.värden, ...i.delrader.flatMap((x) => x.värden)])),
      )
      .filter((v) => v.cell.typ === 'tal').length;
    expect(numbers).toBe(published);
  });

  it('ks-delarsrapport-2021-08: the bedömning of each nämndmål', () => {
    const d = bundled('ks-delarsrapport-2021-08');
    const ws = sheet(wbOf('ks-delarsrapport-2021-08'), 'Mål');
    const col = colByHeader(ws, 'Bedömning', rowByLabel(ws, d.mål[0]!.benämning.mål));
    const goal = d.mål.flatMap((m) => m.nämndmål).find((n) => n.bedömning?.nivå === 'uppfylls-delvis')!;
    const r = rowByLabel(ws, goal.namn);
    expect(ws.getCell(r, col).value).toBe('Uppfylls delvis');
  });

  it.each(REPORTS)('%s: every uppdrag, with status where the report has it', (id) => {
    const d = bundled(id);
    const ws = sheet(wbOf(id), 'Uppdrag');
    const all = d.uppdrag.flatMap((l) => l.uppdrag.map((u) => ({ l, u })));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    all.forEach(({ l, u }, i) => {
      expect(ws.getCell(3 + i, 1).value).toBe(l.rubrik);
      expect(ws.getCell(3 + i, 2).value).toBe(u.nummer);
      expect(ws.getCell(3 + i, 3).value).toBe(u.text);
    });
    const hasStatus = d.uppdrag.some((l) => l.medStatus);
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.includes('Status')).toBe(hasStatus);
    if (id === 'ks-delarsrapport-2021-08') {
      expect(hasStatus).toBe(true);
      const sc = colByHeader(ws, 'Status', 2);
      expect(all.filter(({ u }) => u.status).length).toBeGreaterThan(0);
      all.forEach(({ u }, i) => {
        if (u.status) expect(String(ws.getCell(3 + i, sc).value).toLowerCase()).toBe(u.status.toLowerCase());
      });
    }
  });
});

describe('Kontroll sheet', () => {
  it('lists findings and traces a figure in the text to its sheet and cell', async () => {
    const d = bundled('ks-internbudget-2024');
    const plats = { fil: 'content/ks-internbudget-2024/05-ekonomi.md', rad: 12, kolumn: 34 };
    const goalFact = [...d.fakta.values()].find((f) => f.tabell === 'mål' && f.cell.typ === 'tal')!;
    const k: Kontrollresultat = {
      fynd: [
        ...d.diagnostics,
        {
          allvarlighet: 'varning',
          regel: 'text-mot-tabell',
          meddelande: 'beloppet avrundat',
          plats,
          accepterad: 'avrundat i texten',
        },
      ],
      belopp: [
        {
          text: '667 mnkr',
          plats,
          värde: 667,
          enhet: 'mnkr',
          verdikt: 'stämmer inom avrundning',
          fakta: ['driftsammandrag/summa/budget_2024'],
        },
        {
          text: `${goalFact.cell.typ === 'tal' ? goalFact.cell.tal : ''}`,
          plats: { ...plats, rad: 20 },
          värde: 0,
          enhet: '',
          verdikt: 'stämmer',
          fakta: [goalFact.id],
        },
      ],
    };
    const wb = await load(await render(d, k));
    const ws = sheet(wb, 'Kontroll');
    const where = 'content/ks-internbudget-2024/05-ekonomi.md:12:34';

    const finding = rowByLabel(ws, where, 0);
    expect(ws.getCell(finding, 2).value).toBe('varning');
    expect(ws.getCell(finding, 3).value).toBe('text-mot-tabell');
    expect(ws.getCell(finding, 7).value).toBe('avrundat i texten');

    const amount = rowByLabel(ws, where, 1);
    const head = amount - 1;
    const col = (h: string): number => colByHeader(ws, h, head);
    expect(ws.getCell(amount, col('Text')).value).toBe('667 mnkr');
    expect(ws.getCell(amount, col('Verdikt')).value).toBe('stämmer inom avrundning');
    expect(ws.getCell(amount, col('Blad')).value).toBe('driftsammandrag');
    expect(ws.getCell(amount, col('Cell')).value).toBe('D44');
    // The address points at the published figure.
    expect(sheet(wb, 'driftsammandrag').getCell('D44').value).toBe(666.8);
    expect(ws.getCell(amount, col('Länk')).formula).toBe(`HYPERLINK("#'driftsammandrag'!D44","Visa")`);

    // An indicator value is traced to the Mål sheet.
    const goal = rowByLabel(ws, 'content/ks-internbudget-2024/05-ekonomi.md:20:34');
    expect(ws.getCell(goal, col('Blad')).value).toBe('Mål');
    const address = String(ws.getCell(goal, col('Cell')).value);
    expect(sheet(wb, 'Mål').getCell(address).value).toBe(goalFact.cell.typ === 'tal' ? goalFact.cell.tal : NaN);

    // Inline references are traced too.
    const ref = d.referenser[0]!;
    const rr = rowByLabel(ws, `${ref.plats.fil}:${ref.plats.rad}:${ref.plats.kolumn}`);
    expect(ws.getCell(rr, 7).value).toBe('driftsammandrag');
    expect(ws.getCell(rr, 8).value).toBe('D44');
  });
});

describe('Uppgifter sheet', () => {
  it('lists each declared uppgift as a number with its source, and the Kontroll sheet links a text figure to it', async () => {
    const d = bundled('vss-forvaltningsbudget-2023');
    const wb = await load(await renderXlsx(d, runChecks(d), { version: VERSION }));
    const ws = sheet(wb, 'Uppgifter');
    const r = rowByLabel(ws, 'priskompensation');
    expect(ws.getCell(r, 2).value).toBe('Priskompensation');
    expect(ws.getCell(r, 3).value).toBe(2.5);
    expect(ws.getCell(r, 3).numFmt).toBe('#,##0.0');
    expect(ws.getCell(r, 4).value).toBe('%');
    expect(ws.getCell(r, 7).value).toBe('Förvaltningens prisärende 2023');
    expect(String(ws.getCell(r, 8).value)).toMatch(/^data\/vss-forvaltningsbudget-2023\/uppgifter\.yaml:\d+:\d+$/);
    const k = sheet(wb, 'Kontroll');
    let linked = 0;
    k.eachRow((row) => {
      if (row.getCell(2).value === '2,5 %' && row.getCell(7).value === 'Uppgifter') {
        expect(row.getCell(8).value).toBe(`C${r}`);
        linked++;
      }
    });
    expect(linked).toBe(1);
  });
});

describe('Om sheet', () => {
  it.each(REPORTS)('%s: report id, title, every source file with its SHA-256, version and build date', (id) => {
    const d = bundled(id);
    const ws = sheet(wbOf(id), 'Om');
    const value = (label: string): unknown => ws.getCell(rowByLabel(ws, label), 2).value;
    expect(value('Rapport')).toBe(id);
    expect(value('Titel')).toBe(d.titelsida.titel);
    expect(value('Version')).toBe(VERSION);
    expect(value('Byggdatum')).toBe(d.datum);
    expect(d.källfiler.length).toBeGreaterThan(4);
    for (const f of d.källfiler) {
      const sha = createHash('sha256')
        .update(readFileSync(join(ROOT, f.fil)))
        .digest('hex');
      expect(value(f.fil)).toBe(sha);
    }
  });
});

describe('determinism', () => {
  it('two renders at different times are byte-identical, with the workbook dated from the data', async () => {
    const d = bundled('ks-internbudget-2024');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
      const a = await render(d);
      vi.setSystemTime(new Date('2032-10-11T12:13:14Z'));
      const b = await render(d);
      expect(a.equals(b)).toBe(true);
      expect(a.equals(workbooks.get('ks-internbudget-2024')!.buf)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    const zip = await JSZip.loadAsync(workbooks.get('ks-internbudget-2024')!.buf);
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect([...dates]).toEqual(['2023-11-30T00:00:00.000Z']);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-30T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-30T00:00:00Z</dcterms:modified>');
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(/<calcPr[^>]* fullCalcOnLoad="1"/);
  });
});

describe('recalculated by LibreOffice', () => {
  /** A profile that makes LibreOffice recalculate every formula of an .xlsx on load (the default trusts cached values). */
  function recalcProfile(): string {
    const profile = join(dir, 'lo-profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(
      join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
    return profile;
  }

  it('finds every formula equal to the cached result the product wrote', async () => {
    const soffice = requireTool('soffice', 'libreoffice-calc-nogui');
    // A control workbook with a deliberately wrong cached result proves the recalculation happens.
    const control = new ExcelJS.Workbook();
    const cs = control.addWorksheet('kontroll');
    cs.getCell('A1').value = 2;
    cs.getCell('A2').value = 'I.U.';
    cs.getCell('A3').value = { formula: 'SUM(A1,A2)+1', result: 99 };
    writeFileSync(join(dir, 'control.xlsx'), Buffer.from((await control.xlsx.writeBuffer()) as ArrayBuffer));

    const out = join(dir, 'recalculated');
    const inputs = [...REPORTS.map((id) => join(dir, `${id}.xlsx`)), join(dir, 'control.xlsx')];
    execFileSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${recalcProfile()}`,
        '--convert-to',
        'xlsx:Calc Office Open XML',
        '--outdir',
        out,
        ...inputs,
      ],
      {
        stdio: 'pipe',
        timeout: 240_000,
      },
    );

    const recalculated = async (name: string): Promise<ExcelJS.Workbook> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, `${name}.xlsx`));
      return wb;
    };
    expect((await recalculated('control')).getWorksheet('kontroll')!.getCell('A3').result).toBe(3);

    for (const id of REPORTS) {
      const ours = wbOf(id);
      const theirs = await recalculated(id);
      const mismatches: string[] = [];
      let formulas = 0;
      for (const ws of ours.worksheets) {
        const other = theirs.getWorksheet(ws.name);
        expect(other, `${id}: ${ws.name}`).toBeDefined();
        ws.eachRow((row) =>
          row.eachCell((c) => {
            if (c.type !== ExcelJS.ValueType.Formula) return;
            formulas++;
            const mine = c.result ?? 0;
            const lo = other!.getCell(c.address);
            const value = lo.type === ExcelJS.ValueType.Formula ? (lo.result ?? 0) : lo.value;
            const same =
              typeof mine === 'number' && typeof value === 'number'
                ? Math.abs(mine - value) <= 1e-9 * Math.max(1, Math.abs(mine))
                : mine === value;
            if (!same)
              mismatches.push(
                `${ws.name}!${c.address} ${c.formula}: ${JSON.stringify(mine)} ≠ ${JSON.stringify(value)}`,
              );
          }),
        );
      }
      expect(mismatches, id).toEqual([]);
      expect(formulas, id).toBeGreaterThan(40);
    }
  });
});
