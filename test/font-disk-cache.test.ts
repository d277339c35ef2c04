import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFolder } from '../src/util/cache-dir.js';
import { bundleCli } from './support/bundle.js';
import { encodeRuns, isStoredRuns, StoredRunIndex, type GlyphRun } from '../src/render/pdf/glyph-runs.js';

const ROOT = join(import.meta.dirname, '..');
const EXEMPEL = join(ROOT, 'test', 'fixtures', 'exempel');

/**
 * The shaped words on disk (src/render/pdf/font-disk-cache.ts), tested as a user meets them: the
 * bundled CLI (scripts/bundle.mjs, into .tmp/) in fresh processes, one cache folder per case.
 */
describe('the font cache on disk', () => {
  let tmp: string;
  let cli: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kr-typsnittscache-'));
    cli = bundleCli('bundle-typsnittscache');
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Builds one format of a report in a fresh process with this cache setting; returns its bytes. */
  const built = (root: string, id: string, format: string, cache: string, name: string): Buffer => {
    const out = join(tmp, name);
    const r = spawnSync(
      process.execPath,
      [cli, '--rot', root, 'build', id, '--format', format, '--out', out, '--tyst'],
      { encoding: 'utf8', env: { ...process.env, KOMMUNRAPPORT_CACHE: cache } },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    return readFileSync(join(out, id, `${id}.${format}`));
  };
  const pdf = (cache: string, name: string): Buffer => built(EXEMPEL, 'exempel-2025', 'pdf', cache, name);
  /** The cache's font files: path → size and mtime. */
  const files = (cache: string): Map<string, string> => {
    const m = new Map<string, string>();
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        const s = statSync(p);
        if (s.isDirectory()) walk(p);
        else m.set(p, `${s.size}@${s.mtimeMs}`);
      }
    };
    walk(cache);
    return m;
  };

  it('a cold cache, a warm one, a corrupt one and none give the same PDF bytes', () => {
    const none = pdf('0', 'utan');
    const cache = join(tmp, 'cache');
    const cold = pdf(cache, 'kall');
    const written = files(cache);
    // One file per bundled face the document used, named by the SHA-256 of the font file.
    expect(written.size).toBeGreaterThan(0);
    // …and the font's answers about characters beyond Latin-1 (src/validate/font-coverage.ts).
    for (const p of written.keys())
      expect(p).toMatch(
        /(typsnitt\/kommunrapport-[^/]*pdfkit-0\.19\.1[^/]*(\/delmängder)?|teckentäckning\/kommunrapport-[^/]*fontkit-2\.0\.4)\/[0-9a-f]{64}\.v8$/,
      );
    expect([...written.keys()].filter((p) => p.includes('/teckentäckning/'))).toHaveLength(1);
    // Each face's subset (src/render/pdf/subset-cache.ts): as many as the faces with shaped words.
    const subsets = [...written.keys()].filter((p) => p.includes('/delmängder/'));
    expect(subsets.length).toBeGreaterThan(0);
    expect(subsets.length).toBe(
      [...written.keys()].filter((p) => /\/typsnitt\/[^/]+\/[0-9a-f]{64}\.v8$/.test(p)).length,
    );
    expect(cold.equals(none)).toBe(true);

    // Warm: every word comes from the disk, so nothing new is shaped and nothing written.
    const warm = pdf(cache, 'varm');
    expect(warm.equals(none)).toBe(true);
    expect(files(cache)).toEqual(written);

    // Corrupt: one file cut short, one with a byte flipped, one not ours at all: each is ignored.
    const paths = [...written.keys()];
    paths.forEach((p, i) => {
      const b = readFileSync(p);
      if (i % 3 === 0) writeFileSync(p, b.subarray(0, b.length >> 1));
      else if (i % 3 === 1)
        writeFileSync(
          p,
          Buffer.concat([
            b.subarray(0, b.length - 9),
            Buffer.from([b[b.length - 9]! ^ 0xff]),
            b.subarray(b.length - 8),
          ]),
        );
      else writeFileSync(p, 'inte en cache');
    });
    const corrupt = pdf(cache, 'trasig');
    expect(corrupt.equals(none)).toBe(true);
    // …and written whole again by that build, which shaped the words anew.
    for (const p of paths) expect(readFileSync(p).length).toBe(Number(written.get(p)!.split('@')[0]));
    expect(pdf(cache, 'lagad').equals(none)).toBe(true);
  }, 180_000);

  it('a chart is drawn once: the Word document is the same with a cold, a warm and a corrupt cache', () => {
    const ekby = join(ROOT, 'test', 'fixtures', 'ekby');
    const docx = (cache: string, name: string): Buffer => built(ekby, 'ekby-vp-2027', 'docx', cache, name);
    const none = docx('0', 'diagram-utan');
    const cache = join(tmp, 'cache-diagram');
    expect(docx(cache, 'diagram-kall').equals(none)).toBe(true);
    const pngs = [...files(cache).keys()].filter((p) => p.includes('/diagram/'));
    // One PNG per chart of the report, in a folder named by resvg's version.
    expect(pngs.length).toBeGreaterThan(0);
    for (const p of pngs) expect(p).toMatch(/diagram\/kommunrapport-[^/]*_resvg-2\.6\.2\/[0-9a-f]{64}\.v8$/);
    const written = files(cache);
    expect(docx(cache, 'diagram-varm').equals(none)).toBe(true);
    expect(files(cache)).toEqual(written);
    for (const p of pngs) writeFileSync(p, 'inte en cache');
    expect(docx(cache, 'diagram-trasig').equals(none)).toBe(true);
  }, 120_000);

  it('a character the font lacks is warned about with a cold, a warm and a corrupt cache alike', () => {
    const root = join(tmp, 'emoji');
    cpSync(EXEMPEL, root, { recursive: true });
    const md = join(root, 'content', 'exempel-2025', '01-inledning.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('inför 2025.', 'inför 2025 🎉 – med ≥ 3 ½.'));
    const cache = join(tmp, 'cache-emoji');
    const warnings = (): string[] => {
      const r = spawnSync(process.execPath, [cli, '--rot', root, 'check', 'exempel-2025'], {
        encoding: 'utf8',
        env: { ...process.env, KOMMUNRAPPORT_CACHE: cache },
      });
      return (r.stdout + r.stderr).split('\n').filter((l) => l.includes('PDF:ens typsnitt'));
    };
    const cold = warnings();
    expect(cold).toHaveLength(1);
    expect(cold[0]).toMatch(/01-inledning\.md:\d+:\d+.*"🎉" \(U\+1F389\)/);
    const [stored] = [...files(cache).keys()].filter((p) => p.includes('/teckentäckning/'));
    expect(stored).toBeDefined();
    expect(warnings()).toEqual(cold);
    writeFileSync(stored!, 'inte en cache');
    expect(warnings()).toEqual(cold);
  }, 120_000);

  it('a cache folder that cannot be made is no error, and KOMMUNRAPPORT_CACHE=0 writes nothing', () => {
    const blocked = join(tmp, 'en-fil');
    writeFileSync(blocked, 'ingen katalog');
    const none = pdf('0', 'utan2');
    expect(pdf(join(blocked, 'cache'), 'blockerad').equals(none)).toBe(true);
    const off = join(tmp, 'av');
    mkdirSync(off);
    // With caching off the folder named by HOME's .cache is not used either.
    const r = spawnSync(
      process.execPath,
      [cli, '--rot', EXEMPEL, 'build', 'exempel-2025', '--format', 'pdf', '--out', join(tmp, 'av-ut'), '--tyst'],
      { encoding: 'utf8', env: { ...process.env, KOMMUNRAPPORT_CACHE: '0', HOME: off, XDG_CACHE_HOME: '' } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(off)).toEqual([]);
  }, 180_000);
});

describe('where the cache lives', () => {
  it('KOMMUNRAPPORT_CACHE, then XDG_CACHE_HOME, then ~/.cache; 0 turns it off', () => {
    expect(cacheFolder({ KOMMUNRAPPORT_CACHE: '/var/tmp/kr', XDG_CACHE_HOME: '/x' })).toBe('/var/tmp/kr');
    expect(cacheFolder({ KOMMUNRAPPORT_CACHE: '0', XDG_CACHE_HOME: '/x' })).toBeUndefined();
    expect(cacheFolder({ XDG_CACHE_HOME: '/x' })).toBe('/x/kommunrapport');
    // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
    expect(cacheFolder({ XDG_CACHE_HOME: 'rel', HOME: '/home/anna' })).toMatch(/\.cache\/kommunrapport$/);
  });
});

describe('shaped words in compact form', () => {
  const run = (ids: number[], x: number[], extra: Partial<GlyphRun['positions'][number]> = {}): GlyphRun => ({
    glyphs: ids.map((id) => ({ id, codePoints: [id + 60], advanceWidth: id * 10 })),
    positions: ids.map((id, i) => ({
      xAdvance: x[i]!,
      yAdvance: 0,
      xOffset: 0,
      yOffset: 0,
      advanceWidth: id * 4.8828125,
      ...(i === 0 ? extra : {}),
    })),
    advanceWidth: x.reduce((a, b) => a + b, 0),
  });

  it('gives back every run exactly, -0 and offsets included', () => {
    const runs: [string, GlyphRun][] = [
      ['Budget ', run([37, 88, 71], [585.9375, 561.5234375, -0])],
      ['år', run([5, 72], [0.1 + 0.2, 1e-300], { yAdvance: -0, xOffset: 12.5, yOffset: -3 })],
      ['', run([], [])],
      [
        'fi',
        {
          glyphs: [{ id: 999, codePoints: [102, 105], advanceWidth: 555 }],
          positions: [{ xAdvance: 541.9921875, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 541.9921875 }],
          advanceWidth: 541.9921875,
        },
      ],
    ];
    const stored = encodeRuns(runs, '[\\u{394}\\u{2206}]');
    expect(isStoredRuns(stored)).toBe(true);
    // Distinct glyphs once: 37, 88, 71, 5, 72, 999.
    expect(stored.glyphs).toHaveLength(6);
    const index = new StoredRunIndex(stored);
    for (const [word, r] of runs) {
      const back = index.run(word)!;
      expect(back).toEqual(r);
      back.positions.forEach((p, i) => {
        for (const k of ['xAdvance', 'yAdvance', 'xOffset', 'yOffset', 'advanceWidth'] as const)
          expect(Object.is(p[k], r.positions[i]![k]), `${word} ${i} ${k}`).toBe(true);
      });
    }
    expect(index.run('saknas')).toBeUndefined();
  });

  it('rejects a stored value that does not hold together', () => {
    const good = encodeRuns([['a', run([1, 2], [1, 2])]], null);
    expect(isStoredRuns(good)).toBe(true);
    expect(isStoredRuns({ ...good, format: 2 })).toBe(false);
    expect(isStoredRuns({ ...good, refs: Uint32Array.from([0, 7]) })).toBe(false);
    expect(isStoredRuns({ ...good, counts: Uint32Array.from([3]) })).toBe(false);
    expect(isStoredRuns({ ...good, x: new Float64Array(1) })).toBe(false);
    expect(isStoredRuns({ ...good, words: [3] })).toBe(false);
    expect(isStoredRuns(null)).toBe(false);
    expect(isStoredRuns('inte en cache')).toBe(false);
  });
});
