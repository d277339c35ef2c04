import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { osFelSv } from '../core/diagnostics/os-fel.js';

/**
 * A report's outputs are replaced as one set. The new files are written into a staging folder
 * beside the report's folder, then the old folder is renamed away, the staging folder renamed
 * into its place, and the old one removed. A kill at any moment leaves the report's folder with
 * the complete previous set or the complete new one, except between the two renames, when the
 * complete previous set is in the set-aside folder; the next write for the report (build or
 * watch) puts it back first, and removes any staging folder an interrupted build left.
 *
 * Names: the staging and set-aside folders are named by a hash of the report id, not the id, so
 * a 250-character id stays within the file system's 255 bytes.
 */

export class OutputError extends Error {}

export interface OutputFile {
  namn: string;
  data: string | Uint8Array;
}

/** Places that exist but can never hold a report's files. */
const NOT_FOR_FILES = ['/proc', '/sys', '/dev'];

const short = (id: string): string => createHash('sha256').update(id).digest('hex').slice(0, 16);
const stagingPrefix = (id: string): string => `.kr-${short(id)}.ny-`;
const setAside = (outDir: string, id: string): string => join(outDir, `.kr-${short(id)}.gammal`);

/** Test hook: pause at a named moment so a fault test can kill the process exactly there. */
function pauseFor(moment: string): void {
  if (process.env.KOMMUNRAPPORT_TESTPAUS !== moment) return;
  process.stderr.write(`testpaus: ${moment}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
}

/**
 * Makes sure `dir` is a folder files can be written to, creating it (one level at a time, so a
 * place like /proc cannot make a recursive mkdir spin). Throws an OutputError in Swedish.
 */
export function ensureOutputDir(dir: string, shown = dir): void {
  const full = resolve(dir);
  let existing = full;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (e) {
    throw new OutputError(`utdatamappen ${shown} går inte att nå: ${osFelSv(e)}`);
  }
  if (NOT_FOR_FILES.some((p) => real === p || real.startsWith(`${p}/`))) {
    throw new OutputError(
      `utdatamappen ${shown} ligger under ${real.split('/').slice(0, 2).join('/')}, som inte kan innehålla filer; välj en annan mapp med --out`,
    );
  }
  if (!statSync(real).isDirectory()) {
    throw new OutputError(
      `utdatamappen ${shown} går inte att använda: ${existing === full ? shown : existing} är en fil, inte en mapp; välj en annan mapp med --out`,
    );
  }
  const missing = full.slice(existing.length).split(/[\\/]/).filter(Boolean);
  let at = existing;
  for (const part of missing) {
    at = join(at, part);
    try {
      mkdirSync(at);
    } catch (e) {
      throw new OutputError(`kunde inte skapa utdatamappen ${shown}: ${osFelSv(e)}`);
    }
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Removes what an interrupted write for this report left, and restores a set-aside previous set. */
export function recoverOutputSet(outDir: string, id: string): void {
  if (!existsSync(outDir)) return;
  const target = join(outDir, id);
  const aside = setAside(outDir, id);
  if (existsSync(aside)) {
    if (existsSync(target)) rmSync(aside, { recursive: true, force: true });
    else renameSync(aside, target);
  }
  // Staging folders of processes that are gone; one a running build of the same report is writing stays.
  const prefix = stagingPrefix(id);
  for (const name of readdirSync(outDir)) {
    if (name.startsWith(prefix) && !isRunning(Number(name.slice(prefix.length))))
      rmSync(join(outDir, name), { recursive: true, force: true });
  }
  // Temporary files of the earlier one-file-at-a-time writes.
  if (existsSync(target) && lstatSync(target).isDirectory()) {
    for (const name of readdirSync(target))
      if (/^\..+\.\d+\.tmp$/.test(name)) rmSync(join(target, name), { force: true });
  }
}

/**
 * Replaces out/<id>/ with `files` as one set. With `keepOthers`, files of the previous set that
 * are not among `files` are carried over (hard-linked), as when `--format html` rebuilds only the
 * HTML or `watch` writes the HTML before the PDF.
 */
export function writeOutputSet(
  outDir: string,
  id: string,
  files: readonly OutputFile[],
  opts: { keepOthers?: boolean; shownDir?: string } = {},
): void {
  const shown = opts.shownDir ?? outDir;
  ensureOutputDir(outDir, shown);
  const target = join(outDir, id);
  const staging = join(outDir, `${stagingPrefix(id)}${process.pid}`);
  const aside = setAside(outDir, id);
  try {
    recoverOutputSet(outDir, id);
    mkdirSync(staging);
    for (const f of files) writeFileSync(join(staging, f.namn), f.data);
    if (opts.keepOthers && existsSync(target) && lstatSync(target).isDirectory()) {
      const fresh = new Set(files.map((f) => f.namn));
      for (const name of readdirSync(target)) {
        if (fresh.has(name)) continue;
        const from = join(target, name);
        if (lstatSync(from).isDirectory()) cpSync(from, join(staging, name), { recursive: true });
        else {
          try {
            linkSync(from, join(staging, name));
          } catch {
            copyFileSync(from, join(staging, name));
          }
        }
      }
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`kunde inte skriva till ${join(shown, id)}: ${osFelSv(e)} (tidigare filer lämnas orörda)`);
  }
  pauseFor('före-byte');
  try {
    if (existsSync(target)) {
      renameSync(target, aside);
      pauseFor('mitt-i-byte');
    }
    renameSync(staging, target);
  } catch (e) {
    // Put the previous set back if it was set aside; the staging folder goes.
    if (!existsSync(target) && existsSync(aside)) renameSync(aside, target);
    rmSync(staging, { recursive: true, force: true });
    throw new OutputError(
      `kunde inte byta ut filerna i ${join(shown, id)}: ${osFelSv(e)} (tidigare filer lämnas orörda)`,
    );
  }
  rmSync(aside, { recursive: true, force: true });
}

export const outputSetNames = { stagingPrefix, setAside };
