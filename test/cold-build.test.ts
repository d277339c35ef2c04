import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashedId } from 'docx';
import { bundleCli } from './support/bundle.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * The bundled CLI (scripts/bundle.mjs) as `npm run build` leaves it: it finds the project's
 * templates, lexicon and fonts from its own folder, `--help` loads no renderer, and one report
 * built with its PDF on a second thread (runner/pdf-thread.ts) gives the same bytes as on one.
 */
describe('the bundled CLI', () => {
  let tmp: string;
  let cli: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'kr-kallstart-'));
    cli = bundleCli('bundle-kallstart');
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const run = (args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KOMMUNRAPPORT_CACHE: join(tmp, 'cache'), KOMMUNRAPPORT_PDF_TRAD: '1' },
    });

  it('builds a report with its PDF on a second thread, to the same bytes as on one thread', () => {
    const beside = run(['build', 'norrvik-tertial-2026', '--out', join(tmp, 'två'), '--tyst']);
    expect(beside.status, beside.stderr).toBe(0);
    // KOMMUNRAPPORT_PDF_TRAD=1: the PDF has its own thread whatever the load.
    expect(beside.stdout).toMatch(/\(2 trådar, en för PDF:en, processortid/);
    const one = run(['build', 'norrvik-tertial-2026', '--out', join(tmp, 'en'), '--jobb', '1', '--tyst']);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/\(1 tråd, processortid/);
    const files = readdirSync(join(tmp, 'en', 'norrvik-tertial-2026')).sort();
    expect(files).toEqual([
      'kontroll.json',
      'norrvik-tertial-2026.docx',
      'norrvik-tertial-2026.html',
      'norrvik-tertial-2026.pdf',
      'norrvik-tertial-2026.xlsx',
    ]);
    for (const f of files)
      expect(
        readFileSync(join(tmp, 'två', 'norrvik-tertial-2026', f)).equals(
          readFileSync(join(tmp, 'en', 'norrvik-tertial-2026', f)),
        ),
        f,
      ).toBe(true);
  }, 180_000);

  it('a report with errors fails on the PDF thread path as on one thread, and writes nothing', () => {
    const r = run([
      '--rot',
      join(ROOT, 'test', 'fixtures', 'exempel'),
      'build',
      'finns-inte',
      '--out',
      join(tmp, 'fel'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('finns-inte');
    expect(existsSync(join(tmp, 'fel', 'finns-inte'))).toBe(false);
  }, 60_000);

  it('--help loads no renderer: the renderers are only in chunks main.js imports when a command runs', () => {
    const dir = dirname(cli);
    /** main.js and every chunk it imports statically, transitively. */
    const closure = new Set<string>();
    const visit = (f: string): void => {
      if (closure.has(f)) return;
      closure.add(f);
      const text = readFileSync(join(dir, f), 'utf8');
      // Static imports, minified or not: `import{a}from"./chunk-X.js";` or `import "./chunk-X.js";`.
      for (const m of text.matchAll(/(?:^|;)\s*import\s*(?:[^"';()]*?from\s*)?"\.\/([^"]+)"/gm)) visit(m[1]!);
    };
    visit('main.js');
    // The walk reads the bundle's imports: main.js imports shared chunks (commander's, the version's).
    expect(closure.size).toBeGreaterThan(2);
    const eager = [...closure].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const all = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const renderer of ['function renderPdf(', 'function renderXlsx(', 'function renderDocx(']) {
      expect(all, renderer).toContain(renderer);
      expect(eager, renderer).not.toContain(renderer);
    }
    const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Användning: kommunrapport');
  }, 60_000);

  it('bundles exceljs without its CSV module and docx with its faster helpers, to the golden bytes', () => {
    const dir = dirname(cli);
    const all = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    // scripts/bundle.mjs puts a stub where exceljs's workbook requires its CSV reader and writer…
    expect(all).toContain('stub:exceljs-csv');
    expect(all).not.toMatch(/node_modules\/(@fast-csv|fast-csv|dayjs)\//);
    // …which is only right while exceljs's workbook requires it under that name (exceljs is pinned).
    const workbook = readFileSync(join(ROOT, 'node_modules', 'exceljs', 'lib', 'doc', 'workbook.js'), 'utf8');
    expect(workbook).toContain("require('../csv/csv')");
    // docx's picture keys from node:crypto's SHA-1 (the same hex as docx's own, for bytes, text
    // and an ArrayBuffer), its spread helper without closures.
    for (const data of [new Uint8Array([0, 1, 2, 255]), 'åäö', new ArrayBuffer(70_000)])
      expect(
        createHash('sha1')
          .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : new Uint8Array(data))
          .digest('hex'),
      ).toBe(hashedId(data));
    expect(all).toContain('createHash("sha1")');
    expect(all).toContain('function spreadInto(');
    const r = run(['build', 'ks-internbudget-2024', '--format', 'xlsx,docx', '--out', join(tmp, 'xlsx'), '--tyst']);
    expect(r.status, r.stderr).toBe(0);
    const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'utdata-sha256.json'), 'utf8')) as Record<
      string,
      string
    >;
    const bytes = readFileSync(join(tmp, 'xlsx', 'ks-internbudget-2024', 'ks-internbudget-2024.xlsx'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      golden['ks-internbudget-2024/ks-internbudget-2024.xlsx'],
    );
  }, 120_000);
});
