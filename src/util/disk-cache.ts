import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';

/**
 * One value kept on disk between processes (under cache-dir.ts's folder): V8-serialized, after a
 * magic line naming what it is and the SHA-256 of the body, written whole under a temporary name
 * and renamed. A torn, truncated or foreign file reads as missing; reading or writing never
 * throws, as a cache only saves time.
 */

const HASH_BYTES = 32;

/** The value stored in `file` under `magic`, or undefined (none, or not readable whole). */
export function readDiskValue(file: string, magic: string): unknown {
  const head = Buffer.from(`${magic}\n`);
  try {
    const b = readFileSync(file);
    const start = head.length + HASH_BYTES;
    if (b.length <= start || !b.subarray(0, head.length).equals(head)) return undefined;
    const body = b.subarray(start);
    const sum = createHash('sha256').update(body).digest();
    if (!sum.equals(b.subarray(head.length, start))) return undefined;
    return deserialize(body);
  } catch {
    return undefined;
  }
}

/** Stores a value in `file`; any failure (a read-only home, a full disk) is let go. */
export function writeDiskValue(file: string, magic: string, value: unknown): void {
  // Per process and thread: build threads may write the same file at once.
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    const body = serialize(value);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${magic}\n`), createHash('sha256').update(body).digest(), body]));
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing to tidy that can be tidied.
    }
  }
}

/** A package's version from its package.json, found above its entry point (fontkit exports no package.json). */
export function packageVersion(from: NodeJS.Require, name: string): string {
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

/**
 * Bytes computed from a key that names everything they depend on, kept under `folder` (inside the
 * cache folder) by the key's SHA-256: the next process reads them instead of computing them
 * again. With caching off (`folder` undefined) they are computed every time.
 */
export function cachedBytes(folder: string | undefined, magic: string, key: string, compute: () => Uint8Array): Buffer {
  const file = folder ? join(folder, `${createHash('sha256').update(key).digest('hex')}.v8`) : undefined;
  const stored = file ? readDiskValue(file, magic) : undefined;
  if (stored instanceof Uint8Array) return Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const made = Buffer.from(compute());
  if (file) writeDiskEntry(file, magic, made);
  return made;
}

/** Entries kept per folder of computed values; past that the older half goes. */
export const MAX_ENTRIES = 256;

/**
 * Stores one of many computed values (chart pictures, font subsets: one per distinct input), and
 * keeps the folder from growing without end: past MAX_ENTRIES files the older half, by the time
 * they were written, is removed. Only a write pays for the listing.
 */
export function writeDiskEntry(file: string, magic: string, value: unknown, max = MAX_ENTRIES): void {
  writeDiskValue(file, magic, value);
  try {
    const dir = dirname(file);
    const names = readdirSync(dir).filter((n) => n.endsWith('.v8'));
    if (names.length <= max) return;
    const byAge = names
      .map((n) => ({ path: join(dir, n), t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => a.t - b.t || a.path.localeCompare(b.path));
    for (const old of byAge.slice(0, names.length - (max >> 1))) rmSync(old.path, { force: true });
  } catch {
    // Tidying is a courtesy: a folder that cannot be listed stays as it is.
  }
}
