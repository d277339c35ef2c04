/**
 * How well this machine runs two busy threads at once, without kommunrapport: the same arithmetic
 * and allocation loop on one worker, then on two. Run with `npx tsx bench/cpu-scaling.ts`.
 * A speed-up near 2 means two real cores; near 1, that the vCPUs share one.
 */
import { Worker } from 'node:worker_threads';

const LOOP = `let x = 0; const a = [];
for (let i = 0; i < 3e7; i++) { x += Math.sqrt(i) * 1.0001; if (i % 100 === 0) { a.push({ i, x }); if (a.length > 1e5) a.length = 0; } }
require('node:worker_threads').parentPort.postMessage(x);`;

function run(workers: number): Promise<number> {
  const t = performance.now();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = new Worker(LOOP, { eval: true });
      w.on('message', () => void w.terminate().then(() => resolve()));
      w.on('error', reject);
    });
  return Promise.all(Array.from({ length: workers }, one)).then(() => performance.now() - t);
}

const rounds: { en: number; två: number }[] = [];
for (let i = 0; i < 3; i++) rounds.push({ en: await run(1), två: await run(2) });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const en = median(rounds.map((r) => r.en));
const två = median(rounds.map((r) => r.två));
console.log(`1 worker: ${Math.round(en)} ms; 2 workers (dubbelt arbete): ${Math.round(två)} ms; uppsnabbning ${((2 * en) / två).toFixed(2).replace('.', ',')}×`);
