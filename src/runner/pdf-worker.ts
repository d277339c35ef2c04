/**
 * The thread of pdf-thread.ts: loads pdfmake, its patches and the fonts at once, while the main
 * thread is still reading and composing the report, then lays out the PDF it is sent.
 */
import { deserialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { Dokument } from '../core/model/dokument.js';
import type { PdfJob, PdfResult } from './pdf-thread.js';

if (!parentPort) throw new Error('pdf-worker körs bara som worker');
const port = parentPort;
const renderer = import('../render/pdf/render-pdf.js');

port.once('message', (m: PdfJob) => {
  const t = performance.now();
  renderer
    .then(({ renderPdf }) => renderPdf(deserialize(new Uint8Array(m.dokument)) as Dokument, { pdfa: m.pdfa }))
    .then(
      (pdf) => {
        const bytes = new Uint8Array(pdf).buffer;
        port.postMessage({ bytes, ms: performance.now() - t } satisfies PdfResult, [bytes]);
      },
      (e: unknown) => port.postMessage({ fel: e instanceof Error ? e.message : String(e) } satisfies PdfResult),
    );
});
