import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileCli, CORPUS, errorLines, prepare, run, type Fall } from './support/bad-input.js';
const names = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(CORPUS).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
const js = compileCli();
const results: Record<string, unknown> = {};
let i = 0;
async function worker() {
  while (i < names.length) {
    const n = names[i++]!;
    const f = JSON.parse(readFileSync(join(CORPUS, `${n}.json`), 'utf8')) as Fall;
    const { root, unprivileged } = prepare(f);
    const r = await run(root, f.kommando ?? ['validate', 'exempel-2025'], unprivileged, js);
    results[n] = { status: r.status, errors: errorLines(r.out).map((l) => l.replace(root, '<rot>')), out: r.out.replace(new RegExp(root, 'g'), '<rot>').slice(0, 1500) };
    rmSync(root, { recursive: true, force: true });
  }
}
await Promise.all([worker(), worker(), worker()]);
console.log(JSON.stringify(results, null, 1));
