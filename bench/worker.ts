/**
 * A batch worker: builds reports fully (compose, checks, HTML, PDF, Excel) in memory, one at a
 * time, as the main thread hands them out, and reports each one's time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { projectPaths } from '../src/load/load-report.js';
import { fullBuild } from './build.js';

export interface WorkerInput {
  root: string;
}

export type ToWorker = { typ: 'bygg'; id: string } | { typ: 'sluta' };

export type FromWorker =
  | { typ: 'redo'; heap: number }
  | { typ: 'klar'; id: string; ms: number; bytes: number; fel: number; varningar: number; heap: number }
  | { typ: 'fel'; id: string; meddelande: string; heap: number };

if (!parentPort) throw new Error('bench/worker.ts körs bara som worker (från bench/run.ts)');
const port = parentPort;
const paths = projectPaths((workerData as WorkerInput).root);
let peak = 0;
const heap = (): number => {
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
  return peak;
};
const send = (m: FromWorker): void => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if (m.typ === 'sluta') {
    port.close();
    return;
  }
  const t = performance.now();
  fullBuild(paths, m.id).then(
    (r) => send({ typ: 'klar', id: m.id, ms: performance.now() - t, bytes: r.bytes, fel: r.fel, varningar: r.varningar, heap: heap() }),
    (e: unknown) => send({ typ: 'fel', id: m.id, meddelande: e instanceof Error ? e.message : String(e), heap: heap() }),
  );
});
send({ typ: 'redo', heap: heap() });
