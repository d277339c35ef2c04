import { isAbsolute, join } from 'node:path';
import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { listReports, projectPaths } from '../../load/load-report.js';
import { loadAndCompose } from '../../pipeline.js';
import { renderHtml } from '../../render/html/render-html.js';
import { writeFileAtomic } from '../../write/atomic.js';

export async function runBuild(root: string, requested: string[], opts: { out: string }): Promise<number> {
  const paths = projectPaths(root);
  const ids = requested.length ? requested : listReports(paths);
  const outDir = isAbsolute(opts.out) ? opts.out : join(root, opts.out);
  let failed = false;
  for (const id of ids) {
    const c = loadAndCompose(paths, id);
    for (const d of c.diagnostics) console.error(formatDiagnostic(d));
    if (!c.dokument || hasErrors(c.diagnostics)) {
      failed = true;
      console.log(`${id}: avbrutet, rapporten innehåller fel`);
      continue;
    }
    writeFileAtomic(join(outDir, id, `${id}.html`), renderHtml(c.dokument));
    console.log(`${id}: skrev ${join(opts.out, id, `${id}.html`)}`);
  }
  return failed ? 1 : 0;
}
