import { isAbsolute, join } from 'node:path';
import { FORMATS, renderOutputs, type Format } from '../../build/outputs.js';
import { runChecks } from '../../check/index.js';
import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { listReports, projectPaths } from '../../load/load-report.js';
import { loadAndCompose } from '../../pipeline.js';
import { writeFilesAtomic } from '../../write/atomic.js';
import { summarise } from './summary.js';

export interface BuildOptions {
  out: string;
  format: string;
  strict?: boolean;
  pdfa?: boolean;
}

export function parseFormats(s: string): Format[] | string {
  const fs = s.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = fs.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || !fs.length) return `okänt format "${bad[0] ?? s}" (välj bland ${FORMATS.join(', ')})`;
  return fs as Format[];
}

export async function runBuild(root: string, requested: string[], opts: BuildOptions): Promise<number> {
  const paths = projectPaths(root);
  const formats = parseFormats(opts.format);
  if (typeof formats === 'string') {
    console.error(`fel: ${formats}`);
    return 2;
  }
  const ids = requested.length ? requested : listReports(paths);
  if (!ids.length) {
    console.error('fel: inga rapporter hittades under data/');
    return 1;
  }
  const outDir = isAbsolute(opts.out) ? opts.out : join(root, opts.out);
  const started = performance.now();
  let failed = false;
  let written = 0;
  for (const id of ids) {
    const t0 = performance.now();
    const c = loadAndCompose(paths, id);
    if (!c.dokument || hasErrors(c.diagnostics)) {
      for (const d of c.diagnostics) console.error(formatDiagnostic(d));
      failed = true;
      console.log(`${id}: avbrutet, rapporten innehåller fel (inga filer skrivna)`);
      continue;
    }
    const k = runChecks(c.dokument);
    const s = summarise(k);
    console.log(`${id}: kontroll ${s}`);
    if (opts.strict && hasErrors(k.fynd)) {
      for (const d of k.fynd.filter((f) => f.allvarlighet === 'fel' && !f.accepterad)) console.error(formatDiagnostic(d));
      failed = true;
      console.log(`${id}: avbrutet (--strict): kontrollen fann fel (inga filer skrivna)`);
      continue;
    }
    try {
      const outputs = await renderOutputs(c.dokument, k, {
        formats,
        pdf: { pdfa: opts.pdfa === true },
        onFormat: (f, ms) => console.log(`${id}: ${f} klar (${Math.round(ms)} ms)`),
      });
      writeFilesAtomic(outputs.map((o) => ({ path: join(outDir, id, o.namn), data: o.bytes })));
      written += outputs.length;
      console.log(`${id}: skrev ${outputs.map((o) => o.namn).join(', ')} till ${join(opts.out, id)} (${Math.round(performance.now() - t0)} ms)`);
    } catch (e) {
      failed = true;
      console.error(`${id}: fel när utdata skapades: ${e instanceof Error ? e.message : String(e)} (tidigare filer lämnas orörda)`);
    }
  }
  console.log(`Klart: ${written} filer för ${ids.length} rapporter på ${(Math.round(performance.now() - started) / 1000).toFixed(1)} s${failed ? ', med fel' : ''}.`);
  return failed ? 1 : 0;
}
