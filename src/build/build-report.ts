import type { ProjectPaths } from '../load/load-report.js';
import { runChecks } from '../check/index.js';
import { formatDiagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { loadAndCompose } from '../pipeline.js';
import { summarise } from '../check/summary.js';
import { renderOutputs, type Format, type Output } from './outputs.js';

export interface ReportBuildOptions {
  formats: Format[];
  strict: boolean;
  pdfa: boolean;
}

/** A progress or error line; `fel` lines go to stderr. */
export type Emit = (text: string, fel?: boolean) => void;

export interface ReportBuild {
  id: string;
  /** Everything rendered, in memory; absent when the report could not be built. */
  outputs?: Output[];
  failed: boolean;
}

/**
 * One report from source to bytes in memory: load, validate, compose, check, render. Writes
 * nothing, so the caller decides when (and whether) files change; the same function runs in
 * the main thread and in the build workers.
 */
export async function buildReport(paths: ProjectPaths, id: string, o: ReportBuildOptions, emit: Emit): Promise<ReportBuild> {
  const c = loadAndCompose(paths, id);
  if (!c.dokument || hasErrors(c.diagnostics)) {
    for (const d of c.diagnostics) emit(formatDiagnostic(d), true);
    emit(`${id}: avbrutet, rapporten innehåller fel (inga filer skrivna)`);
    return { id, failed: true };
  }
  const k = runChecks(c.dokument);
  emit(`${id}: kontroll ${summarise(k)}`);
  if (o.strict && hasErrors(k.fynd)) {
    for (const d of k.fynd.filter((f) => f.allvarlighet === 'fel' && !f.accepterad)) emit(formatDiagnostic(d), true);
    emit(`${id}: avbrutet (--strict): kontrollen fann fel (inga filer skrivna)`);
    return { id, failed: true };
  }
  try {
    const outputs = await renderOutputs(c.dokument, k, {
      formats: o.formats,
      pdf: { pdfa: o.pdfa },
      onFormat: (f, ms) => emit(`${id}: ${f} klar (${Math.round(ms)} ms)`),
    });
    return { id, outputs, failed: false };
  } catch (e) {
    emit(`${id}: fel när utdata skapades: ${e instanceof Error ? e.message : String(e)} (tidigare filer lämnas orörda)`, true);
    return { id, failed: true };
  }
}
