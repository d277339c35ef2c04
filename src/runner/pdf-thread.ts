import { availableParallelism, loadavg } from 'node:os';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Dokument } from '../core/model/dokument.js';
import type { ProjectPaths } from '../load/load-report.js';
import {
  outputFailure,
  prepareReport,
  progress,
  type Emit,
  type ReportBuild,
  type ReportBuildOptions,
} from './build-report.js';
import { orderOutputs } from './formats.js';
import { sampleCores, type CoreSample } from './cores.js';
import { coresLeftToUs, freeCores } from './jobs.js';

/**
 * One report built as a user most often asks for it, with its PDF laid out on a second thread:
 * that thread loads pdfmake and the fonts while this one reads, composes and checks the report,
 * and lays out the PDF while this one makes the HTML, the workbook and the Word document. Half
 * the wait of a cold build is the PDF's, so on two cores the whole set is ready about when the
 * PDF is. The bytes are the same as on one thread (the PDF is made from the same document).
 */

export interface PdfJob {
  /** The composed document, v8-serialized (as between build-worker threads). */
  dokument: ArrayBuffer;
  pdfa: boolean;
}
export type PdfResult = { bytes: ArrayBuffer; ms: number } | { fel: string };

/** How long the cores are watched at least before a second thread is started: a few ticks of their idle counters. */
const WATCH_MS = 30;

/**
 * Whether a second thread can help: two cores left to this build right now (on a busy machine
 * the second thread only adds CPU, as `--jobb` found: src/runner/jobs.ts), watched since `since`
 * (the build command samples the cores before it loads the pipeline's code) and for at least
 * 30 ms. The load average, used before, would still count the user's previous build for a
 * minute; it decides only where the idle counters cannot be read. Compiled JavaScript only (Node
 * 20 starts no worker from a TypeScript file; run through tsx, the build stays on one thread).
 * `KOMMUNRAPPORT_PDF_TRAD=1` or `0` decides it instead (tests; a user who knows better).
 */
export async function pdfThreadHelps(
  since: CoreSample = sampleCores(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  if (!import.meta.url.endsWith('.js')) return false;
  const own = env.KOMMUNRAPPORT_PDF_TRAD;
  if (own === '1' || own === '0') return own === '1';
  const cores = availableParallelism();
  if (cores < 2) return false;
  if (!since.idle.length) return freeCores(cores, loadavg()[0]!) >= 2;
  const left = WATCH_MS - (performance.now() - since.at);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  return Math.floor(coresLeftToUs(since, sampleCores()) + 0.5) >= 2;
}

export async function buildReportWithPdfThread(
  paths: ProjectPaths,
  id: string,
  o: ReportBuildOptions,
  emit: Emit,
  /** The thread, if the build command started it already (pdf-worker-start.ts). */
  started?: Worker,
): Promise<ReportBuild> {
  const worker = started ?? new Worker(new URL('./pdf-worker.js', import.meta.url));
  worker.ref();
  const result = new Promise<PdfResult>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (e) => resolve({ fel: `byggtråden kraschade: ${e.message}` }));
    worker.once('exit', (code) => resolve({ fel: `byggtråden avslutades (kod ${code})` }));
  });
  try {
    let sent = false;
    const p = await prepareReport(paths, id, o, emit, (d: Dokument) => {
      const dokument = new Uint8Array(serialize(d)).buffer;
      worker.postMessage({ dokument, pdfa: o.pdfa } satisfies PdfJob, [dokument]);
      sent = true;
    });
    if (p.failed || !sent) return { id, failed: p.failed, ...(p.outputs ? { outputs: p.outputs } : {}) };
    const r = await result;
    if ('fel' in r) return outputFailure(id, emit, r.fel);
    progress(id, emit)('pdf', r.ms);
    const pdf = { namn: `${id}.pdf`, bytes: Buffer.from(r.bytes) };
    return { id, outputs: orderOutputs([...p.outputs!, pdf]), failed: false };
  } finally {
    void worker.terminate();
  }
}
