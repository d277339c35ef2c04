import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it, vi } from 'vitest';
import { runImport, type ImportOptions } from '../src/cli/commands/import.js';
import { parseBelopp } from '../src/import/amount.js';
import { tillämpa } from '../src/import/apply.js';
import type { Export } from '../src/import/ledger.js';
import { intervall, koder, periodtest, träffar, överlapp, type Filter } from '../src/import/selection.js';
import { läsExport } from '../src/import/read-export.js';
import { skrivVärden } from '../src/import/write-tables.js';
import { sieFält } from '../src/import/sie.js';
import type { ProjectPaths } from '../src/load/load-report.js';
import { ROOT, scratchFixture } from './support/project.js';
import { fångaKonsol, utskrift } from './support/console.js';

const FIX = join(ROOT, 'test', 'fixtures', 'import');

const konsol = fångaKonsol();

/** The example report with comments in its tabeller.yaml, and the sample exports beside it. */
function projekt(): { p: ProjectPaths; tabeller: string; original: string } {
  const p = scratchFixture();
  for (const f of readdirSync(FIX)) copyFileSync(join(FIX, f), join(p.root, f));
  const tabeller = join(p.data, 'exempel-2025', 'tabeller.yaml');
  const original = readFileSync(tabeller, 'utf8')
    .replace('tabeller:\n', '# Nämndens tabeller; beloppen hämtas ur ekonomisystemet.\ntabeller:\n')
    .replace(
      '      - {id: stab-b, etikett: Stab B, värden: [20.3, 21.0]}',
      '      - {id: stab-b, etikett: Stab B, värden: [20.3, 21.0]}   # inkl. projekt P17',
    );
  writeFileSync(tabeller, original);
  return { p, tabeller, original };
}

async function importera(p: ProjectPaths, opts: Partial<ImportOptions> & { från: string }): Promise<number> {
  const cwd = process.cwd();
  process.chdir(p.root);
  try {
    return await runImport(p.root, 'exempel-2025', opts);
  } finally {
    process.chdir(cwd);
  }
}

/** Lines that differ between two texts of the same length in lines. */
function ändradeRader(a: string, b: string): [string, string][] {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y.length).toBe(x.length);
  return x.flatMap((l, i) => (l === y[i] ? [] : [[l, y[i]!] as [string, string]]));
}

const ÄNDRADE_2025: [string, string][] = [
  [
    '      - {id: stab-b, etikett: Stab B, värden: [20.3, 21.0]}   # inkl. projekt P17',
    '      - {id: stab-b, etikett: Stab B, värden: [20.3, 21.2]}   # inkl. projekt P17',
  ],
  [
    '      - {id: summa, etikett: Summa nämnden, roll: summa, värden: [30.8, 32.0]}',
    '      - {id: summa, etikett: Summa nämnden, roll: summa, värden: [30.8, 32.2]}',
  ],
  [
    '      - {id: varav-kostnader, etikett: varav kostnader, roll: varav, varav: kostnader, värden: [35.8, 37.0]}',
    '      - {id: varav-kostnader, etikett: varav kostnader, roll: varav, varav: kostnader, värden: [35.8, 37.2]}',
  ],
  [
    '          - {id: loner, etikett: Löner, värden: [6200, 6500]}',
    '          - {id: loner, etikett: Löner, värden: [6200, 6480]}',
  ],
  [
    '          - {id: utbildning, etikett: Utbildning, värden: [4300, 4500]}',
    '          - {id: utbildning, etikett: Utbildning, värden: [4300, 4520]}',
  ],
];

describe('import from the sample exports into the example report', () => {
  it('SIE 4: changes exactly the five cells, in place, keeping comments; totals, unmapped amounts and the checks after', async () => {
    const { p, tabeller, original } = projekt();
    const kod = await importera(p, { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' });
    const ut = utskrift(konsol.log);
    expect(kod, utskrift(konsol.err)).toBe(0);
    expect(ut).toContain('huvudbok.se: 416 belopp, 56 summarader överhoppade');
    expect(ut).toContain('5 celler ändras (före → efter):');
    expect(ut).toMatch(/driftsammandrag\/stab-b\/budget_2025 +21,0 +→ +21,2/);
    expect(ut).toMatch(/vo-stab-a\/loner\/budget_2025 +6\u00a0500 +→ +6\u00a0480/);
    // The totals line per column: export and import side by side.
    expect(ut).toMatch(
      /driftsammandrag\/budget_2025 +32\u00a0234\u00a0567 kr +32\u00a0234\u00a0567 kr +0 kr +allt mappat/,
    );
    expect(ut).toMatch(/vo-stab-a\/budget_2024 +10\u00a0500\u00a0000 kr +10\u00a0500\u00a0000 kr +0 kr +allt mappat/);
    // Nämndadministrationen (ansvar 900) and the utfall (no utfall column) are listed, not lost.
    expect(ut).toContain('Omappade belopp, i ingen tabell (128 rader, sammanlagt 20\u00a0961\u00a0534 kr):');
    expect(ut).toMatch(/konto 6410 ansvar 900 verksamhet 210 \(budget\) +310\u00a0000 kr +24 rader, huvudbok\.se:170/);
    expect(ut).toContain('skrev data/exempel-2025/tabeller.yaml (5 celler)');
    // The narrative's figures that the new tables contradict, with their positions.
    expect(ut).toContain(
      'content/exempel-2025/02-ekonomi.md:9:95 "6 500 tkr" motsäger vo-stab-a: "Löner", Budget 2025 = 6\u00a0480 tkr [ny]',
    );
    expect(ut).toMatch(/content\/exempel-2025\/02-ekonomi\.md:5:38 "32,0 mnkr" motsäger/);
    // "… en ökning med 1,2 mnkr jämfört med 2024 års budget": the imported 32,2 makes it 1,4 (issue 15).
    expect(ut).toContain(
      'content/exempel-2025/02-ekonomi.md:5:73 "1,2 mnkr" motsäger driftsammandrag: "Summa nämnden", förändring från Budget 2024 (30,8) till Budget 2025 (32,2) = 1,4 mnkr [ny]',
    );
    expect(ut).toContain('exempel-2025 efter importen: 3 fel');
    const efter = readFileSync(tabeller, 'utf8');
    expect(ändradeRader(original, efter)).toEqual(ÄNDRADE_2025);
    expect(efter).toContain('# Nämndens tabeller; beloppen hämtas ur ekonomisystemet.');
    // Again: nothing changes, nothing is written.
    konsol.log.mockClear();
    expect(await importera(p, { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' })).toBe(0);
    expect(utskrift(konsol.log)).toContain('Inga celler ändras: tabellerna har redan exportens värden.');
    expect(readFileSync(tabeller, 'utf8')).toBe(efter);
  });

  it('CSV in Windows-1252: the same cells; the ansvar outside the tables is the only unmapped amount', async () => {
    const { p, tabeller, original } = projekt();
    expect(await importera(p, { från: 'budget.csv', mappning: 'csv-mappning.yaml' }), utskrift(konsol.err)).toBe(0);
    const ut = utskrift(konsol.log);
    expect(ut).toContain('budget.csv: 26 belopp, 1 summarader överhoppade');
    expect(ut).toMatch(
      /driftsammandrag\/budget_2024 +30\u00a0800\u00a0000 kr +30\u00a0800\u00a0000 kr +0 kr +allt mappat/,
    );
    expect(ut).toContain('Omappade belopp, i ingen tabell (2 rader, sammanlagt 310\u00a0000 kr):');
    expect(ut).toMatch(/konto 6410 ansvar 900 verksamhet 210 \(budget\) +310\u00a0000 kr +2 rader, budget\.csv:17/);
    expect(ändradeRader(original, readFileSync(tabeller, 'utf8'))).toEqual(ÄNDRADE_2025);
  });

  it('xlsx from a report generator: header found under the title rows, sums rows skipped, cells named in the unmapped list', async () => {
    const { p, tabeller, original } = projekt();
    expect(await importera(p, { från: 'rapport.xlsx', mappning: 'xlsx-mappning.yaml' }), utskrift(konsol.err)).toBe(0);
    const ut = utskrift(konsol.log);
    expect(ut).toContain('rapport.xlsx: 26 belopp, 4 summarader överhoppade');
    expect(ut).toContain('2 celler ändras (före → efter):');
    expect(ut).toMatch(/vo-stab-a\/budget_2025 +11\u00a0000\u00a0000 kr +11\u00a0000\u00a0000 kr +0 kr +allt mappat/);
    expect(ut).toMatch(
      /konto 5010 ansvar 200 verksamhet 220 \(budget\) +25\u00a0600\u00a0000 kr +2 rader, rapport\.xlsx:Rapport!E17/,
    );
    expect(ändradeRader(original, readFileSync(tabeller, 'utf8'))).toEqual(ÄNDRADE_2025.slice(3));
  });

  it('--torrkörning prints the changes and the checks but writes nothing', async () => {
    const { p, tabeller, original } = projekt();
    expect(await importera(p, { från: 'huvudbok.se', mappning: 'sie-mappning.yaml', torrkörning: true })).toBe(0);
    const ut = utskrift(konsol.log);
    expect(ut).toContain('5 celler ändras');
    expect(ut).toContain('Torrkörning: data/exempel-2025/tabeller.yaml skrevs inte.');
    expect(ut).toContain('"6 500 tkr" motsäger vo-stab-a: "Löner", Budget 2025 = 6\u00a0480 tkr');
    expect(readFileSync(tabeller, 'utf8')).toBe(original);
    expect(readdirSync(p.data)).toEqual(['exempel-2025']);
  });

  it('--ny-mappning writes a starting mapping from the export that imports as it stands, mapping nothing', async () => {
    const { p, tabeller, original } = projekt();
    expect(await importera(p, { från: 'huvudbok.se', nyMappning: true })).toBe(0);
    const m = readFileSync(join(p.data, 'exempel-2025', 'mappning.yaml'), 'utf8');
    expect(m).toContain('#   ansvar: 100 Stab A, 200 Stab B, 900 Nämnd och administration');
    expect(m).toContain('#   verksamhet: 210 Ledning och styrning, 220 Utveckling och service');
    expect(m).toContain('#   projekt: P17 Digital arkivering');
    expect(m).toContain('      budget_2025: {art: budget, perioder: "2025"}');
    expect(m).toContain('      # loner: {konton: ["…"]}   # Löner (post)');
    // It never overwrites; with --torrkörning it prints the mapping instead.
    const skriv = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await importera(p, { från: 'huvudbok.se', nyMappning: true, torrkörning: true })).toBe(0);
      expect(skriv.mock.calls.map((c) => String(c[0])).join('')).toBe(m);
    } finally {
      skriv.mockRestore();
    }
    expect(await importera(p, { från: 'huvudbok.se', nyMappning: true })).toBe(1);
    expect(utskrift(konsol.err)).toContain('data/exempel-2025/mappning.yaml finns redan');
    konsol.log.mockClear();
    expect(await importera(p, { från: 'huvudbok.se' })).toBe(0);
    expect(utskrift(konsol.log)).toMatch(
      /vo-stab-a\/budget_2025 +32\u00a0394\u00a0567 kr +0 kr +32\u00a0394\u00a0567 kr +omappat finns/,
    );
    expect(readFileSync(tabeller, 'utf8')).toBe(original);
    // A CSV's columns are recognised: the name columns, and the year in "Budget 2025".
    expect(await importera(p, { från: 'budget.csv', nyMappning: true, mappning: 'ny-csv.yaml' })).toBe(0);
    const c = readFileSync(join(p.root, 'ny-csv.yaml'), 'utf8');
    expect(c).toContain('    kontonamn: "Kontotext"');
    expect(c).toContain('    dimensioner: {"ansvar": "Ansvar", "verksamhet": "Verksamhet"}');
    expect(c).toContain('      - {kolumn: "Budget 2025", art: budget, period: "2025"}');
  });
});

describe('bad input: one Swedish message with file and line or cell, and nothing written', () => {
  async function fel(
    ändra: (p: ProjectPaths) => void,
    opts: Partial<ImportOptions> & { från: string },
  ): Promise<string> {
    const { p, tabeller, original } = projekt();
    konsol.err.mockClear();
    ändra(p);
    const kod = await importera(p, opts);
    expect(kod).toBe(1);
    expect(readFileSync(tabeller, 'utf8')).toBe(original);
    expect(readdirSync(p.data)).toEqual(['exempel-2025']);
    expect(readdirSync(join(p.data, 'exempel-2025')).filter((f) => f.startsWith('.'))).toEqual([]);
    const rader = utskrift(konsol.err)
      .split('\n')
      .filter((l) => !l.startsWith('Inget skrevs'));
    expect(rader.length, rader.join('\n')).toBe(1);
    return rader[0]!;
  }
  const ersätt = (p: ProjectPaths, fil: string, från: string, till: string): void => {
    const f = join(p.root, fil);
    const t = readFileSync(f, 'utf8');
    expect(t).toContain(från);
    writeFileSync(f, t.replace(från, till));
  };

  it('an account the export does not have', async () => {
    const m = await fel(
      (p) => ersätt(p, 'sie-mappning.yaml', 'loner: {konton: ["5000-5999"]}', 'loner: {konton: ["5000-5999", 5011]}'),
      { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' },
    );
    expect(m).toBe(
      'sie-mappning.yaml:23:37 fel import-mappning: kontot 5011 finns inte i exporten huvudbok.se; rätta kontot eller ta bort det',
    );
  });
  it('overlapping account ranges in two rows of a table', async () => {
    const m = await fel(
      (p) =>
        ersätt(
          p,
          'sie-mappning.yaml',
          'utbildning: {konton: ["3000-3999", "6000-7999"]}',
          'utbildning: {konton: ["3000-3999", "5900-7999"]}',
        ),
      { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' },
    );
    expect(m).toBe(
      'sie-mappning.yaml:24:42 fel import-mappning: konton 5900-7999 i raden "utbildning" överlappar 5000-5999 i raden "loner" (rad 23); ett belopp kan bara höra till en rad i tabellen (summa-, varav- och jämförelserader får överlappa)',
    );
  });
  it('a column that is not a number', async () => {
    const m = await fel(
      (p) =>
        writeFileSync(
          join(p.root, 'budget.csv'),
          iconv.encode(
            iconv
              .decode(readFileSync(join(p.root, 'budget.csv')), 'win1252')
              .replace('4\u00a0800\u00a0000,00', 'se not 3'),
            'win1252',
          ),
        ),
      { från: 'budget.csv', mappning: 'csv-mappning.yaml' },
    );
    expect(m).toBe(
      'budget.csv:7 fel import: "se not 3" i kolumnen "Budget 2025" är inget belopp (förväntade t.ex. 1 234,50, −1 234 eller (1 234))',
    );
  });
  it('a mapping that names a text column as amounts', async () => {
    const m = await fel(
      (p) =>
        ersätt(
          p,
          'xlsx-mappning.yaml',
          '{kolumn: Budget 2024, art: budget, period: "2024"}',
          '{kolumn: Kontonamn, art: budget, period: "2024"}',
        ),
      { från: 'rapport.xlsx', mappning: 'xlsx-mappning.yaml' },
    );
    expect(m).toBe(
      'rapport.xlsx:Rapport!C7 fel import: "Taxor och avgifter" i kolumnen "Kontonamn" är inget belopp (förväntade t.ex. 1 234,50, −1 234 eller (1 234))',
    );
  });
  it('wrong encoding: a SIE file saved as UTF-8', async () => {
    const m = await fel(
      (p) =>
        writeFileSync(
          join(p.root, 'huvudbok.se'),
          iconv.decode(readFileSync(join(p.root, 'huvudbok.se')), 'cp437'),
          'utf8',
        ),
      { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' },
    );
    expect(m).toBe(
      'huvudbok.se:12:14 fel import: filen är sparad som UTF-8, men SIE 4 ska vara i CP437 (#FORMAT PC8); exportera filen igen ur ekonomisystemet, eller ange kodning: utf-8 under källa i mappningen',
    );
  });
  it('wrong encoding: a Windows-1252 CSV where the mapping says UTF-8', async () => {
    const m = await fel((p) => ersätt(p, 'csv-mappning.yaml', 'kodning: windows-1252', 'kodning: utf-8'), {
      från: 'budget.csv',
      mappning: 'csv-mappning.yaml',
    });
    expect(m).toBe(
      'budget.csv:1:23 fel import: filen är inte giltig UTF-8 (byte 0xE4); ange kodning: windows-1252 i mappningens källa om exporten är sparad så',
    );
  });
  it('an empty export', async () => {
    const m = await fel((p) => writeFileSync(join(p.root, 'budget.csv'), ''), {
      från: 'budget.csv',
      mappning: 'csv-mappning.yaml',
    });
    expect(m).toBe('budget.csv:1 fel import: exporten är tom (0 byte)');
    const n = await fel(
      (p) => writeFileSync(join(p.root, 'budget.csv'), iconv.encode('Ansvar;Konto;Budget 2025\r\n', 'win1252')),
      { från: 'budget.csv', mappning: 'csv-mappning.yaml' },
    );
    expect(n).toBe(
      'budget.csv:1 fel import: kolumnen "Kontotext" finns inte i rubrikraden (rad 1: "Ansvar", "Konto", "Budget 2025")',
    );
  });
  it('a SIE file that uses dimension 20 without its #DIM', async () => {
    const m = await fel(
      (p) =>
        writeFileSync(
          join(p.root, 'huvudbok.se'),
          Buffer.from(
            readFileSync(join(p.root, 'huvudbok.se'), 'latin1').replace('#DIM 20 "Verksamhet"\r\n', ''),
            'latin1',
          ),
        ),
      { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' },
    );
    expect(m).toBe(
      'huvudbok.se:22 fel import: dimension 20 används men deklareras inte med #DIM 20 "namn" (SIE 4 kräver #DIM för dimensioner utöver standardens 1, 2, 6–10)',
    );
  });
  it('a mapping with a schema error, at its line and column', async () => {
    const m = await fel(
      (p) => ersätt(p, 'sie-mappning.yaml', '{art: budget, perioder: "2024"}', '{art: bugdet, perioder: "2024"}'),
      { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' },
    );
    expect(m).toBe(
      'sie-mappning.yaml:9:26 fel schema: tabeller[0].kolumner.budget_2024.art: förväntade ett av "utfall", "budget", fick "bugdet"',
    );
  });
  it('an unknown dimension and an unknown row', async () => {
    const m = await fel(
      (p) =>
        ersätt(
          p,
          'sie-mappning.yaml',
          'stab-a: {konton: ["3000-7999"], ansvar: ["100"]}',
          'stab-a: {konton: ["3000-7999"], ansvr: ["100"]}',
        ),
      { från: 'huvudbok.se', mappning: 'sie-mappning.yaml' },
    );
    expect(m).toBe(
      'sie-mappning.yaml:12:39 fel import-mappning: okänd dimension "ansvr": exporten har "ansvar", "verksamhet", "projekt"',
    );
    const n = await fel((p) => ersätt(p, 'sie-mappning.yaml', '      loner: {', '      lonerna: {'), {
      från: 'huvudbok.se',
      mappning: 'sie-mappning.yaml',
    });
    expect(n).toBe(
      'sie-mappning.yaml:23:7 fel import-mappning: okänd rad "lonerna" i tabellen vo-stab-a (raderna är personal, loner, utbildning, summa, varav-intakter, varav-kostnader)',
    );
  });
});

describe('writing values in place', () => {
  const TEXT = [
    'tabeller:',
    '  - id: t   # tabellen',
    '    rader:',
    '      - {id: a, värden: [1.0, {tal: 2.0, fotnot: "*"}]}   # med fotnot',
    '      - id: b',
    '        värden: {y: 3.5}',
    '      - {id: c, etikett: C}',
    '',
  ].join('\n');
  const v = (rad: string, kolumn: string, kolumnIndex: number, värde: number) => ({
    tabell: 't',
    rad,
    kolumn,
    kolumnIndex,
    värde,
    decimaler: 1,
  });
  const ids = new Map([['t', ['x', 'y']]]);
  it('changes only the characters of changed values; a footnote stays; equal values are not changes', () => {
    const r = skrivVärden(TEXT, 't.yaml', [v('a', 'x', 0, 1), v('a', 'y', 1, 2.5), v('b', 'y', 1, -4)], ids);
    expect(r.ändringar).toEqual([
      { cell: 't/a/y', före: '2,0', efter: '2,5' },
      { cell: 't/b/y', före: '3,5', efter: '\u22124,0' },
    ]);
    expect(r.text).toBe(TEXT.replace('tal: 2.0', 'tal: 2.5').replace('{y: 3.5}', '{y: -4.0}'));
  });
  it('a row without values gets them as a mapping by column id', () => {
    const r = skrivVärden(TEXT, 't.yaml', [v('c', 'y', 1, 7)], ids);
    expect(r.ändringar).toEqual([{ cell: 't/c/y', före: '(tom)', efter: '7,0' }]);
    expect(r.text).toBe(TEXT.replace('{id: c, etikett: C}', '{id: c, etikett: C, värden: {y: 7.0}}'));
  });
});

describe('selections', () => {
  const f = (konton: string[], dims: Record<string, string[]> = {}): Filter => ({
    konton: konton.map((k) => intervall(k)!),
    dimensioner: Object.entries(dims).map(([d, l]) => [d, koder(l)]),
  });
  it('periods: a year, a month, a range; a yearly amount only where the whole year is asked for', () => {
    expect(['2025-01', '2025-08', '2025-09', '2024-12', '2025', undefined].map(periodtest('2025-01..2025-08'))).toEqual(
      [true, true, false, false, false, false],
    );
    expect(['2025-01', '2025-12', '2025', '2026-01'].map(periodtest('2025'))).toEqual([true, true, true, false]);
    expect(['2025-08', '2025-07'].map(periodtest('2025-08'))).toEqual([true, false]);
  });
  it('rows overlap when their accounts meet and every dimension both name meets; letter codes compare as text', () => {
    expect(överlapp(f(['5000-5999']), f(['5500']))?.map((i) => i.text)).toEqual(['5000-5999', '5500']);
    expect(överlapp(f(['5000-5999'], { ansvar: ['100-199'] }), f(['5000-5999'], { ansvar: ['200'] }))).toBeUndefined();
    expect(överlapp(f(['3000-7999'], { ks: ['GP'] }), f(['3000-7999'], { ks: ['FA', 'GP'] }))).toBeDefined();
    expect(överlapp(f(['3000-7999'], { ks: ['GP'] }), f(['3000-7999'], { ks: ['FA'] }))).toBeUndefined();
    expect(överlapp(f(['3000-3999']), f(['4000-4999']))).toBeUndefined();
    const rad = { konto: '5010', dimensioner: { ansvar: '150' }, art: 'budget' as const, belopp: 1, källa: 'x:1' };
    expect(
      [f(['5000-5999'], { ansvar: ['100-199'] }), f(['5000-5999'], { verksamhet: ['1'] }), f(['5011'])].map((x) =>
        träffar(x, rad),
      ),
    ).toEqual([true, false, false]);
  });
  it('a ledger row that two rows take is an error at the second row, and nothing of it is counted', () => {
    const exp: Export = {
      fil: 'e.csv',
      format: 'csv',
      rader: [{ konto: '5010', dimensioner: {}, art: 'budget', belopp: 1000, källa: 'e.csv:2' }],
      dimensioner: new Map(),
      konton: new Map([['5010', '']]),
      summarader: [],
    };
    const plats = { fil: 'm.yaml', rad: 9, kolumn: 7 };
    const rad = (id: string) => ({ id, filter: f(['5000-5999']), tecken: 1 as const, summerande: false, plats });
    const r = tillämpa(
      exp,
      [
        {
          id: 't',
          urval: f([]),
          tecken: 1,
          rader: [rad('a'), rad('b')],
          kolumner: [{ id: 'k', index: 0, art: 'budget', period: periodtest(undefined), enhet: 'tkr', decimaler: 0 }],
        },
      ],
      'kr',
    );
    expect(r.fel.map((d) => d.meddelande)).toEqual([
      'e.csv:2: beloppet hamnar i två rader, "a" och "b"; gör mappningens urval disjunkta',
    ]);
    expect(r.summor).toEqual([{ tabell: 't', kolumn: 'k', enhet: 'tkr', decimaler: 0, export: 0, importerat: 0 }]);
  });
});

describe('the readers', () => {
  it('Swedish amounts: decimal comma, spaces, dots and non-breaking spaces as thousands, three kinds of minus', () => {
    expect(parseBelopp('1 234 567,50')).toBe(1234567.5);
    expect(parseBelopp('1\u00a0234')).toBe(1234);
    expect(parseBelopp('1.234.567,50')).toBe(1234567.5);
    expect(parseBelopp('\u22121 234')).toBe(-1234);
    expect(parseBelopp('-12,5')).toBe(-12.5);
    expect(parseBelopp('(1 234)')).toBe(-1234);
    expect(parseBelopp('1234-')).toBe(-1234);
    expect(parseBelopp('1234.50')).toBe(1234.5);
    expect(parseBelopp('12 345 kr')).toBe(12345);
    expect(parseBelopp('1.234')).toBe(1234);
    expect(parseBelopp('Summa')).toBeUndefined();
    expect(parseBelopp('1,2,3')).toBeUndefined();
    expect(parseBelopp('')).toBeUndefined();
  });
  it('SIE fields: quoted strings with escapes and object lists', () => {
    expect(sieFält('#PSALDO 0 202508 5010 {1 "100" 20 "2 10"} -1234.50 0')).toEqual([
      '#PSALDO',
      '0',
      '202508',
      '5010',
      ['1', '100', '20', '2 10'],
      '-1234.50',
      '0',
    ]);
    expect(sieFält('#KONTO 3010 "Försäljning \\"A\\""')).toEqual(['#KONTO', '3010', 'Försäljning "A"']);
    expect(sieFält('#PBUDGET 0 202501 3010 {} 100')).toEqual(['#PBUDGET', '0', '202501', '3010', [], '100']);
  });
  it('a comma-separated UTF-8 CSV with BOM, quoted decimal commas and a period column', async () => {
    const csv = '\ufeffKonto,Ansvar,Period,Utfall\r\n5010,100,202501,"1 000,50"\r\n5010,100,2025-02,(200)\r\n';
    const e = await läsExport(new TextEncoder().encode(csv), 'x.csv', { kodning: 'auto' });
    expect(e.rader.map((r) => [r.konto, r.dimensioner, r.period, r.art, r.belopp, r.källa])).toEqual([
      ['5010', { ansvar: '100' }, '2025-01', 'utfall', 1000.5, 'x.csv:2'],
      ['5010', { ansvar: '100' }, '2025-02', 'utfall', -200, 'x.csv:3'],
    ]);
  });
});

describe('the readers, on files made here', () => {
  it('an .xlsx with a cover sheet: the sheet with a header row is read, columns recognised by their headers', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Försättsblad').addRow(['Uppföljning per ansvar']);
    const ws = wb.addWorksheet('Data 2025');
    ws.addRow(['Utfall per ansvar och konto, januari–augusti 2025']);
    ws.addRow([]);
    ws.addRow(['Ansvar', 'Ansvarsnamn', 'Konto', 'Kontonamn', 'Utfall 2025', 'Budget 2025']);
    ws.addRow(['110', 'Kansli', 5010, 'Löner', 1200.5, '(1 000)']);
    ws.addRow(['110', 'Kansli', 3410, 'Avgifter', { formula: '-100-200', result: -300 }, null]);
    ws.addRow(['Summa', null, null, null, { formula: 'SUM(E4:E5)', result: 900.5 }, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const e = await läsExport(bytes, 'x.xlsx', { kodning: 'auto' });
    expect(e.kolumner).toMatchObject({
      blad: 'Data 2025',
      rubrikrad: 3,
      konto: 'Konto',
      kontonamn: 'Kontonamn',
      dimensioner: { ansvar: 'Ansvar' },
    });
    expect(e.rader.map((r) => [r.konto, r.dimensioner, r.period, r.art, r.belopp, r.källa])).toEqual([
      ['5010', { ansvar: '110' }, '2025', 'utfall', 1200.5, "x.xlsx:'Data 2025'!E4"],
      ['5010', { ansvar: '110' }, '2025', 'budget', -1000, "x.xlsx:'Data 2025'!F4"],
      ['3410', { ansvar: '110' }, '2025', 'utfall', -300, "x.xlsx:'Data 2025'!E5"],
    ]);
    expect(e.dimensioner.get('ansvar')?.objekt.get('110')).toBe('Kansli');
    expect(e.summarader).toEqual(["x.xlsx:'Data 2025'!C6"]);
    await expect(läsExport(new TextEncoder().encode('PK inte en zip'), 'y.xlsx', { kodning: 'auto' })).rejects.toThrow(
      /kan inte läsa filen som \.xlsx/,
    );
  });
  it("CSV with Excel's sep= line: its separator, and line numbers as in the file", async () => {
    const csv = 'sep=,\r\nKonto,Ansvar,Budget 2025\r\n5010,100,"1 234,50"\r\n5020,100,x\r\n';
    await expect(läsExport(new TextEncoder().encode(csv), 's.csv', { kodning: 'auto' })).rejects.toMatchObject({
      plats: 's.csv:4',
    });
    const e = await läsExport(new TextEncoder().encode(csv.replace(',x', ',-5')), 's.csv', { kodning: 'auto' });
    expect(e.rader.map((r) => [r.konto, r.belopp, r.period, r.källa])).toEqual([
      ['5010', 1234.5, '2025', 's.csv:3'],
      ['5020', -5, '2025', 's.csv:4'],
    ]);
  });
  it('CSV line numbers count line breaks inside quoted fields; an unclosed quote is named', async () => {
    const csv = 'Konto;Text;Belopp\n5010;"två\nrader";100\n\n5020;x;abc\n';
    await expect(läsExport(new TextEncoder().encode(csv), 'z.csv', { kodning: 'auto' })).rejects.toMatchObject({
      plats: 'z.csv:5',
      message: '"abc" i kolumnen "Belopp" är inget belopp (förväntade t.ex. 1 234,50, −1 234 eller (1 234))',
    });
    await expect(
      läsExport(new TextEncoder().encode('Konto;Belopp\n5010;"100\n'), 'q.csv', { kodning: 'auto' }),
    ).rejects.toMatchObject({
      message: 'ett citattecken (") öppnas men stängs aldrig; kontrollera fältet som börjar på raden',
    });
  });
});

describe('the command line', () => {
  it('--help is Swedish with examples; a missing --från is wrong use (exit 2)', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const main = join(ROOT, 'src', 'cli', 'main.ts');
    const h = spawnSync(tsx, [main, 'import', '--help'], { encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Användning: kommunrapport import [flaggor] <rapport>');
    expect(h.stdout).toContain('  kommunrapport import exempel-2025 --från huvudbok.se --torrkörning');
    const u = spawnSync(tsx, [main, 'import', 'exempel-2025'], { encoding: 'utf8' });
    expect(u.status).toBe(2);
    expect(u.stderr).toContain("fel: flaggan '--från <fil>' måste anges");
  });
});
