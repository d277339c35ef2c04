/**
 * npx tsx bench/import.ts — `kommunrapport import` of 50 000 ledger rows, against the target of
 * issue 20 (under 2 s on this machine). A synthetic export of Exempelnämnden (ansvar 100–999,
 * accounts 3000–7999, twelve periods, budget) is written as SIE 4 (CP437), CSV (Windows-1252)
 * and .xlsx, and imported into a scratch copy of test/fixtures/exempel, the whole command (read,
 * map, write tabeller.yaml, run the checks), output silenced. Prints the median of the runs.
 * A measurement, not a test: it exits 0 whatever the figures.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runImport } from '../src/cli/commands/import.js';
import { collectGarbage, ms, summary, textTable } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { rader: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' } },
});
const N = Number(values.rader);
const RUNS = Number(values.runs);

/** A deterministic pseudo-random sequence (no Math.random: the same export every run). */
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

interface Rad {
  ansvar: number;
  verksamhet: number;
  konto: number;
  period: number;
  belopp: number;
}

function rader(): Rad[] {
  const r = lcg(20);
  const next = (): number => r.next().value as number;
  return Array.from({ length: N }, (_, i) => {
    const konto = 3000 + Math.floor(next() * 5000);
    const belopp = Math.round(next() * 5_000_000) / 100;
    return {
      ansvar: 100 + Math.floor(next() * 900),
      verksamhet: 200 + Math.floor(next() * 50),
      konto,
      period: (i % 12) + 1,
      belopp: konto < 4000 ? -belopp : belopp,
    };
  });
}

const MAPPNING = (källa: string): string => `${källa}enhet: kr
tabeller:
  - tabell: driftsammandrag
    urval: {ansvar: ["100-999"]}
    kolumner:
      budget_2025: {art: budget, perioder: "2025"}
    rader:
      stab-a: {konton: ["3000-7999"], ansvar: ["100-499"]}
      stab-b: {konton: ["3000-7999"], ansvar: ["500-999"]}
      summa: {konton: ["3000-7999"]}
      varav-intakter: {konton: ["3000-3999"], tecken: omvänt}
      varav-kostnader: {konton: ["4000-7999"]}
  - tabell: vo-stab-a
    urval: {ansvar: ["100-499"]}
    kolumner:
      budget_2025: {art: budget, perioder: "2025"}
    rader:
      loner: {konton: ["5000-5999"]}
      utbildning: {konton: ["3000-4999", "6000-7999"]}
      summa: {konton: ["3000-7999"]}
      varav-intakter: {konton: ["3000-3999"]}
      varav-kostnader: {konton: ["4000-7999"]}
`;

async function exporter(dir: string, rs: Rad[]): Promise<{ namn: string; fil: string; mappning: string }[]> {
  const sie = [
    '#FLAGGA 0',
    '#FORMAT PC8',
    '#SIETYP 4',
    '#RAR 0 20250101 20251231',
    '#DIM 1 "Ansvar"',
    '#DIM 20 "Verksamhet"',
  ];
  for (let k = 3000; k < 8000; k++) sie.push(`#KONTO ${k} "Konto ${k}"`);
  for (const r of rs)
    sie.push(
      `#PBUDGET 0 2025${String(r.period).padStart(2, '0')} ${r.konto} {1 "${r.ansvar}" 20 "${r.verksamhet}"} ${r.belopp.toFixed(2)}`,
    );
  writeFileSync(join(dir, 'stor.se'), iconv.encode(`${sie.join('\r\n')}\r\n`, 'cp437'));
  const sv = (n: number): string =>
    n
      .toFixed(2)
      .replace('.', ',')
      .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const csv = ['Ansvar;Verksamhet;Konto;Period;Budget'];
  for (const r of rs)
    csv.push(`${r.ansvar};${r.verksamhet};${r.konto};2025${String(r.period).padStart(2, '0')};${sv(r.belopp)}`);
  writeFileSync(join(dir, 'stor.csv'), iconv.encode(`${csv.join('\r\n')}\r\n`, 'win1252'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Huvudbok');
  ws.addRow(['Budget 2025, alla ansvar']);
  ws.addRow([]);
  ws.addRow(['Ansvar', 'Verksamhet', 'Konto', 'Period', 'Budget']);
  for (const r of rs)
    ws.addRow([r.ansvar, r.verksamhet, r.konto, `2025-${String(r.period).padStart(2, '0')}`, r.belopp]);
  await wb.xlsx.writeFile(join(dir, 'stor.xlsx'));
  const tab =
    'källa:\n  kolumner:\n    konto: Konto\n    period: Period\n    dimensioner: {ansvar: Ansvar, verksamhet: Verksamhet}\n    belopp: [{kolumn: Budget, art: budget}]\n';
  writeFileSync(join(dir, 'sie.yaml'), MAPPNING(''));
  writeFileSync(join(dir, 'tab.yaml'), MAPPNING(tab));
  return [
    { namn: 'SIE 4 (CP437)', fil: 'stor.se', mappning: 'sie.yaml' },
    { namn: 'CSV (Windows-1252)', fil: 'stor.csv', mappning: 'tab.yaml' },
    { namn: '.xlsx', fil: 'stor.xlsx', mappning: 'tab.yaml' },
  ];
}

const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-bench-import-'));
const log = console.log;
const error = console.error;
try {
  const format = await exporter(dir, rader());
  const rows: string[][] = [];
  for (const f of format) {
    const tider: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const root = join(dir, `projekt-${f.fil}-${i}`);
      cpSync(join(ROOT, 'test', 'fixtures', 'exempel'), root, { recursive: true });
      collectGarbage();
      console.log = () => {};
      console.error = () => {};
      const t = performance.now();
      const kod = await runImport(root, 'exempel-2025', { från: join(dir, f.fil), mappning: join(dir, f.mappning) });
      const tid = performance.now() - t;
      console.log = log;
      console.error = error;
      if (kod !== 0) throw new Error(`${f.fil}: import avslutades med kod ${kod}`);
      if (i > 0) tider.push(tid); // the first run warms up
    }
    const s = summary(tider);
    rows.push([f.namn, String(N), ms(s.median), ms(s.min), ms(s.max), s.median < 2000 ? 'ja' : 'NEJ']);
  }
  log(`Belastning (loadavg 1 min) före: ${loadavg()[0]!.toFixed(1)} på ${availableParallelism()} kärnor.`);
  log(
    `Import av ${N} bokföringsrader i exempel-2025 (hela kommandot: läsa, mappa, skriva tabeller.yaml, kontrollera), ${RUNS} körningar efter en uppvärmning:\n`,
  );
  log(textTable(['format', 'rader', 'median', 'min', 'max', 'under 2 s'], rows));
} finally {
  console.log = log;
  console.error = error;
  if (!process.env.BEHALL) rmSync(dir, { recursive: true, force: true });
  else log(dir);
}
