import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedBytes, readDiskValue, writeDiskEntry } from '../src/util/disk-cache.js';

const tmp = mkdtempSync(join(tmpdir(), 'kr-diskcache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('values kept on disk (src/util/disk-cache.ts)', () => {
  it('a folder of computed values keeps the newer half once it holds more than its limit', () => {
    const dir = join(tmp, 'gallra');
    const t0 = Date.now() / 1000 - 3600;
    for (let i = 0; i < 8; i++) {
      writeDiskEntry(join(dir, `e${i}.v8`), 'test', i, 8);
      utimesSync(join(dir, `e${i}.v8`), t0 + i, t0 + i);
    }
    // A file that is not an entry is left alone.
    writeFileSync(join(dir, 'annat.txt'), 'x');
    expect(readdirSync(dir)).toHaveLength(9);
    writeDiskEntry(join(dir, 'e8.v8'), 'test', 8, 8);
    expect(readdirSync(dir).sort()).toEqual(['annat.txt', 'e5.v8', 'e6.v8', 'e7.v8', 'e8.v8']);
    expect(readDiskValue(join(dir, 'e8.v8'), 'test')).toBe(8);
  });

  it('cachedBytes computes once per key, then reads; with no folder it computes every time', () => {
    const dir = join(tmp, 'bytes');
    let calls = 0;
    const make = (): Uint8Array => (calls++, new Uint8Array([1, 2, 3]));
    expect([...cachedBytes(dir, 'test', 'nyckel', make)]).toEqual([1, 2, 3]);
    expect([...cachedBytes(dir, 'test', 'nyckel', make)]).toEqual([1, 2, 3]);
    expect(calls).toBe(1);
    expect([...cachedBytes(dir, 'test', 'annan nyckel', make)]).toEqual([1, 2, 3]);
    expect(calls).toBe(2);
    cachedBytes(undefined, 'test', 'nyckel', make);
    expect(calls).toBe(3);
  });
});
