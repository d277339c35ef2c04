import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { keepParsedTrees } from '../../narrative/tree-cache.js';
import { renderHtml } from '../../render/html/render-html.js';
import { renderOutputs } from '../../runner/outputs.js';
import { runChecks } from '../../check/index.js';
import { formatDiagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import { osFelSv } from '../../core/diagnostics/os-fel.js';
import { projectPaths } from '../../load/load-report.js';
import { loadAndCompose } from '../../pipeline.js';
import { OutputError, writeOutputSet } from '../../write/output-set.js';

const ms = (t: number): string => `${Math.round(performance.now() - t)} ms`;

/** After a change event, wait this long for more before building (each new event restarts it). */
const DEBOUNCE_MS = 10;
/**
 * A save still being written reads as broken and is followed by another event: errors are shown
 * only if no newer edit arrives within this time, so a half-written file leaves nothing on screen.
 */
const ERROR_GRACE_MS = 200;

/**
 * `kommunrapport watch`: rebuilds on every change under the report's data and content and the
 * templates. It uses the build's own output step (renderOutputs, then writeOutputSet, so the
 * report's files are replaced as one set): the HTML first, written as soon as it is composed
 * (the checks come after it), then kontroll.json, PDF, Excel and Word, which are skipped when a
 * newer edit has come in meanwhile. It reacts to a change at once (a short debounce) instead of
 * waiting for the file to stop growing: a half-written file fails to load, and its errors are
 * held back while the rest of the save arrives. A bad edit, a folder that vanishes and comes
 * back, or a file it may not read shows its message and the watch goes on.
 */
export async function runWatch(root: string, id: string, opts: { out: string; debounce?: number }): Promise<number> {
  const paths = projectPaths(root);
  // Every chapter but the edited one parses as before: keep their trees.
  keepParsedTrees(64);
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

  /** Resolves true if no edit comes within `ms`, false as soon as one does. */
  let wake: (() => void) | undefined;
  const quietFor = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        wake = undefined;
        resolve(true);
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = undefined;
        resolve(false);
      };
    });

  const rebuild = async (reason: string): Promise<void> => {
    const gen = edits;
    const stale = (): boolean => gen !== edits;
    const t0 = performance.now();
    const c = loadAndCompose(paths, id);
    if (!c.dokument || hasErrors(c.diagnostics)) {
      // A newer edit (the rest of this save, or a fix) is built next and says what is wrong, if anything.
      if (stale() || !(await quietFor(ERROR_GRACE_MS)) || stale()) return;
      for (const d of c.diagnostics.filter((x) => x.allvarlighet === 'fel')) console.error(formatDiagnostic(d));
      console.log(`[${reason}] fel i rapporten (tidigare filer lämnas orörda); ${waiting()}`);
      return;
    }
    const doc = c.dokument;
    if (!write([{ namn: `${id}.html`, bytes: Buffer.from(renderHtml(doc), 'utf8') }])) return;
    console.log(`[${reason}] html klar på ${ms(t0)}`);
    const skipped = (): boolean => {
      if (stale()) console.log(`[${reason}] kontroll.json, pdf, xlsx och docx hoppas över: en nyare ändring byggs`);
      return stale();
    };
    if (skipped()) return; // a newer edit is already waiting: its HTML comes first
    const k = runChecks(doc);
    const now = new Set(k.fynd.filter((f) => f.allvarlighet !== 'info').map(formatDiagnostic));
    const added = [...now].filter((x) => !previous.has(x));
    const gone = [...previous].filter((x) => !now.has(x)).length;
    previous = now;
    for (const a of added) console.log(`  ny: ${a}`);
    if (gone) console.log(`  ${gone} fynd har försvunnit`);
    if (skipped()) return;
    const t1 = performance.now();
    const rest = await renderOutputs(doc, k, { formats: ['pdf', 'xlsx', 'docx'], onFormat: () => undefined });
    if (skipped()) return;
    if (write(rest)) console.log(`[${reason}] pdf, xlsx och docx klara på ${ms(t1)}; ${waiting()}`);
  };

  /** Files changed since the last rebuild began, in the order they were first seen. */
  const changed = new Set<string>();
  /** What a rebuild is for: every file changed since the last one (a folder moved back brings several). */
  const takeChanged = (): string => {
    const all = [...changed];
    changed.clear();
    return all.length > 5 ? `${all.slice(0, 5).join(', ')} och ${all.length - 5} till` : all.join(', ');
  };

  /** One rebuild at a time; edits during one are gathered into the next. */
  let running = false;
  let again = false;
  const run = async (reason?: string): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    reason ??= takeChanged();
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
    if (again) {
      again = false;
      await run();
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
  });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (event, file) => {
    edits++;
    const rel = relative(root, file).split(sep).join('/');
    if (event === 'unlinkDir' && watched.includes(file)) console.log(`${rel} försvann; ${waiting()}`);
    changed.add(rel);
    wake?.();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), opts.debounce ?? DEBOUNCE_MS);
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
