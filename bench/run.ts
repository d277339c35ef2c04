/**
 * npm run bench — how long the pipeline takes, stage by stage, against the targets in issue 8:
 *
 *  1. the full set (HTML, PDF, Excel and checks) of ks-internbudget-2024 in at most 1,5 × the time
 *     pdfmake alone needs to lay out the same PDF, measured in the same run. "pdfmake alone" is
 *     pdfmake as it ships; the build also runs pdfmake with our speed-ups (shared shaping and
 *     font tables, style lookup, stream writes: src/render/pdf/engine.ts usePdfSpeedups), and the
 *     ratio against that faster pdfmake is printed beside it;
 *  2. an HTML rebuild in `watch` under 150 ms after a narrative edit;
 *  3. a batch of 30 reports (a synthetic municipality) under 15 s, on all cores.
 *
 * and those of issue 22, each against an anchor run alternately in the same minutes: Typst
 * (bench/typst.ts) for the PDF stage, pandoc for HTML and Word where it is installed, the cold
 * build of bench/cold.ts against pdfmake alone, the watch latency from a saved file to the HTML on
 * disk (bench/watch-latency.ts: ≤ 100 ms), and each stage's growth from 1× to 16× the
 * internbudget (bench/scaling.ts: at most linear). Then the checks at 1× and 16× the internbudget
 * (bench/checks-scale.ts, issue 15: under 0,3 s at 16×).
 *
 * Everything is built in memory; nothing is written but the temporary folders (removed at the end)
 * and, with --md, the Markdown summary. Exits 0 when a target is missed: it is a measurement.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machinePace } from './machine-pace.js';
import { runChecks } from '../src/check/index.js';
import { loadTemplate, templateName } from '../src/compose/compose.js';
import { listReports, projectPaths, type ProjectPaths } from '../src/load/load-report.js';
import { layoutPdf, usePdfSpeedups } from '../src/render/pdf/engine.js';
import { pdfDefinition } from '../src/render/pdf/render-pdf.js';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { runBatch, type BatchResult } from './batch.js';
import { composed, fullBuild, htmlRebuild, STAGE_NAMES, STAGES, timeStages, type Stage } from './build.js';
import {
  collectGarbage,
  HeapPeak,
  maxRss,
  mb,
  mdTable,
  ms,
  sek,
  summary,
  tal,
  textTable,
  type Summary,
} from './stats.js';
import { makeSynthetic, REPO_ROOT, validateSynthetic } from './synthetic.js';
import { pandocVersion, runCold, timePandoc, type ColdStart, type PandocTiming } from './anchors.js';
import { measureChecksScale, TARGET_MS as CHECKS_TARGET_MS, type ChecksScale } from './checks-scale.js';
import { measureScaling, scalingHeader, scalingRows, SUPERLINEAR, type Scaling } from './scaling.js';
import { timeTypst, type TypstTiming } from './typst.js';
import { measureWatchLatency, type WatchLatency } from './watch-latency.js';

const HELP = `Användning: npm run bench -- [flaggor]

Mäter pipelinens steg för varje medföljande rapport, hela bygget mot pdfmake ensamt,
en HTML-ombyggnad som i watch och en batch av en syntetisk kommun på alla kärnor.

Flaggor:
  --runs N         mätningar per steg och rapport (standard 7), efter uppvärmning
  --warmup N       uppvärmningsvarv före mätningen (standard 2)
  --batch-runs N   antal körningar av batchen, med alla kärnor och med en worker (standard 1)
  --workers N      trådar i batchen, kommunrapport build --jobb N (standard: os.availableParallelism())
  --nämnder N      nämnder i den syntetiska kommunen, två rapporter var (standard 15)
  --utan-batch     hoppa över batchen
  --watch-edits N  ändringar i watch-latensmätningen (standard 20)
  --skalor LISTA   storlekar för skalningen, gånger internbudgeten (standard 1,2,4,8,16)
  --utan-skala     hoppa över skalningen
  --md FIL         skriv också resultatet som Markdown till FIL
  -h, --help       visa den här hjälpen

Exempel:
  npm run bench
  npm run bench -- --runs 3 --batch-runs 1
  npm run bench -- --md bench/RESULTS.md`;

const TARGET = { kvot: 1.5, watchMs: 150, batchMs: 15_000, savedToHtmlMs: 100, coldMs: 1000, coldKvot: 0.65 } as const;
const WATCH_REPORT = 'ks-internbudget-2024';

function options(): {
  runs: number;
  warmup: number;
  batchRuns: number;
  workers: number;
  nämnder: number;
  batch: boolean;
  watchEdits: number;
  skalor: number[];
  md?: string;
} {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        runs: { type: 'string', default: '7' },
        warmup: { type: 'string', default: '2' },
        'batch-runs': { type: 'string', default: '1' },
        workers: { type: 'string', default: String(availableParallelism()) },
        nämnder: { type: 'string', default: '15' },
        'utan-batch': { type: 'boolean', default: false },
        'watch-edits': { type: 'string', default: '20' },
        skalor: { type: 'string', default: '1,2,4,8,16' },
        'utan-skala': { type: 'boolean', default: false },
        md: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`fel: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const int = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) {
      console.error(`fel: --${name} ska vara ett heltal ≥ ${min}, fick "${v}"`);
      process.exit(2);
    }
    return n;
  };
  return {
    runs: int('runs', values.runs, 1),
    warmup: int('warmup', values.warmup, 0),
    batchRuns: int('batch-runs', values['batch-runs'], 1),
    workers: int('workers', values.workers, 1),
    nämnder: int('nämnder', values.nämnder, 1),
    batch: !values['utan-batch'],
    watchEdits: int('watch-edits', values['watch-edits'], 1),
    skalor: values['utan-skala'] ? [] : values.skalor.split(',').map((x) => int('skalor', x.trim(), 1)),
    ...(values.md ? { md: resolve(values.md) } : {}),
  };
}

/** A progress line on a terminal; nothing when the output goes to a file or a pipe. */
const progress = (text: string): void => {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${text}`);
};

const fmt = (s: Summary): string[] => [ms(s.median), ms(s.min), ms(s.max)];
const check = (ok: boolean): string => (ok ? '✓' : '✗');

interface ReportResult {
  id: string;
  stages: Record<Stage, Summary>;
  sum: number;
  full: Summary;
  /** pdfmake as it ships: pdfkit shapes each document's words anew. */
  pdfmake: Summary;
  /** pdfmake with the speed-ups the build uses (src/render/pdf/engine.ts usePdfSpeedups), warm. */
  pdfmakeDelad: Summary;
  kvot: number;
  kvotDelad: number;
  heap: number;
  bytes: number;
  fel: number;
  varningar: number;
}

/**
 * pdfmake alone: the document definition is built before the clock starts, so only layout + render
 * is timed. `delad` false is pdfmake as it ships; true keeps the build's speed-ups.
 */
async function pdfmakeAlone(paths: ProjectPaths, id: string, delad: boolean): Promise<number> {
  const def = pdfDefinition(composed(paths, id));
  usePdfSpeedups(delad);
  try {
    const t = performance.now();
    await layoutPdf(def);
    return performance.now() - t;
  } finally {
    usePdfSpeedups(true);
  }
}

async function benchReport(paths: ProjectPaths, id: string, runs: number, warmup: number): Promise<ReportResult> {
  const heap = new HeapPeak();
  const sample = (): void => heap.sample();
  for (let i = 0; i < warmup; i++) {
    await timeStages(paths, id);
    await fullBuild(paths, id);
    await pdfmakeAlone(paths, id, false);
    await pdfmakeAlone(paths, id, true);
  }
  const per: Record<Stage, number[]> = Object.fromEntries(STAGES.map((s) => [s, []])) as unknown as Record<
    Stage,
    number[]
  >;
  const full: number[] = [];
  const alone: number[] = [];
  const aloneDelad: number[] = [];
  let last = { bytes: 0, fel: 0, varningar: 0 };
  for (let i = 0; i < runs; i++) {
    progress(`  ${id}: körning ${i + 1} av ${runs} …`);
    const t = await timeStages(paths, id, sample);
    for (const s of STAGES) per[s].push(t[s]);
    // The full build and pdfmake alone alternate which goes first, so neither always pays the other's garbage.
    // Each timed build starts from a collected heap, so none pays for the garbage of the one before.
    const timeFull = async (): Promise<void> => {
      collectGarbage();
      const t0 = performance.now();
      last = await fullBuild(paths, id);
      full.push(performance.now() - t0);
      sample();
    };
    const timeAlone = async (): Promise<void> => {
      collectGarbage();
      alone.push(await pdfmakeAlone(paths, id, false));
      sample();
      collectGarbage();
      aloneDelad.push(await pdfmakeAlone(paths, id, true));
      sample();
    };
    if (i % 2 === 0) {
      await timeFull();
      await timeAlone();
    } else {
      await timeAlone();
      await timeFull();
    }
  }
  progress('');
  const stages = Object.fromEntries(STAGES.map((s) => [s, summary(per[s])])) as Record<Stage, Summary>;
  const f = summary(full);
  const p = summary(alone);
  const pd = summary(aloneDelad);
  return {
    id,
    stages,
    sum: STAGES.reduce((n, s) => n + stages[s].median, 0),
    full: f,
    pdfmake: p,
    pdfmakeDelad: pd,
    kvot: f.median / p.median,
    kvotDelad: f.median / pd.median,
    heap: heap.peak,
    ...last,
  };
}

function printReport(r: ReportResult, runs: number, warmup: number): void {
  console.log(`\n${r.id}  (${runs} körningar efter ${warmup} uppvärmning${warmup === 1 ? '' : 'ar'})`);
  const andel = (x: number): string => `${tal((100 * x) / r.sum)} %`;
  const rows = [
    ...STAGES.map((s) => [STAGE_NAMES[s], ...fmt(r.stages[s]), andel(r.stages[s].median)]),
    ['Summa av stegens medianer', ms(r.sum), '', '', ''],
    ['Hela bygget (alla format + kontroller)', ...fmt(r.full), ''],
    ['pdfmake ensamt (layoutPdf, färdig definition)', ...fmt(r.pdfmake), ''],
    [
      `Kvot hela bygget / pdfmake ensamt${r.id === WATCH_REPORT ? ` (mål ≤ ${tal(TARGET.kvot, 1)})` : ''}`,
      tal(r.kvot, 2),
      '',
      '',
      '',
    ],
    ['pdfmake med byggets optimeringar', ...fmt(r.pdfmakeDelad), ''],
    ['Kvot hela bygget / pdfmake med byggets optimeringar', tal(r.kvotDelad, 2), '', '', ''],
  ];
  console.log(textTable(['Steg', 'Median', 'Min', 'Max', 'Andel'], rows));
  console.log(
    `Högsta heap (mätt efter varje steg): ${mb(r.heap)}. Utdata ${tal(r.bytes / 1024)} kB; kontroller: ${r.fel} fel, ${r.varningar} varningar.`,
  );
}

interface WatchResult {
  html: Summary;
  medKontroll: Summary;
}

/** A narrative edit in a copy of the report, then the rebuild `watch` does first: load, compose, HTML. */
async function benchWatch(runs: number, warmup: number): Promise<WatchResult> {
  const src = projectPaths(REPO_ROOT);
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-watch-'));
  try {
    const paths = projectPaths(root);
    cpSync(src.templates, paths.templates, { recursive: true });
    cpSync(join(src.data, WATCH_REPORT), join(paths.data, WATCH_REPORT), { recursive: true });
    cpSync(join(src.content, WATCH_REPORT), join(paths.content, WATCH_REPORT), { recursive: true });
    const first = loadAndValidate(paths, WATCH_REPORT);
    // The template is read once and kept, as a watcher would until a template changes.
    const template = loadTemplate(paths, templateName(first.rapport!));
    const file = join(paths.content, WATCH_REPORT, first.narrative[1]?.namn ?? first.narrative[0]!.namn);
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const para = lines.findIndex((l) => /^[A-ZÅÄÖa-zåäö]/.test(l));
    const edit = (n: number): void => {
      const copy = [...lines];
      copy[para] = `${copy[para]} Ändring nummer ${n} i texten.`;
      writeFileSync(file, copy.join('\n'));
    };
    const html: number[] = [];
    const medKontroll: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      edit(i);
      let t = performance.now();
      const r = htmlRebuild(paths, WATCH_REPORT, template);
      const a = performance.now() - t;
      if (!r.html.includes(`Ändring nummer ${i} i texten.`)) throw new Error('ändringen syns inte i HTML');
      t = performance.now();
      runChecks(r.dokument);
      const b = performance.now() - t;
      if (i >= warmup) {
        html.push(a);
        medKontroll.push(a + b);
      }
    }
    return { html: summary(html), medKontroll: summary(medKontroll) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface BatchSummary {
  reports: number;
  alla: { workers: number; wall: Summary; last: BatchResult };
  en: { wall: Summary; last: BatchResult };
}

async function benchBatch(nämnder: number, workers: number, runs: number): Promise<BatchSummary> {
  const t0 = performance.now();
  const s = makeSynthetic({ nämnder });
  try {
    const made = performance.now() - t0;
    const bad = validateSynthetic(s);
    if (bad.length) throw new Error(`den syntetiska kommunen validerar inte:\n${bad.join('\n')}`);
    console.log(
      `Syntetisk kommun: ${s.ids.length} rapporter (${nämnder} nämnder × internbudget + delårsrapport) skapade på ${ms(made)} i ${s.root}; alla validerar.`,
    );
    const one = async (w: number): Promise<BatchResult> => {
      progress(`  kommunrapport build --jobb ${w} …`);
      const r = await runBatch(s.root, s.ids, w);
      progress('');
      return r;
    };
    const alla: BatchResult[] = [];
    const en: BatchResult[] = [];
    for (let i = 0; i < runs; i++) {
      alla.push(await one(workers));
      en.push(await one(1));
    }
    return {
      reports: s.ids.length,
      alla: { workers, wall: summary(alla.map((r) => r.wallMs)), last: alla[alla.length - 1]! },
      en: { wall: summary(en.map((r) => r.wallMs)), last: en[en.length - 1]! },
    };
  } finally {
    s.remove();
  }
}

function perType(r: BatchResult): { typ: string; s: Summary }[] {
  const types = [...new Set(r.reports.map((x) => x.id.replace(/^.*-(internbudget|delarsrapport)-.*$/, '$1')))];
  return types.map((typ) => ({ typ, s: summary(r.reports.filter((x) => x.id.includes(`-${typ}-`)).map((x) => x.ms)) }));
}

function printBatch(b: BatchSummary): void {
  const rows = [
    [
      `kommunrapport build --jobb ${b.alla.workers} (en tråd per kärna)`,
      sek(b.alla.wall.median),
      sek(b.alla.wall.min),
      sek(b.alla.wall.max),
    ],
    ['kommunrapport build --jobb 1', sek(b.en.wall.median), sek(b.en.wall.min), sek(b.en.wall.max)],
    [`Uppsnabbning ${b.alla.workers} trådar mot 1`, `${tal(b.en.wall.median / b.alla.wall.median, 2)}×`, '', ''],
    [
      `Processortid, --jobb ${b.alla.workers} (alla trådar)`,
      `${sek(b.alla.last.cpuMs)} = ${tal(b.alla.last.cpuMs / b.alla.last.wallMs, 2)} kärnor`,
      '',
      '',
    ],
    [
      'Processortid, --jobb 1 (alla trådar)',
      `${sek(b.en.last.cpuMs)} = ${tal(b.en.last.cpuMs / b.en.last.wallMs, 2)} kärnor`,
      '',
      '',
    ],
  ];
  for (const { typ, s } of perType(b.alla.last))
    rows.push([`  en ${typ} i batchen (--jobb ${b.alla.workers})`, ms(s.median), ms(s.min), ms(s.max)]);
  for (const { typ, s } of perType(b.en.last))
    rows.push([`  en ${typ} i batchen (--jobb 1)`, ms(s.median), ms(s.min), ms(s.max)]);
  console.log(textTable(['Batch', 'Median', 'Min', 'Max'], rows));
  console.log(
    `Högsta minne (RSS, hela processen): ${b.alla.last.rssMb} MB med ${b.alla.workers} trådar, ${b.en.last.rssMb} MB med en.`,
  );
}

interface Goal {
  text: string;
  ok: boolean;
  figur: string;
}

/** The two largest stages of a report, e.g. "PDF 52 %, Kontroller 32 %". */
function largest(r: ReportResult): string {
  return [...STAGES]
    .sort((a, b) => r.stages[b].median - r.stages[a].median)
    .slice(0, 2)
    .map((s) => `${STAGE_NAMES[s]} ${tal((100 * r.stages[s].median) / r.sum)} %`)
    .join(', ');
}

function markdown(
  o: ReturnType<typeof options>,
  machine: string,
  reports: ReportResult[],
  w: WatchResult,
  b: BatchSummary | undefined,
  rssStages: number,
  goals: Goal[],
  load: [number, number],
  pace: [number, number],
): string {
  const out: string[] = [];
  out.push('# Mätresultat från `npm run bench`', '');
  out.push(
    `Maskin: ${machine}. Medianer av ${o.runs} körningar efter ${o.warmup} uppvärmningsvarv` +
      `${b ? `; batchen ${o.batchRuns} gång${o.batchRuns === 1 ? '' : 'er'}` : ''}. Allt byggs i minnet. ` +
      `Belastning (1 min) före start: ${tal(load[0], 2)} (vid slutet ${tal(load[1], 2)}, benchens egna trådar inräknade). ` +
      `Maskinens tempo (minnesloopen i \`bench/machine-pace.ts\`, en tråd, utan kommunrapport): ${ms(pace[0])} vid start, ${ms(pace[1])} vid slutet; ` +
      'lägre är snabbare; loopens tid har varierat med mer än en faktor tre på den här delade maskinen, och kommunrapports tider följer med.',
    '',
  );
  out.push('## Mål', '');
  out.push(
    mdTable(
      ['', 'Mål', 'Uppmätt'],
      goals.map((g) => [check(g.ok), g.text, g.figur]),
      false,
    ),
    '',
  );
  out.push('## Steg per rapport (median, ms)', '');
  out.push(
    mdTable(
      ['Steg', ...reports.map((r) => r.id)],
      [
        ...STAGES.map((s) => [
          STAGE_NAMES[s],
          ...reports.map((r) => tal(r.stages[s].median, r.stages[s].median < 10 ? 1 : 0)),
        ]),
        ['**Hela bygget** (alla format + kontroller)', ...reports.map((r) => `**${tal(r.full.median)}**`)],
        [
          'pdfmake ensamt (`layoutPdf`, färdig definition, som paketet levereras)',
          ...reports.map((r) => tal(r.pdfmake.median)),
        ],
        ['Kvot hela bygget / pdfmake ensamt', ...reports.map((r) => tal(r.kvot, 2))],
        ['pdfmake med byggets optimeringar', ...reports.map((r) => tal(r.pdfmakeDelad.median))],
        ['Kvot hela bygget / pdfmake med byggets optimeringar', ...reports.map((r) => tal(r.kvotDelad, 2))],
        ['Största stegen', ...reports.map(largest)],
      ],
    ),
    '',
  );
  out.push(
    `**Watch** (${WATCH_REPORT}, textändring, sedan läs in + validera + sammanställ + HTML; mallen läst en gång): ` +
      `${ms(w.html.median)} (${ms(w.html.min)}–${ms(w.html.max)}); med kontrollerna också: ${ms(w.medKontroll.median)}.`,
    '',
  );
  if (b) {
    out.push(
      `**Batch** (${b.reports} syntetiska rapporter, ${b.reports / 2} nämnder × internbudget + delårsrapport; den kompilerade ` +
        `\`kommunrapport build\` som skriver alla filer, tid från start till slut av processen): ` +
        `\`--jobb ${b.alla.workers}\` ${sek(b.alla.wall.median)}, \`--jobb 1\` ${sek(b.en.wall.median)}, uppsnabbning ${tal(b.en.wall.median / b.alla.wall.median, 2)}×. ` +
        `Processortid ${sek(b.alla.last.cpuMs)} med ${b.alla.workers} trådar (${tal(b.alla.last.cpuMs / b.alla.last.wallMs, 2)} kärnor i bruk) ` +
        `och ${sek(b.en.last.cpuMs)} med en (${tal(b.en.last.cpuMs / b.en.last.wallMs, 2)} kärnor: skräpsamling och JIT går på egna trådar).`,
      '',
    );
  }
  out.push(
    `**Minne:** högsta RSS ${mb(rssStages)} efter stegmätningarna${b ? `, ${b.alla.last.rssMb} MB för batchen med ${b.alla.workers} trådar` : ''}; ` +
      `högsta heap ${reports.map((r) => `${r.id} ${mb(r.heap)}`).join(', ')}.`,
    '',
  );
  return out.join('\n');
}

/** The figures of issue 22, each with its anchor. */
interface Issue22 {
  typst: TypstTiming;
  pandoc?: PandocTiming;
  cold?: ColdStart;
  latency: WatchLatency;
  scaling?: Scaling;
}

const kvot = (a: number, b: number): string => tal(a / b, 2);

async function issue22(o: ReturnType<typeof options>, paths: ProjectPaths): Promise<Issue22> {
  const d = composed(paths, WATCH_REPORT);
  console.log(`\n== Ankare: Typst och pandoc på samma innehåll (${WATCH_REPORT}), växelvis ==`);
  const typst = await timeTypst(d, o.runs);
  const rows = [
    [`Vårt PDF-steg (renderPdf)`, ms(typst.oursMs), ''],
    [`Typst (typst-ts-node-compiler, ${typst.standard}, ${typst.typstPages} sidor)`, ms(typst.typstMs), ''],
    ['Kvot vårt PDF-steg / Typst', kvot(typst.oursMs, typst.typstMs), ''],
  ];
  const pv = pandocVersion();
  let pandoc: PandocTiming | undefined;
  if (pv) {
    pandoc = await timePandoc(d, WATCH_REPORT, o.runs);
    rows.push(
      ['Vår HTML (renderHtml)', ms(pandoc.oursHtmlMs), ''],
      [`pandoc → HTML (${pv}, ny process, bara texten)`, ms(pandoc.htmlMs), kvot(pandoc.oursHtmlMs, pandoc.htmlMs)],
      ['Vårt Word (renderDocx)', ms(pandoc.oursDocxMs), ''],
      ['pandoc → DOCX (ny process, bara texten)', ms(pandoc.docxMs), kvot(pandoc.oursDocxMs, pandoc.docxMs)],
    );
  }
  console.log(textTable(['Mätning', 'Median', 'Kvot'], rows));
  if (!pv) console.log('pandoc saknas: HTML och Word jämförs inte med pandoc.');

  console.log('\n== Kallstart: kommunrapport build i en ny process mot pdfmake ensamt (bench/cold.ts) ==');
  const cold = runCold();
  if (cold)
    console.log(
      `Kall build ${ms(cold.coldWallMs)} väggtid (${ms(cold.coldCpuMs)} processortid); pdfmake ensamt ${ms(cold.pdfmakeWallMs)} (${ms(cold.pdfmakeCpuMs)}); kvot ${tal(cold.ratio, 2)} (${cold.pairs} par; ${cold.twoThreads} av dem med PDF:en på en andra tråd). Bara PDF:en (build --format pdf, golvet för hela bygget) ${ms(cold.pdfOnlyWallMs)} (${ms(cold.pdfOnlyCpuMs)}).`,
    );
  else console.log('bench/cold.ts saknas: kallstarten mäts inte.');

  console.log(`\n== Watch: sparad fil → ny HTML på disk (den kompilerade CLI:n, ${o.watchEdits} ändringar) ==`);
  const latency = await measureWatchLatency({ edits: o.watchEdits });
  console.log(
    `Median ${ms(latency.medianMs)}, p90 ${ms(latency.p90Ms)} (${ms(latency.minMs)}–${ms(latency.maxMs)}); från filens mtime till HTML-filens.`,
  );

  let scaling: Scaling | undefined;
  if (o.skalor.length) {
    console.log(`\n== Skalning: internbudgeten ${o.skalor.join(', ')} gånger om (bench/scaling.ts) ==`);
    scaling = await measureScaling(o.skalor, 1);
    console.log(textTable(scalingHeader(scaling), scalingRows(scaling)));
  }
  return { typst, ...(pandoc ? { pandoc } : {}), ...(cold ? { cold } : {}), latency, ...(scaling ? { scaling } : {}) };
}

function issue22Goals(x: Issue22): Goal[] {
  const g: Goal[] = [];
  if (x.cold) {
    g.push({
      text: `Kall build av ${WATCH_REPORT} ≤ ${sek(TARGET.coldMs)} och ≤ ${tal(TARGET.coldKvot, 2)} × pdfmake ensamt`,
      ok: x.cold.coldWallMs <= TARGET.coldMs && x.cold.ratio <= TARGET.coldKvot,
      figur: `${ms(x.cold.coldWallMs)}, kvot ${tal(x.cold.ratio, 2)}`,
    });
  }
  g.push({
    text: `watch: sparad fil → HTML på disk ≤ ${TARGET.savedToHtmlMs} ms (median)`,
    ok: x.latency.medianMs <= TARGET.savedToHtmlMs,
    figur: `${ms(x.latency.medianMs)} (p90 ${ms(x.latency.p90Ms)})`,
  });
  if (x.scaling) {
    const worse = STAGES.filter((s) => x.scaling!.exponent[s] > SUPERLINEAR);
    g.push({
      text: `Varje steg växer högst linjärt från ${x.scaling.sizes[0]}× till ${x.scaling.sizes.at(-1)}× (exponent ≤ ${tal(SUPERLINEAR, 2)})`,
      ok: !worse.length,
      figur: worse.length
        ? `värre: ${worse.map((s) => `${STAGE_NAMES[s]} ${tal(x.scaling!.exponent[s], 2)}`).join(', ')}`
        : 'alla',
    });
  }
  return g;
}

function issue22Markdown(x: Issue22): string {
  const out: string[] = ['## Ankare (issue 22)', ''];
  const rows = [
    [
      'PDF-steget mot Typst',
      ms(x.typst.oursMs),
      `${ms(x.typst.typstMs)} (${x.typst.standard})`,
      kvot(x.typst.oursMs, x.typst.typstMs),
    ],
  ];
  if (x.pandoc)
    rows.push(
      ['HTML mot pandoc', ms(x.pandoc.oursHtmlMs), ms(x.pandoc.htmlMs), kvot(x.pandoc.oursHtmlMs, x.pandoc.htmlMs)],
      ['Word mot pandoc', ms(x.pandoc.oursDocxMs), ms(x.pandoc.docxMs), kvot(x.pandoc.oursDocxMs, x.pandoc.docxMs)],
    );
  else rows.push(['HTML och Word mot pandoc', '', 'pandoc saknas', '']);
  if (x.cold)
    rows.push(['Kall build mot pdfmake ensamt', ms(x.cold.coldWallMs), ms(x.cold.pdfmakeWallMs), tal(x.cold.ratio, 2)]);
  rows.push([
    'watch: sparad fil → HTML på disk (median, p90)',
    `${ms(x.latency.medianMs)}, ${ms(x.latency.p90Ms)}`,
    `mål ${TARGET.savedToHtmlMs} ms`,
    kvot(x.latency.medianMs, TARGET.savedToHtmlMs),
  ]);
  out.push(mdTable(['Mätning', 'kommunrapport', 'Ankare', 'Kvot'], rows), '');
  if (x.scaling) {
    out.push('## Skalning (ms, internbudgeten k gånger om)', '');
    out.push(mdTable(scalingHeader(x.scaling), scalingRows(x.scaling)), '');
  }
  return out.join('\n');
}

function checksGoal(c: ChecksScale): Goal {
  const first = c.sizes.at(-1)!.m.first;
  return {
    text: `Kontrollerna vid 16× ${c.rapport} < ${ms(CHECKS_TARGET_MS)} (uppvärmda)`,
    ok: c.sixteenMs < CHECKS_TARGET_MS,
    figur: `${ms(c.sixteenMs)}; första anropet ${ms(first)}`,
  };
}

function checksMarkdown(c: ChecksScale): string {
  const rows = c.sizes.map((s) => [`${s.n}×`, tal(s.fakta), tal(s.belopp), ms(s.m.first), ms(s.m.wall), ms(s.m.cpu)]);
  return [
    `## Kontrollerna vid 1× och 16× (${c.rapport}, issue 15)`,
    '',
    mdTable(['Storlek', 'Fakta', 'Belopp i texten', 'Första anropet', 'Uppvärmda (median)', 'Processortid'], rows),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const o = options();
  const paths = projectPaths(REPO_ROOT);
  const cpu = cpus()[0]?.model.trim() ?? 'okänd processor';
  const machine = `${availableParallelism()} kärnor (${cpu}), ${tal(totalmem() / 2 ** 30, 1)} GB minne, Node ${process.version}`;
  console.log(`kommunrapport bench — ${machine}`);
  const loadBefore = loadavg()[0]!;
  console.log(
    `Belastning (1 min) före start: ${tal(loadBefore, 2)}${loadBefore > availableParallelism() / 2 ? ' — andra processer använder processorn, tiderna blir högre och spridda' : ''}.`,
  );
  const paceBefore = await machinePace();
  console.log(
    `Maskinens tempo (minnesloopen i bench/machine-pace.ts, en tråd): ${ms(paceBefore)}; högre betyder en långsammare stund för maskinen, inte för koden.`,
  );
  console.log(
    `${o.runs} körningar per steg efter ${o.warmup} uppvärmningsvarv; tider är medianer (min–max). Allt i minnet, inga filer skrivs.`,
  );

  const ids = listReports(paths);
  const reports: ReportResult[] = [];
  console.log('\n== Steg per rapport ==');
  for (const id of ids) {
    const r = await benchReport(paths, id, o.runs, o.warmup);
    reports.push(r);
    printReport(r, o.runs, o.warmup);
  }
  const rssStages = maxRss();

  console.log('\n== Watch: HTML-ombyggnad efter en textändring ==');
  const w = await benchWatch(o.runs, o.warmup);
  console.log(
    textTable(
      ['Mätning', 'Median', 'Min', 'Max'],
      [
        [`Läs in + validera + sammanställ + HTML (${WATCH_REPORT})`, ...fmt(w.html)],
        ['Samma, plus kontrollerna (för jämförelse)', ...fmt(w.medKontroll)],
      ],
    ),
  );
  console.log(
    'Mallen läses och kompileras en gång (src/template/outline.ts behåller den kompilerade mallen så länge texten är densamma).',
  );

  const x = await issue22(o, paths);

  console.log(`\n== Kontrollerna vid 1× och 16× ${WATCH_REPORT} (bench/checks-scale.ts, issue 15) ==`);
  const checks = measureChecksScale(WATCH_REPORT, o.runs);

  let b: BatchSummary | undefined;
  if (o.batch) {
    console.log('\n== Batch: syntetisk kommun, kommunrapport build på alla kärnor ==');
    b = await benchBatch(o.nämnder, o.workers, o.batchRuns);
    printBatch(b);
  }

  console.log('\n== Minne ==');
  console.log(
    `Högsta RSS (process.resourceUsage().maxRSS) efter stegmätningarna: ${mb(rssStages)}${b ? `; batchen (egen process, alla trådar): ${b.alla.last.rssMb} MB` : ''}.`,
  );

  const ib = reports.find((r) => r.id === WATCH_REPORT);
  const goals: Goal[] = [];
  if (ib) {
    goals.push({
      text: `Hela bygget av ${ib.id} ≤ ${tal(TARGET.kvot, 1)} × pdfmake ensamt`,
      ok: ib.kvot <= TARGET.kvot,
      figur: `kvot ${tal(ib.kvot, 2)} (${ms(ib.full.median)} mot ${ms(ib.pdfmake.median)}); mot pdfmake med byggets optimeringar ${tal(ib.kvotDelad, 2)} (${ms(ib.pdfmakeDelad.median)})`,
    });
  }
  goals.push({
    text: `HTML-ombyggnad i watch efter textändring < ${TARGET.watchMs} ms`,
    ok: w.html.median < TARGET.watchMs,
    figur: ms(w.html.median),
  });
  if (b) {
    goals.push({
      text: `Batch av ${b.reports} rapporter < ${TARGET.batchMs / 1000} s (--jobb ${b.alla.workers})`,
      ok: b.alla.wall.median < TARGET.batchMs,
      figur: `${sek(b.alla.wall.median)} (--jobb 1: ${sek(b.en.wall.median)})`,
    });
  }
  goals.push(...issue22Goals(x));
  goals.push(checksGoal(checks));
  const loadAfter = loadavg()[0]!;
  const paceAfter = await machinePace();
  console.log(
    `\nBelastning (1 min) vid slutet: ${tal(loadAfter, 2)}, benchens egna trådar inräknade (före start: ${tal(loadBefore, 2)}).`,
  );
  console.log(`Maskinens tempo vid slutet: ${ms(paceAfter)} (vid start ${ms(paceBefore)}).`);
  console.log('\nMål:');
  for (const g of goals) console.log(`  ${check(g.ok)} ${g.text}: ${g.figur}`);

  if (o.md) {
    writeFileSync(
      o.md,
      `${markdown(o, machine, reports, w, b, rssStages, goals, [loadBefore, loadAfter], [paceBefore, paceAfter])}\n${issue22Markdown(x)}\n${checksMarkdown(checks)}\n`,
    );
    console.log(`\nSkrev ${o.md}.`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`fel: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
