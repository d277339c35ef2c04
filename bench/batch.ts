/**
 * The batch build on worker threads: one worker per core, each taking the next report from a
 * shared queue until none are left, so the shares even out. Timed from the first worker's spawn
 * (module loading included, as a real batch run pays it) to the last report done.
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerInput } from './worker.js';

export interface BatchReport {
  id: string;
  ms: number;
  worker: number;
  bytes: number;
  fel: number;
  varningar: number;
}

export interface BatchResult {
  workers: number;
  /** Spawn of the first worker to the last report built. */
  wallMs: number;
  /** Spawn to the moment every worker had loaded the pipeline and was ready. */
  startMs: number;
  reports: BatchReport[];
  errors: string[];
  /** Largest used heap seen in any one worker. */
  heapPerWorker: number;
  /** CPU time (user + system) of the whole process, every thread, over the batch. */
  cpuMs: number;
}

/**
 * Each worker registers tsx (its CommonJS hooks and its ESM loader, as the `tsx` command does in
 * the main thread) and then imports worker.ts. Node 20 does not apply a loader given as
 * `execArgv: ['--import', 'tsx']` (nor the one inherited from the tsx command) to a worker's own
 * entry file, which then fails with ERR_UNKNOWN_FILE_EXTENSION (tsx issue #354), so the entry is
 * a small bootstrap that registers tsx through its API first.
 */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/cjs/api'))})
  .then((cjs) => { cjs.register(); return import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); })
  .then((esm) => { esm.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;

export function runBatch(root: string, ids: readonly string[], workers: number): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    const queue = [...ids];
    const reports: BatchReport[] = [];
    const errors: string[] = [];
    const pool: Worker[] = [];
    let ready = 0;
    let startMs = 0;
    let heapPerWorker = 0;
    let settled = false;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();

    const finish = (e?: Error): void => {
      if (settled) return;
      settled = true;
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      for (const w of pool) w.postMessage({ typ: 'sluta' } satisfies ToWorker);
      // Workers close their port and exit on their own; terminate is the fallback.
      setTimeout(() => pool.forEach((w) => void w.terminate()), 2000).unref();
      if (e) reject(e);
      else resolve({ workers, wallMs, startMs, reports, errors, heapPerWorker, cpuMs });
    };

    const next = (w: Worker): void => {
      const id = queue.shift();
      if (id !== undefined) w.postMessage({ typ: 'bygg', id } satisfies ToWorker);
    };

    for (let i = 0; i < workers; i++) {
      const w = new Worker(WORKER_BOOT, { eval: true, workerData: { root } satisfies WorkerInput });
      pool.push(w);
      w.on('message', (m: FromWorker) => {
        heapPerWorker = Math.max(heapPerWorker, m.heap);
        if (m.typ === 'redo') {
          if (++ready === workers) startMs = performance.now() - t0;
        } else if (m.typ === 'klar') {
          reports.push({ id: m.id, ms: m.ms, worker: i, bytes: m.bytes, fel: m.fel, varningar: m.varningar });
        } else {
          errors.push(m.meddelande);
        }
        if (reports.length + errors.length === ids.length) finish();
        else next(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`worker ${i} avslutades (kod ${code}) innan batchen var klar`));
      });
    }
    if (!ids.length) finish();
  });
}
