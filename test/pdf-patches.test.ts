import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutPdf, usePdfSpeedups } from '../src/render/pdf/engine.js';
import { sharedTables, useSharedFontTables } from '../src/render/pdf/font-tables.js';
import { cachedWords, useSharedShaping } from '../src/render/pdf/shaping-cache.js';
import { fontBytes } from '../src/util/fonts.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { PATCHES } from '../src/render/pdf/patches.js';
import { useTagging } from '../src/render/pdf/tagging.js';
import { useMeasureReuse } from '../src/render/pdf/measure-reuse.js';
import { useStreamedLayout } from '../src/render/pdf/page-break-passes.js';
import { ROOT } from './support/project.js';
import { countCalls } from './support/count-calls.js';

/** The package.json of each library as the PDF engine loads it: pdfkit from pdfmake, fontkit from pdfkit. */
function installedVersions(): Record<string, string> {
  const fromRoot = createRequire(join(ROOT, 'package.json'));
  const pdfmake = fromRoot.resolve('pdfmake/package.json');
  const pdfkit = createRequire(pdfmake).resolve('pdfkit/package.json');
  // fontkit's exports do not include its package.json: walk up from its entry point.
  let fontkit = dirname(createRequire(pdfkit).resolve('fontkit'));
  while (!existsSync(join(fontkit, 'package.json'))) fontkit = dirname(fontkit);
  fontkit = join(fontkit, 'package.json');
  const version = (p: string) => (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
  expect(dirname(pdfkit)).toContain('node_modules');
  return { pdfmake: version(pdfmake), pdfkit: version(pdfkit), fontkit: version(fontkit) };
}

describe('patches to pdfmake, pdfkit and fontkit (src/render/pdf/patches.ts)', () => {
  it('lists the nine patch modules, each with the methods it replaces', () => {
    expect(PATCHES.map((p) => p.module).sort()).toEqual([
      'font-tables.ts',
      'line-runs.ts',
      'measure-reuse.ts',
      'page-break-passes.ts',
      'shaping-cache.ts',
      'stream-writes.ts',
      'style-lookup.ts',
      'subset-cache.ts',
      'tagging.ts',
    ]);
    for (const p of PATCHES) {
      expect(p.methods.length, p.module).toBeGreaterThan(0);
      // Each module's header names its library, version and methods, as the table does.
      const head = readFileSync(join(ROOT, 'src/render/pdf', p.module), 'utf8')
        .split('\n', 3)
        .join(' ');
      expect(head, p.module).toContain(`${p.library} ${p.version}`);
      for (const m of p.methods) expect(head, p.module).toContain(m);
    }
  });

  it.each(PATCHES.map((p) => [p.module, p] as const))('%s is installed once the PDF engine has loaded', (_, p) => {
    expect(p.installed()).toBe(true);
  });

  it('runs on exactly the library versions the patches were written for, pinned in package.json', () => {
    const installed = installedVersions();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      overrides: Record<string, string>;
    };
    for (const p of PATCHES) {
      expect(installed[p.library], `${p.module}: ${p.library}`).toBe(p.version);
      expect(pkg.dependencies[p.library] ?? pkg.overrides[p.library], p.library).toBe(p.version);
    }
  });

  it('notices a hook that is not installed (switched off, then on again)', () => {
    try {
      usePdfSpeedups(false);
      expect(useTagging(false)).toBe(true);
      expect(PATCHES.filter((p) => p.installed()).map((p) => p.module)).toEqual([]);
    } finally {
      usePdfSpeedups(true);
      useTagging(true);
    }
    expect(PATCHES.filter((p) => !p.installed()).map((p) => p.module)).toEqual([]);
  });
});

/**
 * A copy of the bundled Roboto with every advance width 300 units wider: same internal names and
 * the same table directory (checksums are left as they were), different bytes.
 */
function widerRoboto(): Buffer {
  const b = Buffer.from(fontBytes('normal'));
  const tables = b.readUInt16BE(4);
  const find = (tag: string): number => {
    for (let i = 0; i < tables; i++) if (b.toString('latin1', 12 + 16 * i, 16 + 16 * i) === tag) return 12 + 16 * i;
    throw new Error(`${tag} saknas`);
  };
  const hmtx = b.readUInt32BE(find('hmtx') + 8);
  const metrics = b.readUInt16BE(b.readUInt32BE(find('hhea') + 8) + 34);
  for (let g = 0; g < metrics; g++) b.writeUInt16BE(Math.min(0xffff, b.readUInt16BE(hmtx + 4 * g) + 300), hmtx + 4 * g);
  return b;
}

describe('font caches keyed by the SHA-256 of the font file (shaping-cache.ts, font-tables.ts)', () => {
  it('never give a different file with the same internal name what was cached for the bundled font', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-typsnitt-'));
    const kopia = join(dir, 'Roboto-bred.ttf');
    const wider = widerRoboto();
    writeFileSync(kopia, wider);
    const text = 'Nämndens budget för verksamhetsåret ökar med 12,5 mnkr jämfört med föregående år.';
    const doc = (font?: string): TDocumentDefinitions & Parameters<typeof layoutPdf>[0] => ({
      content: [{ text, font }],
      info: { title: 'Typsnittsprov', creationDate: new Date(0) },
      ...(font ? { profilTypsnitt: { familj: font, normal: kopia, fet: kopia, kursiv: kopia, fetkursiv: kopia } } : {}),
    });
    // The bundled font shapes the words first, so a cache keyed by name would hold them.
    await layoutPdf(doc());
    // Found by its bytes: a fresh copy of the bundled file has the cached words and shared tables.
    expect(cachedWords(Buffer.from(fontBytes('normal')))).toBeGreaterThan(10);
    expect(sharedTables(Buffer.from(fontBytes('normal')))).toBeGreaterThan(5);
    const shared = await layoutPdf(doc('Bred'));
    let own: Buffer;
    try {
      useSharedShaping(false);
      useSharedFontTables(false);
      own = await layoutPdf(doc('Bred'));
    } finally {
      useSharedShaping(true);
      useSharedFontTables(true);
    }
    expect(shared.equals(own)).toBe(true);
    expect(cachedWords(wider)).toBe(0);
    expect(sharedTables(wider)).toBe(0);
    // The copy really lays out differently: its PDF differs from the bundled font's beyond the font name.
    expect(shared.length).not.toBe((await layoutPdf(doc())).length);
  });
});

describe('text measured once per document (measure-reuse.ts)', () => {
  /** Paragraphs, then a heading the hook moves once: pdfmake lays the document out twice. */
  const definition = (): TDocumentDefinitions => ({
    content: [
      ...Array.from({ length: 40 }, (_, i) => ({ text: `Stycke ${i + 1}: budgeten för verksamheten ${i * 7} tkr.` })),
      { text: 'Rubriken som flyttas', headlineLevel: 1, id: 'rubrik' },
      { text: ['Se sidan ', { pageReference: 'rubrik' }, '.'] },
    ],
    pageBreakBefore: (node: { headlineLevel?: number; pageNumbers: number[] }) =>
      node.headlineLevel === 1 && node.pageNumbers[0] === 1,
  });
  /** Calls of pdfmake's word splitting and measuring while one document is laid out. */
  async function measured(reuse: boolean): Promise<{ calls: number; bytes: Buffer }> {
    useMeasureReuse(reuse);
    // In rounds, as pdfmake lays out a document it cannot stream (page-break-passes.ts).
    useStreamedLayout(false);
    try {
      const { result, count } = await countCalls('TextInlines.js', 'buildInlines', () =>
        layoutPdf({ ...definition(), info: { creationDate: new Date(0) } } as never),
      );
      return { calls: count, bytes: result };
    } finally {
      useMeasureReuse(true);
      useStreamedLayout(true);
    }
  }

  it('measures each text node once over both layouts, and gives the same bytes as measuring anew', async () => {
    const off = await measured(false);
    const on = await measured(true);
    // 42 text nodes, each measured in both layouts without reuse; with it, once, but for the
    // paragraph holding a page reference, measured anew (its number is set after layout).
    expect(off.calls).toBe(2 * 42);
    expect(on.calls).toBe(42 + 1);
    expect(on.bytes.equals(off.bytes)).toBe(true);
  });
});
