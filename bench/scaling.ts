/**
 * How each stage grows with the size of a report: ks-internbudget-2024 made k times as large on
 * disk (k = 1, 2, 4, 8, 16) — every table, chart, goal area, uppdrag list and chapter k times, the
 * copies under their own ids with their references and rules pointing at their own tables — and
 * built with the generic internbudget template (the publication's own template names its tables
 * one by one). Each stage is timed as `npm run bench` times it, in processor time (the process's,
 * garbage collector included: on a shared machine it varies far less than wall time) and wall
 * time; the growth exponent is the slope of log(time) over log(size) (1 = linear, 2 = quadratic). Loading is timed on the first run of
 * each size only: its files are then kept in memory.
 *
 *   npx tsx bench/scaling.ts [--storlekar 1,2,4,8,16] [--runs 1] [--json]
 *
 * `--runs` is the number of builds of the largest size; a size k times smaller is built k times
 * as often (the same work per size), and each stage's median is taken.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { projectPaths } from '../src/load/load-report.js';
import { STAGE_NAMES, STAGES, timeStages, type Stage } from './build.js';
import { ms, runIfScript, summary, tal, textTable } from './stats.js';
import { REPO_ROOT } from './synthetic.js';

const SOURCE = 'ks-internbudget-2024';

/** Every `id:` value under `node` gets `suffix`. */
function suffixIds(node: unknown, suffix: string): void {
  if (isSeq(node)) for (const x of node.items) suffixIds(x, suffix);
  else if (isMap(node))
    for (const p of node.items) {
      if (isScalar(p.key) && p.key.value === 'id' && isScalar(p.value))
        p.value.value = `${String(p.value.value)}${suffix}`;
      else suffixIds(p.value, suffix);
    }
}

/** `tabell/…` references to the report's tables, in rules, samband and text, pointed at copy `suffix`. */
function retarget(s: string, tables: readonly string[], suffix: string): string {
  return s.replace(/(?<![\w-])([\p{L}\w-]+)\//gu, (m, t: string) => (tables.includes(t) ? `${t}${suffix}/` : m));
}

function retargetStrings(node: unknown, tables: readonly string[], suffix: string): void {
  if (isSeq(node))
    node.items.forEach((x, i) => {
      if (isScalar(x) && typeof x.value === 'string') x.value = retarget(x.value, tables, suffix);
      else retargetStrings(node.items[i], tables, suffix);
    });
  else if (isMap(node))
    for (const p of node.items) {
      if (
        isScalar(p.value) &&
        typeof p.value.value === 'string' &&
        isScalar(p.key) &&
        ['är', 'rader'].includes(String(p.key.value))
      )
        p.value.value = retarget(p.value.value, tables, suffix);
      else retargetStrings(p.value, tables, suffix);
    }
}

/** Appends k − 1 copies of the list under `key`, each changed by `edit`. */
function multiply(doc: Document, key: string, k: number, edit: (n: Node, suffix: string) => void): void {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return;
  const originals = [...seq.items];
  for (let i = 1; i < k; i++)
    for (const item of originals) {
      const copy = (item as Node).clone() as Node;
      edit(copy, `-x${i}`);
      seq.items.push(copy);
    }
}

/** Writes ks-internbudget-2024 k times over as report `skala-<k>x` under `root`; returns its id. */
export function writeScaled(root: string, k: number, id = `skala-${k}x`): string {
  const dataDir = join(root, 'data', id);
  const contentDir = join(root, 'content', id);
  cpSync(join(REPO_ROOT, 'data', SOURCE), dataDir, { recursive: true });
  mkdirSync(contentDir, { recursive: true });
  const edit = (file: string, f: (doc: Document) => void): void => {
    const doc = parseDocument(readFileSync(join(dataDir, file), 'utf8'));
    f(doc);
    writeFileSync(join(dataDir, file), doc.toString({ lineWidth: 0 }));
  };
  let tables: string[] = [];
  edit('rapport.yaml', (doc) => {
    doc.set('id', id);
    doc.delete('mall');
  });
  edit('tabeller.yaml', (doc) => {
    const seq = doc.get('tabeller', true);
    tables = isSeq(seq) ? seq.items.map((t) => String((t as { get(k: string): unknown }).get('id'))) : [];
    // Only the table and chart ids change: rows and columns keep theirs, so rules still name them.
    multiply(doc, 'tabeller', k, (n, suffix) => {
      if (!isMap(n)) return;
      const idNode = n.get('id', true);
      if (isScalar(idNode)) idNode.value = `${String(idNode.value)}${suffix}`;
      const diagram = n.get('diagram', true);
      if (diagram) suffixIds(diagram, suffix);
      retargetStrings(n.get('regler', true), tables, suffix);
    });
    multiply(doc, 'samband', k, (n, suffix) => retargetStrings(n, tables, suffix));
  });
  edit('mal.yaml', (doc) => multiply(doc, 'målområden', k, (n, suffix) => suffixIds(n, suffix)));
  edit('uppdrag.yaml', (doc) => multiply(doc, 'listor', k, (n, suffix) => suffixIds(n, suffix)));
  for (const f of readdirSync(join(REPO_ROOT, 'content', SOURCE))) {
    const text = readFileSync(join(REPO_ROOT, 'content', SOURCE, f), 'utf8');
    writeFileSync(join(contentDir, f), text);
    const [nn, ...rest] = f.split('-');
    for (let i = 1; i < k; i++)
      writeFileSync(join(contentDir, `${nn}-x${i}-${rest.join('-')}`), retarget(text, tables, `-x${i}`));
  }
  return id;
}

export interface Scaling {
  sizes: number[];
  /** Median processor ms per stage and size, in the order of `sizes`. */
  cpuMs: Record<Stage, number[]>;
  /** Median wall ms per stage and size. */
  ms: Record<Stage, number[]>;
  /** Slope of log(processor ms) over log(size), per stage: the verdict. */
  exponent: Record<Stage, number>;
  /** The same for wall time, for comparison. */
  wallExponent: Record<Stage, number>;
}

/** Least-squares slope of log y over log x. */
export function growthExponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return num / den;
}

/** Worse than linear: the exponent this far above 1 is more than this machine's noise. */
export const SUPERLINEAR = 1.15;

export async function measureScaling(sizes: readonly number[], runs: number): Promise<Scaling> {
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-skala-'));
  try {
    cpSync(join(REPO_ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    cpSync(join(REPO_ROOT, 'data', 'profiler'), join(root, 'data', 'profiler'), { recursive: true });
    const paths = projectPaths(root);
    const ids = sizes.map((k) => writeScaled(root, k));
    // Warm-up on a copy of its own: every stage's code compiled once, while the measured reports'
    // files stay unread (loading keeps unchanged files, so later runs of a size load from memory).
    await timeStages(paths, writeScaled(root, 1, 'skala-uppvarmning'));
    const perStage = (): Record<Stage, number[]> =>
      Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as unknown as Record<Stage, number[]>;
    const wall = perStage();
    const cpu = perStage();
    // Each size is built about as often as fits the work of `runs` builds of the largest: a stage
    // of a few milliseconds at 1× is then a median of many runs, not one run's noise.
    const largest = Math.max(...sizes);
    for (const [n, id] of ids.entries()) {
      const w = perStage();
      const c = perStage();
      const reps = Math.max(runs, Math.round((runs * largest) / sizes[n]!));
      for (let r = 0; r < reps; r++) {
        const marks = [process.cpuUsage()];
        const t = await timeStages(paths, id, () => marks.push(process.cpuUsage()));
        STAGES.forEach((s, i) => {
          if (s === 'läs' && r > 0) return;
          w[s].push(t[s]);
          const next = marks[i + 1]!;
          c[s].push((next.user - marks[i]!.user + next.system - marks[i]!.system) / 1000);
        });
      }
      for (const s of STAGES) {
        wall[s].push(summary(w[s]).median);
        cpu[s].push(summary(c[s]).median);
      }
    }
    const exp = (m: Record<Stage, number[]>): Record<Stage, number> =>
      Object.fromEntries(STAGES.map((s) => [s, growthExponent(sizes, m[s])])) as Record<Stage, number>;
    return { sizes: [...sizes], cpuMs: cpu, ms: wall, exponent: exp(cpu), wallExponent: exp(wall) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function scalingRows(s: Scaling): string[][] {
  return STAGES.map((st) => [
    STAGE_NAMES[st],
    ...s.cpuMs[st].map((x) => ms(x)),
    tal(s.exponent[st], 2),
    tal(s.wallExponent[st], 2),
    s.exponent[st] > SUPERLINEAR ? '**värre än linjärt**' : 'linjärt eller bättre',
  ]);
}

export const scalingHeader = (s: Scaling): string[] => [
  'Steg (processortid)',
  ...s.sizes.map((k) => `${k}×`),
  'exponent',
  'exponent, väggtid',
  '',
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      storlekar: { type: 'string', default: '1,2,4,8,16' },
      runs: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const sizes = values.storlekar.split(',').map(Number);
  const s = await measureScaling(sizes, Number(values.runs));
  if (values.json) console.log(JSON.stringify(s));
  else console.log(textTable(scalingHeader(s), scalingRows(s)));
}

runIfScript(import.meta.url, main);
