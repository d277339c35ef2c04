import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { listReports, projectPaths } from '../../load/load-report.js';
import { loadAndValidate } from '../../validate/validate-report.js';
import { writeFileAtomic } from '../../write/atomic.js';
import { isAbsolute, join } from 'node:path';

export async function runBuild(root: string, requested: string[], opts: { out: string }): Promise<number> {
  const paths = projectPaths(root);
  const ids = requested.length ? requested : listReports(paths);
  const outDir = isAbsolute(opts.out) ? opts.out : join(root, opts.out);
  let failed = false;
  for (const id of ids) {
    const r = loadAndValidate(paths, id);
    for (const d of r.diagnostics) console.error(formatDiagnostic(d));
    if (hasErrors(r.diagnostics)) {
      failed = true;
      console.log(`${id}: avbrutet, data innehåller fel`);
      continue;
    }
    const model = { rapport: r.rapport, tabeller: r.tabeller.tabeller, mål: r.mål, uppdrag: r.uppdrag, text: r.narrative.map((n) => n.fil) };
    writeFileAtomic(join(outDir, id, `${id}.json`), JSON.stringify(model, null, 2) + '\n');
    console.log(`${id}: skrev ${join(opts.out, id, `${id}.json`)}`);
  }
  return failed ? 1 : 0;
}
