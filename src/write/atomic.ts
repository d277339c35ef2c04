import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const tmpName = (target: string): string => join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);

/** Writes beside the target and renames, so a reader never sees a half-written file. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  writeFilesAtomic([{ path: target, data }]);
}

/**
 * Writes every file to a temporary name first and renames only when all are written: a failure
 * leaves the previous outputs as they were and no temporary files behind.
 */
export function writeFilesAtomic(files: { path: string; data: string | Uint8Array }[]): void {
  const written: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = tmpName(f.path);
      written.push(tmp);
      writeFileSync(tmp, f.data);
    }
  } catch (e) {
    for (const t of written) rmSync(t, { force: true });
    throw e;
  }
  for (const f of files) renameSync(tmpName(f.path), f.path);
}
