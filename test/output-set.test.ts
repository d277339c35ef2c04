import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureOutputDir,
  OutputError,
  outputSetNames,
  recoverOutputSet,
  writeOutputSet,
} from '../src/write/output-set.js';
import { ROOT, scratchFixture } from './support/project.js';

const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const ID = 'exempel-2025';

type FileSet = Record<string, string>;
/** A folder's files as name → content (hex), or undefined when it is absent. */
function readSet(dir: string): FileSet | undefined {
  if (!existsSync(dir)) return undefined;
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [n, readFileSync(join(dir, n)).toString('hex')]),
  );
}
const leftovers = (out: string): string[] => (existsSync(out) ? readdirSync(out).filter((n) => n.startsWith('.')) : []);

describe('writeOutputSet: a report’s files replaced as one set', () => {
  const fresh = (): string => mkdtempSync(join(tmpdir(), 'kommunrapport-ut-'));

  it('replaces the whole set, carries over files of other formats, and leaves nothing beside it', () => {
    const out = fresh();
    writeOutputSet(out, 'r', [
      { namn: 'r.html', data: 'a' },
      { namn: 'r.pdf', data: 'p1' },
    ]);
    writeOutputSet(out, 'r', [{ namn: 'r.html', data: 'b' }], { keepOthers: true });
    expect(readSet(join(out, 'r'))).toEqual({
      'r.html': Buffer.from('b').toString('hex'),
      'r.pdf': Buffer.from('p1').toString('hex'),
    });
    writeOutputSet(out, 'r', [{ namn: 'r.html', data: 'c' }]);
    expect(Object.keys(readSet(join(out, 'r'))!)).toEqual(['r.html']);
    expect(leftovers(out)).toEqual([]);
  });

  it('a 250-character id fits: the staging names do not grow with the id', () => {
    const out = fresh();
    const id = `r${'a'.repeat(249)}`;
    writeOutputSet(out, id, [{ namn: `${id}.html`, data: 'x' }]);
    writeOutputSet(out, id, [{ namn: `${id}.html`, data: 'y' }]);
    expect(readFileSync(join(out, id, `${id}.html`), 'utf8')).toBe('y');
    expect(leftovers(out)).toEqual([]);
  });

  it('the next write restores a set-aside previous set and removes staging folders and old .tmp files', () => {
    const out = fresh();
    writeOutputSet(out, 'r', [{ namn: 'r.html', data: 'old' }]);
    // The state a kill between the two renames leaves: the old set aside, the new one staged.
    const names = readdirSync(out);
    expect(names).toEqual(['r']);
    const aside = join(out, readdirSync(out)[0]!);
    const { setAside, stagingPrefix } = outputSetNames;
    renameSync(aside, setAside(out, 'r'));
    mkdirSync(join(out, `${stagingPrefix('r')}99999`));
    writeFileSync(join(out, `${stagingPrefix('r')}99999`, 'r.html'), 'half');
    recoverOutputSet(out, 'r');
    expect(readFileSync(join(out, 'r', 'r.html'), 'utf8')).toBe('old');
    expect(leftovers(out)).toEqual([]);
    writeFileSync(join(out, 'r', '.r.pdf.1234.tmp'), 'x');
    writeOutputSet(out, 'r', [{ namn: 'r.html', data: 'new' }], { keepOthers: true });
    expect(readdirSync(join(out, 'r'))).toEqual(['r.html']);
  });

  it('a place that cannot hold files is a Swedish error at once', () => {
    for (const bad of ['/proc/self', '/dev/null', '/dev/null/x', '/sys/kernel']) {
      const t = performance.now();
      expect(() => ensureOutputDir(bad), bad).toThrow(OutputError);
      expect(performance.now() - t).toBeLessThan(1000);
    }
    const file = join(fresh(), 'fil');
    writeFileSync(file, 'x');
    expect(() => ensureOutputDir(join(file, 'ut'))).toThrow(/är en fil, inte en mapp/);
  });
});

/** Runs the real CLI build; resolves when it ends or is killed. */
function build(
  root: string,
  opts: { killAfterMs?: number; pauseAt?: string } = {},
): Promise<{ status: number | null; signal: string | null; err: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...(opts.pauseAt ? { KOMMUNRAPPORT_TESTPAUS: opts.pauseAt } : {}) };
    // node with tsx's loader, one process: tsx's own CLI would leave a child running after SIGKILL.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, '--rot', root, 'build', ID, '--format', 'html,xlsx'],
      { env, cwd: ROOT },
    );
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      if (opts.pauseAt && err.includes(`testpaus: ${opts.pauseAt}`)) child.kill('SIGKILL');
    });
    child.stdout.resume();
    const timer =
      opts.killAfterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs) : undefined;
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, signal, err });
    });
  });
}

describe('a killed build leaves the complete previous set or the complete new one', () => {
  it('at random moments, during the swap, and the next build cleans up', async () => {
    const p = scratchFixture();
    const out = join(p.root, 'out');
    const target = join(out, ID);
    const chapter = join(p.content, ID, '01-inledning.md');
    const original = readFileSync(chapter, 'utf8');
    const version = (v: 'A' | 'B'): void => writeFileSync(chapter, `${original}\nVersion ${v} av texten.\n`);

    version('A');
    const t0 = performance.now();
    expect((await build(p.root)).status).toBe(0);
    const duration = performance.now() - t0;
    const setA = readSet(target)!;
    version('B');
    expect((await build(p.root)).status).toBe(0);
    const setB = readSet(target)!;
    expect(setA).not.toEqual(setB);
    expect(Object.keys(setA).sort()).toEqual(['exempel-2025.html', 'exempel-2025.xlsx', 'kontroll.json']);

    const complete = (s: FileSet | undefined): boolean =>
      s !== undefined && (JSON.stringify(s) === JSON.stringify(setA) || JSON.stringify(s) === JSON.stringify(setB));
    const setAside = (): FileSet | undefined => {
      const aside = leftovers(out).find((n) => n.endsWith('.gammal'));
      return aside ? readSet(join(out, aside)) : undefined;
    };

    // Kills at random moments across a build's whole duration.
    for (let i = 0; i < 6; i++) {
      version(i % 2 ? 'B' : 'A');
      const at = Math.round(Math.random() * duration * 1.1);
      await build(p.root, { killAfterMs: at });
      const now = readSet(target);
      expect(complete(now) || (now === undefined && complete(setAside())), `killed after ${at} ms`).toBe(true);
    }

    // Between the two renames: the report's folder is gone for a moment, the previous set is complete aside.
    version('A');
    expect((await build(p.root)).status).toBe(0);
    version('B');
    const killed = await build(p.root, { pauseAt: 'mitt-i-byte' });
    expect(killed.signal).toBe('SIGKILL');
    expect(readSet(target)).toBeUndefined();
    expect(setAside()).toEqual(setA);
    expect(leftovers(out).some((n) => n.includes('.ny-'))).toBe(true);

    // The next build puts the previous set back first, then replaces it, and leaves nothing behind.
    expect((await build(p.root)).status).toBe(0);
    expect(readSet(target)).toEqual(setB);
    expect(leftovers(out)).toEqual([]);

    // Staged but not yet swapped in: the previous set stays; the staging folder is removed next time.
    version('A');
    await build(p.root, { pauseAt: 'före-byte' });
    expect(readSet(target)).toEqual(setB);
    expect(leftovers(out).length).toBe(1);
    expect((await build(p.root)).status).toBe(0);
    expect(readSet(target)).toEqual(setA);
    expect(leftovers(out)).toEqual([]);
  });
});
