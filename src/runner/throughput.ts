/**
 * Measures how much two worker threads get done on this machine against one, with a loop that
 * allocates and keeps objects the way a PDF layout does (no kommunrapport code, so it is the
 * same measurement whatever is built), and keeps the result in the user's cache folder, keyed by
 * the processor, the number of cores and the tool's version: measured once per machine.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cacheFolder } from '../util/cache-dir.js';
import { VERSION } from '../version.js';
import { chooseJobs, needsProbe, quietEnoughToMeasure, type JobsChoice, type ThroughputProbe } from './jobs.js';

const LOOP = `const keep = []; let x = 0;
for (let r = 0; r < 8; r++) {
  const page = [];
  for (let i = 0; i < 60000; i++) { const o = { a: i, b: 'w' + (i % 500), c: [i, i + 1], d: null, e: r }; page.push(o); x += o.c.length; }
  keep.push(page); if (keep.length > 8) keep.shift();
}
require('node:worker_threads').parentPort.postMessage(x);`;

/** Wall time of `workers` workers each running the loop once, started together. */
function runLoop(workers: number): Promise<number> {
  const t = performance.now();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = new Worker(LOOP, { eval: true });
      w.on('message', () => void w.terminate().then(() => resolve()));
      w.on('error', reject);
    });
  return Promise.all(Array.from({ length: workers }, one)).then(() => performance.now() - t);
}

/** One, two, one, two workers; the faster of each, so a passing hiccup does not decide. */
export async function measureThroughput(): Promise<ThroughputProbe> {
  const one: number[] = [];
  const two: number[] = [];
  for (let i = 0; i < 2; i++) {
    one.push(await runLoop(1));
    two.push(await runLoop(2));
  }
  return { oneMs: Math.min(...one), twoMs: Math.min(...two) };
}

export const CACHE_FILE = 'tradar.json';

/** What the measurement depends on: another processor, core count or version measures again. */
export function machineKey(): string {
  return `${cpus()[0]?.model.trim() ?? 'okänd'} × ${availableParallelism()}; kommunrapport ${VERSION}`;
}

interface CacheFile {
  [key: string]: { oneMs: number; twoMs: number; mätt: string };
}

function readCache(dir: string): CacheFile {
  try {
    const v: unknown = JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as CacheFile) : {};
  } catch {
    return {}; // none yet, or unreadable: measure again
  }
}

/** The cached measurement for this machine, if any. */
export function cachedThroughput(env: NodeJS.ProcessEnv = process.env): ThroughputProbe | undefined {
  const dir = cacheFolder(env);
  if (!dir) return undefined;
  const hit = readCache(dir)[machineKey()];
  return hit && hit.oneMs > 0 && hit.twoMs > 0 ? hit : undefined;
}

/** Stores a measurement; a cache folder that cannot be written only means measuring next time too. */
export function storeThroughput(p: ThroughputProbe, env: NodeJS.ProcessEnv = process.env): void {
  const dir = cacheFolder(env);
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const all = readCache(dir);
    all[machineKey()] = {
      oneMs: Math.round(p.oneMs),
      twoMs: Math.round(p.twoMs),
      mätt: new Date().toISOString().slice(0, 10),
    };
    const tmp = join(dir, `.${CACHE_FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(tmp, join(dir, CACHE_FILE));
  } catch {
    // read-only home, full disk: the choice is made all the same
  }
}

/**
 * The threads for this build on this machine: `--jobb` if given; else measured throughput (from
 * the cache, or measured now if the machine is quiet enough) and the load average decide.
 */
export async function jobsForThisMachine(
  reports: number,
  requested: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<JobsChoice> {
  const base = { reports, cores: availableParallelism(), load: loadavg()[0] ?? 0, ...(requested ? { requested } : {}) };
  if (!needsProbe(base)) return chooseJobs(base);
  let probe = cachedThroughput(env);
  if (!probe && quietEnoughToMeasure(base.cores, base.load)) {
    probe = await measureThroughput();
    storeThroughput(probe, env);
  }
  return chooseJobs({ ...base, ...(probe ? { probe } : {}) });
}
