/**
 * A build worker: builds the reports the main thread hands it, one at a time, and sends the
 * bytes back (transferred, not copied). The main thread writes the files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { projectPaths } from '../load/load-report.js';
import { buildReport, type ReportBuildOptions } from './build-report.js';
import type { FromWorker, ToWorker, WorkerInput } from './worker-messages.js';

if (!parentPort) throw new Error('build-worker körs bara som worker');
const port = parentPort;
const input = workerData as WorkerInput;
const paths = projectPaths(input.root);
const opts: ReportBuildOptions = input.options;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

port.on('message', (m: ToWorker) => {
  if (m.typ === 'sluta') {
    port.close();
    return;
  }
  const t = performance.now();
  buildReport(paths, m.id, opts, (text, fel) => send({ typ: 'rad', text, fel: fel === true })).then(
    (r) => {
      // Each output gets its own ArrayBuffer so it can be transferred without copying.
      const outputs = r.outputs?.map((o) => ({ namn: o.namn, bytes: new Uint8Array(o.bytes).buffer }));
      send({ typ: 'klar', id: m.id, failed: r.failed, outputs, ms: performance.now() - t }, outputs?.map((o) => o.bytes) ?? []);
    },
    (e: unknown) => send({ typ: 'klar', id: m.id, failed: true, fel: e instanceof Error ? e.message : String(e), ms: performance.now() - t }),
  );
});
send({ typ: 'redo' });
