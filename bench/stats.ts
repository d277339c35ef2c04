import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
/** Small helpers for the benchmark: statistics, Swedish number formatting, tables. */
import { getHeapStatistics } from 'node:v8';

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summary(xs: readonly number[]): Summary {
  if (!xs.length) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Swedish number: space as thousands separator, comma as decimal sign. */
export function tal(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return '–';
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${x < 0 ? '−' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

export const ms = (x: number): string => `${tal(x, x < 10 ? 1 : 0)} ms`;
export const sek = (x: number): string => `${tal(x / 1000, 1)} s`;
export const mb = (bytes: number): string => `${tal(bytes / (1024 * 1024), 0)} MB`;

/** Times one call (sync or async) in milliseconds. */
export async function time<T>(f: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

/**
 * Heap high-water mark, sampled: the largest used heap seen at any call to `sample()`.
 * Sampled after each stage, before the garbage is collected, so it approximates the peak.
 */
export class HeapPeak {
  peak = 0;
  sample(): void {
    const used = getHeapStatistics().used_heap_size;
    if (used > this.peak) this.peak = used;
  }
  reset(): void {
    this.peak = 0;
  }
}

/** Peak resident set size of the whole process (all threads) so far, in bytes. */
export const maxRss = (): number => process.resourceUsage().maxRSS * 1024;

/** A plain-text table with the first column left-aligned and the rest right-aligned. */
export function textTable(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as Markdown. */
export function mdTable(head: string[], rows: string[][], rightAligned = true): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 || !rightAligned ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** A full collection now (V8's gc exposed at run time), so the next measurement starts clean. */
let gc: (() => void) | undefined;
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** Runs `main` when the module is the script node was started with (not when another bench imports it); exit 1 with the message on failure. */
export function runIfScript(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`fel: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
