import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { listReports, projectPaths } from '../../load/load-report.js';
import { loadAndValidate } from '../../validate/validate-report.js';

export function runValidate(root: string, requested: string[]): number {
  const paths = projectPaths(root);
  const ids = requested.length ? requested : listReports(paths);
  if (!ids.length) {
    console.error('fel: inga rapporter hittades under data/');
    return 1;
  }
  let failed = false;
  for (const id of ids) {
    const r = loadAndValidate(paths, id);
    for (const d of r.diagnostics) console.error(formatDiagnostic(d));
    const errs = r.diagnostics.filter((d) => d.allvarlighet === 'fel').length;
    if (hasErrors(r.diagnostics)) failed = true;
    console.log(`${id}: ${errs === 0 ? 'giltig' : `${errs} fel`}`);
  }
  return failed ? 1 : 0;
}
