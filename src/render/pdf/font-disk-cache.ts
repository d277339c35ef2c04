import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { cacheFolder } from '../../util/cache-dir.js';
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

const MAGIC = Buffer.from('kommunrapport-typsnitt\n');
const HASH_BYTES = 32;

let folder: string | null | undefined;

/** A package's version from its package.json, found above its entry point (fontkit exports no package.json). */
function libraryVersion(from: NodeJS.Require, name: string): string {
  let dir = dirname(from.resolve(name));
  for (; dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      // No package.json here: look further up.
    }
  }
  throw new Error(`${name}: ingen version`);
}

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
      `pdfmake-${libraryVersion(fromHere, 'pdfmake')}`,
      `pdfkit-${libraryVersion(fromPdfmake, 'pdfkit')}`,
      `fontkit-${libraryVersion(fromPdfkit, 'fontkit')}`,
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
  if (!dir) return undefined;
  try {
    const b = readFileSync(fileOf(dir, fontHash));
    const start = MAGIC.length + HASH_BYTES;
    if (b.length <= start || !b.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const body = b.subarray(start);
    const sum = createHash('sha256').update(body).digest();
    if (!sum.equals(b.subarray(MAGIC.length, start))) return undefined;
    return deserialize(body);
  } catch {
    return undefined;
  }
}

/** Stores the entry for a font file; any failure (a read-only home, a full disk) is let go. */
export function writeFontCache(fontHash: string, entry: unknown): void {
  const dir = versionFolder();
  if (!dir) return;
  const target = fileOf(dir, fontHash);
  // Per process and thread: build threads may write the same font's file at once.
  const tmp = `${target}.${process.pid}-${threadId}.tmp`;
  try {
    const body = serialize(entry);
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body]));
    renameSync(tmp, target);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing to tidy that can be tidied.
    }
  }
}

/** For the tests: forget the folder, so a changed KOMMUNRAPPORT_CACHE applies. */
export function resetFontCacheFolder(): void {
  folder = undefined;
}
