import { Worker } from 'node:worker_threads';
import type { Output } from './outputs.js';
import type { Emit, ReportBuild, ReportBuildOptions } from './build-report.js';
import type { FromWorker, ToWorker, WorkerInput } from './worker-messages.js';

export interface PoolHandlers {
  emit: Emit;
  /** Called in the main thread as each report is done, in the order they finish. */
  done: (r: ReportBuild, ms: number) => void;
}

/**
 * Run from the compiled JavaScript, the worker is its own file. Run from the TypeScript sources
 * (tsx, as the tests do), Node 20 will not apply tsx's loader to a worker's entry file (tsx
 * issue #354), so a small bootstrap registers tsx first and then imports the worker.
 */
function spawn(data: WorkerInput): Worker {
  const self = import.meta.url;
  if (self.endsWith('.js')) return new Worker(new URL('./build-worker.js', self), { workerData: data });
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/cjs/api'))})
    .then((cjs) => { cjs.register(); return import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); })
    .then((esm) => { esm.register(); return import(${JSON.stringify(new URL('./build-worker.ts', self).href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * Builds the reports on `jobs` worker threads, each taking the next report from one queue so
 * the shares even out. Resolves when every report is done or has failed; a worker that dies
 * fails only the report it was building.
 */
export function buildInWorkers(root: string, ids: readonly string[], options: ReportBuildOptions, jobs: number, h: PoolHandlers): Promise<void> {
  return new Promise((resolve) => {
    const queue = [...ids];
    let pending = ids.length;
    let alive = 0;
    const current = new Map<Worker, { id: string; t: number }>();

    const settle = (r: ReportBuild, ms: number): void => {
      h.done(r, ms);
      if (--pending === 0) resolve();
    };
    const next = (w: Worker): void => {
      const id = queue.shift();
      if (id === undefined) {
        w.postMessage({ typ: 'sluta' } satisfies ToWorker);
        return;
      }
      current.set(w, { id, t: performance.now() });
      w.postMessage({ typ: 'bygg', id } satisfies ToWorker);
    };

    for (let i = 0; i < Math.min(jobs, ids.length); i++) {
      const w = spawn({ root, options });
      alive++;
      w.on('message', (m: FromWorker) => {
        if (m.typ === 'redo') next(w);
        else if (m.typ === 'rad') h.emit(m.text, m.fel);
        else {
          current.delete(w);
          if (m.fel) h.emit(`${m.id}: ${m.fel}`, true);
          const outputs: Output[] | undefined = m.outputs?.map((o) => ({ namn: o.namn, bytes: Buffer.from(o.bytes) }));
          next(w);
          settle({ id: m.id, failed: m.failed, ...(outputs ? { outputs } : {}) }, m.ms);
        }
      });
      w.on('error', (e) => {
        const c = current.get(w);
        current.delete(w);
        h.emit(`${c?.id ?? 'worker'}: avbrutet, byggtråden kraschade: ${e.message}`, true);
        if (c) settle({ id: c.id, failed: true }, performance.now() - c.t);
      });
      w.on('exit', () => {
        // When the last worker is gone, whatever is still queued cannot be built.
        if (--alive === 0) for (const id of queue.splice(0)) settle({ id, failed: true }, 0);
      });
    }
  });
}
