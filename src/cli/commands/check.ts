import { kontrollJson } from '../../runner/outputs.js';
import { runChecks } from '../../check/index.js';
import { formatDiagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import { listReports, projectPaths } from '../../load/load-report.js';
import type { Kontrollresultat } from '../../core/model/kontroll.js';
import { loadAndCompose } from '../../pipeline.js';
import { summarise } from '../../check/summary.js';

export interface CheckOptions {
  format: string;
  alla?: boolean;
}

/** `kommunrapport check`: findings like a compiler, exit 1 on any unaccepted error. */
export function runCheck(root: string, requested: string[], opts: CheckOptions): number {
  if (opts.format !== 'text' && opts.format !== 'json') {
    console.error(`fel: okänt format "${opts.format}" (välj text eller json)`);
    return 2;
  }
  const paths = projectPaths(root);
  const ids = requested.length ? requested : listReports(paths);
  let failed = false;
  const json: object[] = [];
  for (const id of ids) {
    const c = loadAndCompose(paths, id);
    const k: Kontrollresultat = c.dokument ? runChecks(c.dokument) : { fynd: c.diagnostics, belopp: [] };
    if (hasErrors(k.fynd)) failed = true;
    if (opts.format === 'json') {
      json.push(
        c.dokument
          ? kontrollJson(c.dokument, k)
          : { schema: 'kommunrapport/kontroll@1', rapport: id, fynd: k.fynd, belopp: [] },
      );
      continue;
    }
    for (const f of k.fynd) if (opts.alla || f.allvarlighet !== 'info') console.log(formatDiagnostic(f));
    console.log(`${id}: ${summarise(k)}`);
  }
  if (opts.format === 'json') console.log(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
  return failed ? 1 : 0;
}
