import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheFolder } from '../../util/cache-dir.js';
import { packageVersion, readDiskValue, writeDiskValue } from '../../util/disk-cache.js';
import { VERSION } from '../../version.js';

/**
 * What a process learnt about a bundled font file (its shaped words, shaping-cache.ts), kept on
 * disk for the next process: a cold build then does not shape its words again. One file per
 * font, named by the SHA-256 of the font file, in a folder named by this tool's version and the
 * versions of pdfmake, pdfkit and fontkit (whose private objects the entries copy) and of V8's
 * serializer. A file is written whole under a temporary name and renamed; it starts with the
 * SHA-256 of its contents, so a torn, truncated or foreign file is ignored like a missing one.
 * Reading or writing never fails a build, and nothing read here can change an output byte: an
 * entry is what fontkit returned for the same word and font in an earlier process.
 */

const MAGIC = 'kommunrapport-typsnitt';

let folder: string | null | undefined;

/** The cache folder for this tool and these library versions; null with caching off. */
function versionFolder(): string | null {
  if (folder !== undefined) return folder;
  const base = cacheFolder();
  if (!base) return (folder = null);
  try {
    const fromHere = createRequire(import.meta.url);
    const fromPdfmake = createRequire(fromHere.resolve('pdfmake'));
    const fromPdfkit = createRequire(fromPdfmake.resolve('pdfkit'));
    const key = [
      `kommunrapport-${VERSION}`,
      `pdfmake-${packageVersion(fromHere, 'pdfmake')}`,
      `pdfkit-${packageVersion(fromPdfmake, 'pdfkit')}`,
      `fontkit-${packageVersion(fromPdfkit, 'fontkit')}`,
      `v8-${process.versions.v8}`,
    ].join('_');
    return (folder = join(base, 'typsnitt', key));
  } catch {
    return (folder = null);
  }
}

const fileOf = (dir: string, fontHash: string): string => join(dir, `${fontHash}.v8`);

/** The entry stored for a font file, or undefined (none, caching off, or not readable whole). */
export function readFontCache(fontHash: string): unknown {
  const dir = versionFolder();
  return dir ? readDiskValue(fileOf(dir, fontHash), MAGIC) : undefined;
}

/** Stores the entry for a font file; any failure (a read-only home, a full disk) is let go. */
export function writeFontCache(fontHash: string, entry: unknown): void {
  const dir = versionFolder();
  if (dir) writeDiskValue(fileOf(dir, fontHash), MAGIC, entry);
}

/** The folder for font subsets (subset-cache.ts), beside the shaped words; undefined with caching off. */
export function subsetCacheFolder(): string | undefined {
  const dir = versionFolder();
  return dir ? join(dir, 'delmängder') : undefined;
}

/** For the tests: forget the folder, so a changed KOMMUNRAPPORT_CACHE applies. */
export function resetFontCacheFolder(): void {
  folder = undefined;
}
