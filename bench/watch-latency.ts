/**
 * `npx tsx bench/watch-latency.ts [--edits 20] [--json] [--jämför annan/dist/src/cli/main.js]`: how long a writer waits in `watch`,
 * from saving a file to the new HTML on disk. It starts the real CLI (the compiled one that
 * package.json's `bin` names, or the TypeScript sources with --källkod) on a temporary copy of
 * ks-internbudget-2024, changes one word of a chapter per edit and waits until the HTML has that
 * word. The latency is the saved file's mtime → the new HTML file's mtime (the HTML is written in
 * a staging folder that is renamed into place, so it is on disk as a whole from then). Each edit
 * waits for the previous one's PDF, Excel and Word, so every edit is a fresh rebuild.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ms, runIfScript } from './stats.js';
import { REPO_ROOT } from './synthetic.js';

const REPORT = 'ks-internbudget-2024';

export interface WatchLatency {
  edits: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

/** The p-quantile by nearest rank. */
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

/** A word made of letters only, so it never reads as a figure to the checks. */
const word = (n: number): string =>
  `provord${[...n.toString(26).padStart(3, '0')].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('')}`;

/** The command that runs the CLI: the compiled bin, or the sources through tsx. */
function cliCommand(source: boolean, cli?: string): string[] {
  if (cli) return [cli];
  if (!source) {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = join(REPO_ROOT, pkg.bin.kommunrapport!);
    if (existsSync(bin)) return [bin];
    console.error(`${bin} saknas (kör npm run compile); kör källkoden med tsx i stället`);
  }
  return ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts')];
}

export async function measureWatchLatency(opts: {
  edits: number;
  source?: boolean;
  /** Another compiled CLI's main.js, e.g. an older version's, for an A/B comparison. */
  cli?: string;
}): Promise<WatchLatency> {
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-watchlat-'));
  let child: ChildProcess | undefined;
  try {
    cpSync(join(REPO_ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    cpSync(join(REPO_ROOT, 'data', 'profiler'), join(root, 'data', 'profiler'), { recursive: true });
    cpSync(join(REPO_ROOT, 'data', REPORT), join(root, 'data', REPORT), { recursive: true });
    cpSync(join(REPO_ROOT, 'content', REPORT), join(root, 'content', REPORT), { recursive: true });
    const chapter = join(root, 'content', REPORT, '04-planeringsforutsattningar.md');
    const html = join(root, 'out', REPORT, `${REPORT}.html`);
    const original = readFileSync(chapter, 'utf8');
    const lines = original.split('\n');
    const para = lines.findIndex((l) => /^[A-ZÅÄÖ]/.test(l));

    const c = spawn(process.execPath, [...cliCommand(opts.source ?? false, opts.cli), '--rot', root, 'watch', REPORT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let log = '';
    c.stdout.on('data', (b: Buffer) => (log += b.toString()));
    c.stderr.on('data', (b: Buffer) => (log += b.toString()));
    const waitFor = async (re: RegExp, from: number, what: string, limit = 120_000): Promise<number> => {
      const t = Date.now();
      for (;;) {
        const m = re.exec(log.slice(from));
        if (m) return from + m.index + m[0].length;
        if (c.exitCode !== null) throw new Error(`watch avslutades (kod ${c.exitCode}):\n${log}`);
        if (Date.now() - t > limit) throw new Error(`väntade på ${what}; fick:\n${log}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    let at = await waitFor(/Bevakar /, 0, 'att watch startar');
    at = Math.max(at, await waitFor(/\[start\] pdf, xlsx och docx klara/, 0, 'första bygget'));

    const samples: number[] = [];
    for (let i = 0; i < opts.edits; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const w = word(i);
      const copy = [...lines];
      copy[para] = `${copy[para]} ${w}`;
      writeFileSync(chapter, copy.join('\n'));
      const saved = statSync(chapter).mtimeMs;
      // Poll the finished file; a read that finds the word means the set with it is in place.
      const t = Date.now();
      for (;;) {
        let text = '';
        try {
          text = readFileSync(html, 'utf8');
        } catch {
          // between the set aside and the rename: not there for an instant
        }
        if (text.includes(w)) break;
        if (Date.now() - t > 60_000) throw new Error(`HTML fick aldrig ordet ${w}:\n${log.slice(at)}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      samples.push(statSync(html).mtimeMs - saved);
      if (process.env.WATCH_LATENCY_LOG)
        process.stderr.write(`${Math.round(samples.at(-1)!)} ms; ${log.slice(at).trim()}\n`);
      at = await waitFor(/pdf, xlsx och docx (klara|hoppas över)[^\n]*\n/, at, 'pdf, xlsx och docx');
    }
    return {
      edits: opts.edits,
      medianMs: quantile(samples, 0.5),
      p90Ms: quantile(samples, 0.9),
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
      samplesMs: samples,
    };
  } finally {
    child?.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      edits: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      källkod: { type: 'boolean', default: false },
      cli: { type: 'string' },
      jämför: { type: 'string' },
    },
  });
  const edits = Number(values.edits);
  if (!Number.isInteger(edits) || edits < 1) {
    console.error(`fel: --edits ska vara ett heltal ≥ 1, fick "${values.edits}"`);
    process.exit(2);
  }
  const show = (r: WatchLatency, what: string): void =>
    console.log(
      `watch, ${REPORT}${what}: sparad fil → ny HTML på disk, ${r.edits} ändringar: median ${ms(r.medianMs)}, p90 ${ms(r.p90Ms)} (${ms(r.minMs)}–${ms(r.maxMs)})`,
    );
  if (values.jämför) {
    // A/B in the same minutes: this CLI and another one's, a few edits each, in turns.
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < 4; round++) {
      const n = Math.max(1, Math.round(edits / 4));
      a.push(...(await measureWatchLatency({ edits: n, ...(values.cli ? { cli: values.cli } : {}) })).samplesMs);
      b.push(...(await measureWatchLatency({ edits: n, cli: values.jämför })).samplesMs);
    }
    const sum = (xs: number[]): WatchLatency => ({
      edits: xs.length,
      medianMs: quantile(xs, 0.5),
      p90Ms: quantile(xs, 0.9),
      minMs: Math.min(...xs),
      maxMs: Math.max(...xs),
      samplesMs: xs,
    });
    if (values.json) console.log(JSON.stringify({ denna: sum(a), jämförd: sum(b) }));
    else {
      show(sum(a), '');
      show(sum(b), ` med ${values.jämför}`);
    }
    return;
  }
  const r = await measureWatchLatency({ edits, source: values.källkod, ...(values.cli ? { cli: values.cli } : {}) });
  if (values.json) console.log(JSON.stringify(r));
  else show(r, '');
}

runIfScript(import.meta.url, main);
