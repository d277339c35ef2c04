import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_REPORTS, ROOT, scratchProject } from './support/project.js';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const KOMMANDON = ['validate', 'check', 'build', 'init', 'ny', 'paket', 'watch'] as const;

/** Splits a shell line into words, with "…" quoting and a final `> fil` redirection. */
function ord(rad: string): { args: string[]; till?: string } {
  const m = /^(.*?)\s*>\s*(\S+)\s*$/.exec(rad);
  const del = m ? m[1]! : rad;
  const args = [...del.matchAll(/"([^"]*)"|(\S+)/g)].map((x) => x[1] ?? x[2]!);
  return { args, ...(m ? { till: m[2]! } : {}) };
}

/** The examples a command's --help prints, after "Exempel:". */
function hjälpexempel(kommando: string): string[] {
  const r = spawnSync(TSX, [MAIN, kommando, '--help'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const efter = r.stdout.split('Exempel:')[1];
  expect(efter, `${kommando} --help har inga exempel`).toBeDefined();
  return efter!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('kommunrapport '))
    .map((l) => l.slice('kommunrapport '.length));
}

/** The README's runnable examples: `npx kommunrapport …` lines in ```sh blocks, without placeholders. */
function readmeexempel(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return block
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npx kommunrapport ') && !/[<[…]/.test(l))
    .map((l) => l.slice('npx kommunrapport '.length));
}

/** Exit codes the help promises for examples over reports with known findings (the bundled publications' slips). */
const VÄNTAD_KOD: Record<string, number> = {
  // `check` over every report: the bundled publications hold their published inconsistencies.
  check: 1,
};

describe('every example in --help and in the README runs as written', () => {
  const p = scratchProject(ALL_REPORTS);
  const kör = (rad: string): { status: number | null; stdout: string; stderr: string } => {
    const { args, till } = ord(rad);
    const r = spawnSync(TSX, [MAIN, '--rot', p.root, ...args], { encoding: 'utf8', timeout: 300_000, cwd: p.root });
    if (till) expect(r.stdout.length, rad).toBeGreaterThan(0);
    return r;
  };

  it.each(KOMMANDON.filter((k) => k !== 'watch'))('%s --help', (kommando) => {
    const exempel = hjälpexempel(kommando);
    expect(exempel.length).toBeGreaterThan(0);
    for (const rad of exempel) {
      const r = kör(rad);
      expect(r.status, `kommunrapport ${rad}\n${r.stderr.slice(0, 2000)}`).toBe(VÄNTAD_KOD[rad] ?? 0);
      if (rad.includes('--format json')) expect(JSON.parse(r.stdout).schema).toBe('kommunrapport/kontroll@1');
    }
    if (kommando === 'init') expect(existsSync(join(p.data, 'ekby-budget-2026', 'rapport.yaml'))).toBe(true);
  });

  it('watch --help: the example builds once and keeps watching', async () => {
    const [rad] = hjälpexempel('watch');
    const { args } = ord(rad!);
    const child = spawn(TSX, [MAIN, '--rot', p.root, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ut = '';
    const klar = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 120_000);
      child.stdout.on('data', (b: Buffer) => {
        ut += b.toString();
        if (ut.includes('Bevakar ')) {
          clearTimeout(t);
          resolve(true);
        }
      });
    });
    child.kill('SIGTERM');
    expect(klar, ut).toBe(true);
  });

  it('the README', () => {
    const exempel = readmeexempel();
    expect(exempel).toContain(
      'init ekby-budget-2026 --typ budgetförslag --kommun "Ekby kommun" --nämnd "Kultur- och fritidsnämnden" --år 2026',
    );
    // A fresh project: the README's init must not meet the --help example's report.
    const q = scratchProject([]);
    cpSync(join(p.data, 'profiler'), join(q.data, 'profiler'), { recursive: true });
    for (const rad of exempel) {
      const { args } = ord(rad);
      const r = spawnSync(TSX, [MAIN, '--rot', q.root, ...args], { encoding: 'utf8', timeout: 300_000, cwd: q.root });
      expect(r.status, `npx kommunrapport ${rad}\n${r.stderr.slice(0, 2000)}`).toBe(0);
    }
  });
});
