import { sortDiagnostics } from '../core/diagnostics/diagnostic.js';
import { loadReport, type LoadedReport, type ProjectPaths } from '../load/load-report.js';
import { laddaProfil } from '../profil/ladda.js';
import { fontCoverage } from './font-coverage.js';
import { validateSemantics } from './report-semantics.js';

/** Load + schema + semantic validation of one report. */
export function loadAndValidate(paths: ProjectPaths, id: string): LoadedReport {
  const r = loadReport(paths, id);
  const schemaOk = !r.diagnostics.some((d) => d.allvarlighet === 'fel');
  if (schemaOk && r.rapport) {
    r.diagnostics.push(...validateSemantics(r), ...fontCoverage(r.files));
    const p = laddaProfil(paths, r);
    r.profil = p.profil;
    r.files.push(...p.filer);
    r.diagnostics.push(...p.diagnostics);
  }
  r.diagnostics = sortDiagnostics(r.diagnostics);
  return r;
}
