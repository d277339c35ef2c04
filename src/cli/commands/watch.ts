import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { renderOutputs } from '../../runner/outputs.js';
import { runChecks } from '../../check/index.js';
import { formatDiagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import { osFelSv } from '../../core/diagnostics/os-fel.js';
import { projectPaths } from '../../load/load-report.js';
import { loadAndCompose } from '../../pipeline.js';
import { OutputError, writeOutputSet } from '../../write/output-set.js';

const ms = (t: number): string => `${Math.round(performance.now() - t)} ms`;

/**
 * `kommunrapport watch`: rebuilds on every change under the report's data and content and the
 * templates. It uses the build's own output step (renderOutputs, then writeOutputSet, so the
 * report's files are replaced as one set): the HTML first, then PDF and Excel, which are
 * skipped when a newer edit has come in meanwhile. A bad edit, a folder that vanishes and comes
 * back, or a file it may not read shows its message and the watch goes on.
 */
export async function runWatch(root: string, id: string, opts: { out: string; debounce?: number }): Promise<number> {
  const paths = projectPaths(root);
  const outBase = isAbsolute(opts.out) ? opts.out : join(root, opts.out);
  const watched = [join(paths.data, id), join(paths.content, id), paths.templates];
  const shown = watched.map((d) => relative(root, d).split(sep).join('/'));
  /** Edits seen so far; a rebuild that started before the latest one is stale. */
  let edits = 0;
  let previous = new Set<string>();

  const waiting = (): string => {
    const gone = watched
      .map((d, i) => (existsSync(d) ? undefined : shown[i]))
      .filter((x): x is string => x !== undefined);
    return gone.length
      ? `väntar på att ${gone.join(' och ')} kommer tillbaka`
      : `väntar på nästa ändring i ${shown.join(', ')}`;
  };

  const write = (files: { namn: string; bytes: Buffer }[]): boolean => {
    try {
      writeOutputSet(
        outBase,
        id,
        files.map((f) => ({ namn: f.namn, data: f.bytes })),
        { keepOthers: true, shownDir: opts.out },
      );
      return true;
    } catch (e) {
      console.error(`fel: ${e instanceof OutputError ? e.message : `kunde inte skriva utdata: ${osFelSv(e)}`}`);
      return false;
    }
  };

  const rebuild = async (reason: string): Promise<void> => {
    const gen = edits;
    const stale = (): boolean => gen !== edits;
    const t0 = performance.now();
    const c = loadAndCompose(paths, id);
    if (!c.dokument || hasErrors(c.diagnostics)) {
      for (const d of c.diagnostics.filter((x) => x.allvarlighet === 'fel')) console.error(formatDiagnostic(d));
      console.log(`[${reason}] fel i rapporten (tidigare filer lämnas orörda); ${waiting()}`);
      return;
    }
    const doc = c.dokument;
    const k = runChecks(doc);
    if (!write(await renderOutputs(doc, k, { formats: ['html'] }))) return;
    console.log(`[${reason}] html klar på ${ms(t0)}`);
    const now = new Set(k.fynd.filter((f) => f.allvarlighet !== 'info').map(formatDiagnostic));
    const added = [...now].filter((x) => !previous.has(x));
    const gone = [...previous].filter((x) => !now.has(x)).length;
    previous = now;
    for (const a of added) console.log(`  ny: ${a}`);
    if (gone) console.log(`  ${gone} fynd har försvunnit`);
    if (stale()) return; // a newer edit is already waiting: its HTML comes first
    const t1 = performance.now();
    const rest = await renderOutputs(doc, k, { formats: ['pdf', 'xlsx', 'docx'], onFormat: () => undefined });
    if (stale()) {
      console.log(`[${reason}] pdf, xlsx och docx hoppas över: en nyare ändring byggs`);
      return;
    }
    if (write(rest)) console.log(`[${reason}] pdf, xlsx och docx klara på ${ms(t1)}; ${waiting()}`);
  };

  /** One rebuild at a time; edits during one are gathered into the next. */
  let running = false;
  let again: string | undefined;
  const run = async (reason: string): Promise<void> => {
    if (running) {
      again = reason;
      return;
    }
    running = true;
    try {
      await rebuild(reason);
    } catch (e) {
      console.error(
        `fel: ombyggnaden misslyckades: ${e instanceof Error && !('code' in e) ? e.message : osFelSv(e)}; ${waiting()}`,
      );
    } finally {
      running = false;
    }
    if (again !== undefined) {
      const r = again;
      again = undefined;
      await run(r);
    }
  };

  await run('start');
  // Watch the parents, not the report's folders themselves: a folder that is moved away and back
  // is then seen again when it returns, instead of silently leaving the watch.
  // The kommun's profiles may come and go without the watch waiting for them.
  const followed = [...watched, join(paths.data, 'profiler')];
  const inside = (p: string): boolean =>
    followed.some((d) => p === d || p.startsWith(d + sep) || d.startsWith(p + sep));
  const watcher = chokidarWatch([paths.data, paths.content, paths.templates], {
    ignoreInitial: true,
    ignored: (p: string) => !inside(p),
    awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 },
  });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (event, file) => {
    edits++;
    const rel = relative(root, file).split(sep).join('/');
    if (event === 'unlinkDir' && watched.includes(file)) console.log(`${rel} försvann; ${waiting()}`);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(rel), opts.debounce ?? 50);
  });
  watcher.on('error', (e: unknown) =>
    console.error(`fel: kan inte bevaka en fil eller mapp: ${osFelSv(e)}; bevakningen fortsätter med resten`),
  );
  await new Promise<void>((resolve) => {
    watcher.on('ready', () => console.log(`Bevakar ${id}: ${shown.join(', ')} (Ctrl+C avslutar); ${waiting()}`));
    const stop = (): void => {
      void watcher.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
