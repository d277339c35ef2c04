import { Worker } from 'node:worker_threads';

/**
 * Starts the PDF thread of one report (pdf-worker.ts) as early as the build command can: it
 * loads pdfmake, the patches and the fonts while this thread loads its own code and composes the
 * report. Nothing here loads the pipeline, so the thread gets that head
 * start; pdf-thread.ts decides afterwards whether to use it, and stops it if not. Compiled
 * JavaScript only: Node 20 starts no worker from a TypeScript file.
 */
export function startPdfWorker(env: NodeJS.ProcessEnv = process.env): Worker | undefined {
  if (!import.meta.url.endsWith('.js') || env.KOMMUNRAPPORT_PDF_TRAD === '0') return undefined;
  const worker = new Worker(new URL('./pdf-worker.js', import.meta.url));
  // Until it is given a report (pdf-thread.ts), it must not keep the process alive: an error
  // before then, or a build that goes on one thread, ends the process as it would without it.
  worker.unref();
  return worker;
}
