/**
 * Loops that measure the machine, not kommunrapport: an arithmetic one, and one that uses memory
 * the way a PDF layout does (many small objects, pages of them kept a while, so the garbage
 * collector copies and the caches and memory bus are busy). bench/cpu-scaling.ts runs them on
 * one and two workers; bench/run.ts times the memory loop before and after its measurements, so
 * a slow figure can be told apart from a slow machine (this shared VM's pace varies by tens of
 * per cent over minutes).
 */
import { Worker } from 'node:worker_threads';

export const LOOPS = {
  räkning: `let x = 0; const a = [];
for (let i = 0; i < 3e7; i++) { x += Math.sqrt(i) * 1.0001; if (i % 100 === 0) { a.push({ i, x }); if (a.length > 1e5) a.length = 0; } }
require('node:worker_threads').parentPort.postMessage(x);`,
  minne: `const keep = []; let x = 0;
for (let r = 0; r < 40; r++) {
  const page = [];
  for (let i = 0; i < 60000; i++) { const o = { a: i, b: 'w' + (i % 500), c: [i, i + 1], d: null, e: r }; page.push(o); x += o.c.length; }
  keep.push(page); if (keep.length > 8) keep.shift();
}
require('node:worker_threads').parentPort.postMessage(x);`,
} as const;

/** Wall time of `workers` workers each running the loop once, started together. */
export function runLoop(loop: keyof typeof LOOPS, workers: number): Promise<number> {
  const t = performance.now();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = new Worker(LOOPS[loop], { eval: true });
      w.on('message', () => void w.terminate().then(() => resolve()));
      w.on('error', reject);
    });
  return Promise.all(Array.from({ length: workers }, one)).then(() => performance.now() - t);
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The memory loop on one worker, median of three: the machine's pace right now, in ms. */
export async function machinePace(): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < 3; i++) t.push(await runLoop('minne', 1));
  return median(t);
}
