/**
 * `npm run mutation`: how many deliberately wrong figures the checks catch. Per bundled report
 * and overall: the share of text mutations reported as an error, as ej verifierbar, and silently
 * accepted, and the share of rule-cell mutations reported. `--lista` prints every silent one;
 * `--rapport test/fixtures/sjobacka` measures the reports of another folder.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listReports, projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { mutateCells, mutateText, shares, type Mutation } from '../test/support/mutation.js';
import { PATHS } from '../test/support/project.js';

const pct = (x: number): string => `${(100 * x).toFixed(1).replace('.', ',')} %`;
const list = process.argv.includes('--lista');
// `--rapport <mapp>`: the reports of another project folder (a fixture written from scratch), with
// its own templates if it has them, else the bundled ones.
const at = process.argv.indexOf('--rapport');
const root = at >= 0 ? process.argv[at + 1] : undefined;
const paths = root
  ? {
      ...projectPaths(resolve(root)),
      ...(existsSync(join(resolve(root), 'templates')) ? {} : { templates: PATHS.templates }),
    }
  : PATHS;
const ids = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--rapport');
const allText: Mutation[] = [];
const allCells: Mutation[] = [];
console.log('rapport | textmutationer | fel | ej verifierbar | tyst accepterade | cellmutationer | rapporterade');
console.log('---|---:|---:|---:|---:|---:|---:');
for (const id of ids.length ? ids : listReports(paths)) {
  const d = loadAndCompose(paths, id).dokument;
  if (!d) continue;
  const t = mutateText(d);
  const c = mutateCells(d);
  allText.push(...t);
  allCells.push(...c);
  const s = shares(t);
  console.log(
    `${id} | ${s.antal} | ${pct(s.fel)} | ${pct(s.ejVerifierbar)} | ${pct(s.tyst)} | ${c.length} | ${pct(shares(c).fel)}`,
  );
  if (list)
    for (const m of [...t, ...c].filter(
      (x) => x.utfall === 'tyst accepterad' || (process.argv.includes('--alla') && x.utfall === 'ej verifierbar'),
    ))
      console.log(`  ${m.utfall}: ${m.var} ${m.slag}: "${m.före}" → "${m.efter}"`);
}
const s = shares(allText);
console.log(
  `**alla** | ${s.antal} | ${pct(s.fel)} | ${pct(s.ejVerifierbar)} | ${pct(s.tyst)} | ${allCells.length} | ${pct(shares(allCells).fel)}`,
);
