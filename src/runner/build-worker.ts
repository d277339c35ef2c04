/**
 * A build worker: runs the steps the main thread hands it (see schedule.ts), one at a time, and
 * sends the bytes back, transferred rather than copied. The main thread writes the files.
 */
import { deserialize, serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { Dokument } from '../core/model/dokument.js';
import { projectPaths } from '../load/load-report.js';
import { prepareReport, renderReportPdf, type ReportBuild, type ReportBuildOptions } from './build-report.js';
import type { FromWorker, ToWorker, WireOutput, WorkerInput } from './worker-messages.js';

if (!parentPort) throw new Error('build-worker körs bara som worker');
const port = parentPort;
const input = workerData as WorkerInput;
const paths = projectPaths(input.root);
const opts: ReportBuildOptions = input.options;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const emit = (text: string, fel?: boolean): void => send({ typ: 'rad', text, fel: fel === true });

/** A Buffer's bytes in an ArrayBuffer of their own, which can be transferred. */
const own = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer;

async function run(m: Exclude<ToWorker, { typ: 'sluta' }>): Promise<{ r: ReportBuild; dokument?: ArrayBuffer }> {
  if (m.typ === 'pdf')
    return { r: await renderReportPdf(m.id, deserialize(new Uint8Array(m.dokument)) as Dokument, opts, emit) };
  const p = await prepareReport(paths, m.id, opts, emit);
  return { r: p, ...(p.dokument ? { dokument: own(serialize(p.dokument)) } : {}) };
}

port.on('message', (m: ToWorker) => {
  if (m.typ === 'sluta') {
    port.close();
    return;
  }
  const t = performance.now();
  run(m).then(
    ({ r, dokument }) => {
      const outputs: WireOutput[] | undefined = r.outputs?.map((o) => ({ namn: o.namn, bytes: own(o.bytes) }));
      const transfer = [...(outputs?.map((o) => o.bytes) ?? []), ...(dokument ? [dokument] : [])];
      send(
        {
          typ: 'klar',
          steg: m.typ,
          id: m.id,
          failed: r.failed,
          ...(outputs ? { outputs } : {}),
          ...(dokument ? { dokument } : {}),
          ms: performance.now() - t,
        },
        transfer,
      );
    },
    (e: unknown) =>
      send({
        typ: 'klar',
        steg: m.typ,
        id: m.id,
        failed: true,
        fel: e instanceof Error ? e.message : String(e),
        ms: performance.now() - t,
      }),
  );
});

// A PDF thread loads pdfmake and its fonts while the first report is being prepared.
if (input.role === 'pdf') await import('../render/pdf/render-pdf.js');
send({ typ: 'redo' });
