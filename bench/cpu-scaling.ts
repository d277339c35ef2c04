/**
 * How well this machine runs two busy threads at once, without kommunrapport: each loop on one
 * worker, then the same loop on two. Run with `npx tsx bench/cpu-scaling.ts`.
 *
 * The loops are in machine-pace.ts: räkning (arithmetic) and minne (allocates like a layout).
 *
 * A speed-up near 2 means two real cores for that kind of work; near 1, that the two threads
 * share what the work is bound by.
 */
import { LOOPS, median, runLoop } from './machine-pace.js';

for (const name of Object.keys(LOOPS) as (keyof typeof LOOPS)[]) {
  const rounds: { en: number; två: number }[] = [];
  for (let i = 0; i < 3; i++) rounds.push({ en: await runLoop(name, 1), två: await runLoop(name, 2) });
  const en = median(rounds.map((r) => r.en));
  const två = median(rounds.map((r) => r.två));
  console.log(
    `${name}: 1 worker ${Math.round(en)} ms; 2 workers (dubbelt arbete) ${Math.round(två)} ms; uppsnabbning ${((2 * en) / två).toFixed(2).replace('.', ',')}×`,
  );
}
