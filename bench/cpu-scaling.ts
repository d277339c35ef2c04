/**
 * How well this machine runs two busy threads at once, without kommunrapport: each loop on one
 * worker, then the same loop on two. Run with `npx tsx bench/cpu-scaling.ts`.
 *
 * - räkning: arithmetic with a little allocation, mostly in registers and cache;
 * - minne: what a PDF layout does to memory: many small objects, pages of them kept a while, so
 *   the garbage collector copies and the caches and memory bus are busy.
 *
 * A speed-up near 2 means two real cores for that kind of work; near 1, that the two threads
 * share what the work is bound by.
 */
import { Worker } from 'node:worker_threads';

const LOOPS = {
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

function run(loop: string, workers: number): Promise<number> {
  const t = performance.now();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = new Worker(loop, { eval: true });
      w.on('message', () => void w.terminate().then(() => resolve()));
      w.on('error', reject);
    });
  return Promise.all(Array.from({ length: workers }, one)).then(() => performance.now() - t);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, loop] of Object.entries(LOOPS)) {
  const rounds: { en: number; två: number }[] = [];
  for (let i = 0; i < 3; i++) rounds.push({ en: await run(loop, 1), två: await run(loop, 2) });
  const en = median(rounds.map((r) => r.en));
  const två = median(rounds.map((r) => r.två));
  console.log(`${name}: 1 worker ${Math.round(en)} ms; 2 workers (dubbelt arbete) ${Math.round(två)} ms; uppsnabbning ${((2 * en) / två).toFixed(2).replace('.', ',')}×`);
}
