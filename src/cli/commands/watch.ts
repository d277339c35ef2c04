import { isAbsolute, join } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { kontrollJson } from '../../build/outputs.js';
import { runChecks } from '../../check/index.js';
import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { projectPaths } from '../../load/load-report.js';
import { loadAndCompose } from '../../pipeline.js';
import { renderHtml } from '../../render/html/render-html.js';
import { renderPdf } from '../../render/pdf/render-pdf.js';
import { renderXlsx } from '../../render/xlsx/render-xlsx.js';
import { VERSION } from '../../version.js';
import { writeFileAtomic, writeFilesAtomic } from '../../write/atomic.js';

const ms = (t: number): string => `${Math.round(performance.now() - t)} ms`;

/**
 * `kommunrapport watch`: rebuilds on every change under the report's data and content and the
 * templates. HTML is written first; PDF and Excel follow unless a newer change has come in.
 * A bad edit shows its errors and the watch goes on.
 */
export async function runWatch(root: string, id: string, opts: { out: string; debounce?: number }): Promise<number> {
  const paths = projectPaths(root);
  const outDir = join(isAbsolute(opts.out) ? opts.out : join(root, opts.out), id);
  let generation = 0;
  let previous = new Set<string>();

  const rebuild = async (reason: string): Promise<void> => {
    const gen = ++generation;
    const t0 = performance.now();
    const c = loadAndCompose(paths, id);
    if (!c.dokument || hasErrors(c.diagnostics)) {
      for (const d of c.diagnostics.filter((x) => x.allvarlighet === 'fel')) console.error(formatDiagnostic(d));
      console.log(`[${reason}] fel i rapporten; väntar på nästa ändring (tidigare filer lämnas orörda)`);
      return;
    }
    const doc = c.dokument;
    writeFileAtomic(join(outDir, `${id}.html`), renderHtml(doc));
    console.log(`[${reason}] html klar på ${ms(t0)}`);
    const k = runChecks(doc);
    const now = new Set(k.fynd.filter((f) => f.allvarlighet !== 'info').map(formatDiagnostic));
    const added = [...now].filter((x) => !previous.has(x));
    const gone = [...previous].filter((x) => !now.has(x)).length;
    previous = now;
    for (const a of added) console.log(`  ny: ${a}`);
    if (gone) console.log(`  ${gone} fynd har försvunnit`);
    const t1 = performance.now();
    const pdf = await renderPdf(doc);
    if (gen !== generation) return; // a newer edit is already being built
    const xlsx = await renderXlsx(doc, k, { version: VERSION });
    if (gen !== generation) return;
    writeFilesAtomic([
      { path: join(outDir, `${id}.pdf`), data: pdf },
      { path: join(outDir, `${id}.xlsx`), data: xlsx },
      { path: join(outDir, 'kontroll.json'), data: `${JSON.stringify(kontrollJson(doc, k), null, 2)}\n` },
    ]);
    console.log(`[${reason}] pdf och xlsx klara på ${ms(t1)}`);
  };

  await rebuild('start');
  const watcher = chokidarWatch([join(paths.data, id), join(paths.content, id), paths.templates, join(paths.data, 'profiler')], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  watcher.on('all', (_event, file) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const rel = file.startsWith(root) ? file.slice(root.length + 1) : file;
      running = running.then(() => rebuild(rel)).catch((e: unknown) => console.error(`fel: ${e instanceof Error ? e.message : String(e)}`));
    }, opts.debounce ?? 50);
  });
  await new Promise<void>((resolve) => {
    watcher.on('ready', () => console.log(`Bevakar ${id}: data/${id}, content/${id} och templates/ (Ctrl+C avslutar)`));
    const stop = (): void => {
      void watcher.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
