import { Worker } from 'node:worker_threads';
import { orderOutputs } from './formats.js';
import type { Output } from './outputs.js';
import type { Emit, ReportBuild, ReportBuildOptions } from './build-report.js';
import { nextStep, roles, type QueueState, type Role, type Step } from './schedule.js';
import type { FromWorker, ToWorker, WorkerInput } from './worker-messages.js';

export interface PoolHandlers {
  emit: Emit;
  /** Called in the main thread as each report is done, in the order they finish; `ms`: its steps' time, waits left out. */
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

interface Thread {
  worker: Worker;
  role: Role;
  alive: boolean;
  /** It has loaded and said so. */
  ready?: boolean;
  /** The step it is running, if any. */
  current?: { id: string; step: Step };
}

/**
 * Builds the reports on `jobs` worker threads, in two steps per report (schedule.ts): threads
 * take the next step of their role from two queues, so the shares even out. Resolves when every
 * report is done or has failed; a thread that dies fails only the report it was working on.
 */
export function buildInWorkers(
  root: string,
  ids: readonly string[],
  options: ReportBuildOptions,
  jobs: number,
  h: PoolHandlers,
): Promise<void> {
  return new Promise((resolve) => {
    const prepQueue = [...ids];
    const pdfQueue: { id: string; dokument: ArrayBuffer }[] = [];
    /** Prepared reports waiting for their PDF: their other files. */
    const prepared = new Map<string, Output[]>();
    /** Time spent on each report's steps so far (not the time it waited between them). */
    const work = new Map<string, number>();
    let pending = ids.length;
    const threads: Thread[] = [];

    const settle = (id: string, r: ReportBuild): void => {
      prepared.delete(id);
      h.done(r, work.get(id) ?? 0);
      if (--pending === 0) resolve();
    };
    const fail = (id: string): void => settle(id, { id, failed: true });

    const state = (): QueueState => ({
      prepQueued: prepQueue.length,
      prepRunning: threads.filter((t) => t.alive && t.current?.step === 'förbered').length,
      pdfQueued: pdfQueue.length,
      preparersAlive: threads.filter((t) => t.alive && t.role === 'förbered').length,
    });
    /** Gives every idle thread its next step; called whenever a queue or a thread changes. */
    const dispatch = (): void => {
      for (const t of threads) {
        if (!t.alive || t.current || !t.ready) continue;
        const next = nextStep(t.role, state());
        if (next === 'förbered') {
          const id = prepQueue.shift()!;
          t.current = { id, step: next };
          t.worker.postMessage({ typ: 'förbered', id } satisfies ToWorker);
        } else if (next === 'pdf') {
          const task = pdfQueue.shift()!;
          t.current = { id: task.id, step: next };
          t.worker.postMessage({ typ: 'pdf', id: task.id, dokument: task.dokument } satisfies ToWorker, [
            task.dokument,
          ]);
        } else if (next === 'sluta') {
          t.alive = false;
          t.worker.postMessage({ typ: 'sluta' } satisfies ToWorker);
        }
      }
      // When no thread is left, whatever is still queued cannot be built.
      if (threads.every((t) => !t.alive)) {
        for (const id of prepQueue.splice(0)) fail(id);
        for (const task of pdfQueue.splice(0)) fail(task.id);
      }
    };

    const finished = (t: Thread, m: Extract<FromWorker, { typ: 'klar' }>): void => {
      t.current = undefined;
      work.set(m.id, (work.get(m.id) ?? 0) + m.ms);
      if (m.fel) h.emit(`${m.id}: ${m.fel}`, true);
      const outputs: Output[] | undefined = m.outputs?.map((o) => ({ namn: o.namn, bytes: Buffer.from(o.bytes) }));
      if (m.failed || !outputs) fail(m.id);
      else if (m.steg === 'förbered' && m.dokument) {
        prepared.set(m.id, outputs);
        pdfQueue.push({ id: m.id, dokument: m.dokument });
      } else if (m.steg === 'förbered') settle(m.id, { id: m.id, outputs, failed: false });
      else
        settle(m.id, { id: m.id, outputs: orderOutputs([...(prepared.get(m.id) ?? []), ...outputs]), failed: false });
      dispatch();
    };

    for (const role of roles(Math.min(jobs, ids.length), options.formats.includes('pdf'))) {
      const t: Thread = { worker: spawn({ root, options, role }), role, alive: true };
      threads.push(t);
      t.worker.on('message', (m: FromWorker) => {
        if (m.typ === 'redo') {
          t.ready = true;
          dispatch();
        } else if (m.typ === 'rad') h.emit(m.text, m.fel);
        else finished(t, m);
      });
      t.worker.on('error', (e) => {
        const c = t.current;
        t.current = undefined;
        t.alive = false;
        h.emit(`${c?.id ?? 'worker'}: avbrutet, byggtråden kraschade: ${e.message}`, true);
        if (c) fail(c.id);
        dispatch();
      });
      t.worker.on('exit', () => {
        if (!t.alive) return;
        t.alive = false;
        if (t.current) fail(t.current.id);
        t.current = undefined;
        dispatch();
      });
    }
  });
}
