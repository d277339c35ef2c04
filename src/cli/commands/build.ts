import { isAbsolute, join } from 'node:path';
import type { Emit, ReportBuild } from '../../runner/build-report.js';
import { FORMATS, type Format } from '../../runner/formats.js';
import { jobsForThisMachine } from '../../runner/throughput.js';
import { buildInWorkers } from '../../runner/worker-pool.js';
import { formatNumber } from '../../core/format/number.js';
import { listReports, projectPaths } from '../../load/project.js';
import { ensureOutputDir, OutputError, writeOutputSet } from '../../write/output-set.js';
import { sampleCores } from '../../runner/cores.js';
import { startPdfWorker } from '../../runner/pdf-worker-start.js';

export interface BuildOptions {
  out: string;
  format: string;
  strict?: boolean;
  pdfa?: boolean;
  jobb?: string;
  tyst?: boolean;
}

export function parseFormats(s: string): Format[] | string {
  const fs = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = fs.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || !fs.length) return `okänt format "${bad[0] ?? s}" (välj bland ${FORMATS.join(', ')})`;
  return fs as Format[];
}

/** `--jobb`: a whole number from 1 up; without it, the machine's measured throughput decides (src/runner/jobs.ts). */
export function parseJobs(s: string | undefined): number | undefined | string {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || Number(s) < 1) return `--jobb ska vara ett heltal från 1 (fick "${s}")`;
  return Number(s);
}

export async function runBuild(root: string, requested: string[], opts: BuildOptions): Promise<number> {
  const paths = projectPaths(root);
  const formats = parseFormats(opts.format);
  if (typeof formats === 'string') {
    console.error(`fel: ${formats}`);
    return 2;
  }
  const ids = requested.length ? requested : listReports(paths);
  if (!ids.length) {
    console.error('fel: inga rapporter hittades under data/');
    return 1;
  }
  const jobb = parseJobs(opts.jobb);
  if (typeof jobb === 'string') {
    console.error(`fel: ${jobb}`);
    return 2;
  }
  const outDir = isAbsolute(opts.out) ? opts.out : join(root, opts.out);
  // Before any work: a place that cannot hold files is said at once, not after the build.
  try {
    ensureOutputDir(outDir, opts.out);
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    console.error(`fel: ${e.message}`);
    return 2;
  }
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  // For one report's PDF thread: how busy the cores are, watched while the pipeline's code loads,
  // and the thread itself, started before that code loads and stopped if it does not pay.
  const cores = sampleCores();
  const single = ids.length === 1 && opts.jobb === undefined && formats.includes('pdf');
  const early = single ? startPdfWorker() : undefined;
  const choice = await jobsForThisMachine(ids.length, jobb);
  const jobs = choice.threads;
  const trådar = (n: number): string => `${n} ${n === 1 ? 'tråd' : 'trådar'}`;
  if (!opts.tyst && ids.length > 1)
    console.error(`Bygger ${ids.length} rapporter med ${trådar(jobs)} (${choice.reason}).`);
  let failed = false;
  let written = 0;
  const emit: Emit = (text, fel) => (fel ? console.error(text) : console.log(text));
  // Each report's files are written together, as soon as that report is done.
  const done = (r: ReportBuild, ms: number): void => {
    if (r.failed || !r.outputs) {
      failed = true;
      return;
    }
    try {
      writeOutputSet(
        outDir,
        r.id,
        r.outputs.map((o) => ({ namn: o.namn, data: o.bytes })),
        { keepOthers: true, shownDir: opts.out },
      );
      written += r.outputs.length;
      console.log(
        `${r.id}: skrev ${r.outputs.map((o) => o.namn).join(', ')} till ${join(opts.out, r.id)} (${Math.round(ms)} ms)`,
      );
    } catch (e) {
      failed = true;
      if (!(e instanceof OutputError)) throw e;
      console.error(`${r.id}: kunde inte skriva utdata: ${e.message}`);
    }
  };
  const o = { formats, strict: opts.strict === true, pdfa: opts.pdfa === true, tyst: opts.tyst === true };
  let threads = trådar(jobs);
  if (jobs > 1) {
    await buildInWorkers(root, ids, o, jobs, { emit, done });
  } else {
    const { buildReport } = await import('../../runner/build-report.js');
    const { buildReportWithPdfThread, pdfThreadHelps } = await import('../../runner/pdf-thread.js');
    // One report: its PDF laid out on a second thread, beside the other formats.
    const beside = single && (await pdfThreadHelps(cores));
    if (!beside) void early?.terminate();
    if (beside) threads = '2 trådar, en för PDF:en';
    for (const id of ids) {
      const t0 = performance.now();
      const r = beside
        ? await buildReportWithPdfThread(paths, id, o, emit, early)
        : await buildReport(paths, id, o, emit);
      done(r, performance.now() - t0);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const sek = (ms: number): string => `${formatNumber(ms / 1000, 1)} s`;
  console.log(
    `Klart: ${written} filer för ${ids.length} ${ids.length === 1 ? 'rapport' : 'rapporter'} på ${sek(performance.now() - started)}${failed ? ', med fel' : ''} ` +
      `(${threads}, processortid ${sek((cpu.user + cpu.system) / 1000)}, högst ${Math.round(process.resourceUsage().maxRSS / 1024)} MB minne).`,
  );
  return failed ? 1 : 0;
}
