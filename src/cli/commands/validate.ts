import { formatDiagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import { listReports, projectPaths } from '../../load/load-report.js';
import { loadAndCompose } from '../../pipeline.js';

export function runValidate(root: string, requested: string[]): number {
  const paths = projectPaths(root);
  const ids = requested.length ? requested : listReports(paths);
  if (!ids.length) {
    console.error('fel: inga rapporter hittades under data/');
    return 1;
  }
  let failed = false;
  for (const id of ids) {
    // Through compose as `build` does, so the template, the references in the text and the
    // placement of every part are checked too: what validate calls valid, build builds.
    const r = loadAndCompose(paths, id);
    for (const d of r.diagnostics) console.error(formatDiagnostic(d));
    const errs = r.diagnostics.filter((d) => d.allvarlighet === 'fel').length;
    if (hasErrors(r.diagnostics)) failed = true;
    console.log(`${id}: ${errs === 0 ? 'giltig' : `${errs} fel`}`);
  }
  return failed ? 1 : 0;
}
