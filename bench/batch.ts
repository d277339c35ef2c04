/**
 * The batch build as a user runs it: the compiled CLI, `kommunrapport build --jobb N`, over every
 * report of the synthetic municipality, writing to a scratch folder. The figures are the wall
 * time seen from here and what the CLI reports of itself (per report, CPU time, peak memory).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './synthetic.js';

export interface BatchReport {
  id: string;
  ms: number;
}

export interface BatchResult {
  workers: number;
  /** Start of the CLI process to its exit: module loading and every write included. */
  wallMs: number;
  reports: BatchReport[];
  /** CPU time (user + system) of the CLI process, every thread, as it reports it. */
  cpuMs: number;
  /** Peak resident memory of the CLI process, all threads. */
  rssMb: number;
}

/** The bundled CLI, as package.json's bin names it (npm run compile makes it). */
export const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');

const num = (s: string): number => Number(s.replace(/\s/g, '').replace(',', '.'));

export function runBatch(root: string, ids: readonly string[], workers: number): Promise<BatchResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} saknas: kör npm run compile först (npm run bench gör det)`);
  const out = mkdtempSync(join(tmpdir(), 'kommunrapport-batch-ut-'));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [CLI, '--rot', root, 'build', ...ids, '--jobb', String(workers), '--out', out],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      rmSync(out, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`kommunrapport build avslutades med kod ${code}:\n${stderr || stdout}`));
      const reports = [...stdout.matchAll(/^(\S+): skrev .* \((\d+) ms\)$/gm)].map((m) => ({
        id: m[1]!,
        ms: Number(m[2]),
      }));
      const klart = /processortid ([\d,\s]+) s, högst (\d+) MB minne/.exec(stdout);
      if (reports.length !== ids.length || !klart)
        return reject(new Error(`oväntad utskrift från kommunrapport build:\n${stdout}`));
      resolve({ workers, wallMs, reports, cpuMs: num(klart[1]!) * 1000, rssMb: Number(klart[2]) });
    });
  });
}
