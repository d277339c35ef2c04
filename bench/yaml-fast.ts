/**
 * What the YAML fast path (src/load/yaml-fast.ts, js-yaml's `listener` option) gains over reading
 * positions with `yaml` alone: every YAML file of the bundled reports, and of a synthetic batch
 * if a folder is given, read both ways, alternating, several rounds; prints the median per round.
 *
 *   npx tsx bench/yaml-fast.ts [--mapp /tmp/syn] [--varv 9]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { yamlPositions, yamlPositionsSlow } from '../src/load/yaml-source.js';
import { REPO_ROOT } from './synthetic.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : n.endsWith('.yaml') ? [p] : [];
  });
}

const { values } = parseArgs({ options: { mapp: { type: 'string' }, varv: { type: 'string', default: '9' } } });
const rounds = Number(values.varv);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(name: string, dir: string): void {
  const texts = yamlFiles(dir).map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((s, t) => s + t.length, 0);
  const fast: number[] = [];
  const slow: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    for (const [read, times] of r % 2
      ? [[yamlPositions, fast] as const, [yamlPositionsSlow, slow] as const]
      : [[yamlPositionsSlow, slow] as const, [yamlPositions, fast] as const]) {
      const t0 = performance.now();
      for (const t of texts) read(t);
      // The first round warms both up and is not counted.
      if (r > 0) times.push(performance.now() - t0);
    }
  }
  const f = median(fast);
  const s = median(slow);
  console.log(
    `${name}: ${texts.length} filer, ${(bytes / 1e6).toFixed(2)} MB; med snabbväg ${f.toFixed(1)} ms, utan ${s.toFixed(1)} ms (${(s / f).toFixed(1)}×, ${(s - f).toFixed(1)} ms sparat)`,
  );
}

measure('data/ (de medföljande rapporterna)', join(REPO_ROOT, 'data'));
if (values.mapp) measure(`${values.mapp} (syntetisk omgång)`, values.mapp);
