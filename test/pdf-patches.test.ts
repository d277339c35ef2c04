import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePdfSpeedups } from '../src/render/pdf/engine.js';
import { PATCHES } from '../src/render/pdf/patches.js';
import { useTagging } from '../src/render/pdf/tagging.js';
import { ROOT } from './support/project.js';

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
  it('lists the seven patch modules, each with the methods it replaces', () => {
    expect(PATCHES.map((p) => p.module).sort()).toEqual([
      'font-tables.ts',
      'line-runs.ts',
      'page-break-passes.ts',
      'shaping-cache.ts',
      'stream-writes.ts',
      'style-lookup.ts',
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
