import type { ProjectPaths } from '../load/load-report.js';
import { runChecks } from '../check/index.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../core/diagnostics/diagnostic.js';
import { loadAndCompose } from '../pipeline.js';
import { summarise } from '../check/summary.js';
import type { Dokument } from '../core/model/dokument.js';
import { orderOutputs, renderOutputs, type Format, type Output } from './outputs.js';

export interface ReportBuildOptions {
  formats: Format[];
  strict: boolean;
  pdfa: boolean;
  /** `--tyst`: no warning lines (errors are always printed). */
  tyst?: boolean;
}

/** A progress or error line; `fel` lines go to stderr. */
export type Emit = (text: string, fel?: boolean) => void;

export interface ReportBuild {
  id: string;
  /** Everything rendered, in memory; absent when the report could not be built. */
  outputs?: Output[];
  failed: boolean;
}

/** A report after its first step: every output but the PDF, and the document the PDF is made from. */
export interface PreparedReport extends ReportBuild {
  /** Present when the PDF is still to be made. */
  dokument?: Dokument;
}

/**
 * A report's first step: load, validate, compose, check, then every format but the PDF. The
 * PDF is left to `renderReportPdf`, which a build thread of its own can run.
 */
export async function prepareReport(
  paths: ProjectPaths,
  id: string,
  o: ReportBuildOptions,
  emit: Emit,
  /** Given the document as soon as it is composed, when a PDF is asked for (pdf-thread.ts starts laying it out). */
  onDokument?: (d: Dokument) => void,
): Promise<PreparedReport> {
  const c = loadAndCompose(paths, id);
  if (!c.dokument || hasErrors(c.diagnostics)) {
    for (const d of c.diagnostics) emit(formatDiagnostic(d), true);
    emit(`${id}: avbrutet, rapporten innehåller fel (inga filer skrivna)`);
    return { id, failed: true };
  }
  // The checks change nothing in the document: a PDF thread can start on it while they run
  // (with --strict and errors found, its work is dropped and nothing is written).
  const withPdf = o.formats.includes('pdf');
  if (withPdf) onDokument?.(c.dokument);
  const k = runChecks(c.dokument);
  // Every warning is printed at its place, so the summary line is never its only trace.
  if (!o.tyst) {
    const open = (d: Diagnostic): boolean =>
      !d.accepterad && (d.allvarlighet === 'varning' || (d.allvarlighet === 'fel' && !o.strict));
    // The checks' findings repeat the document's own diagnostics: each line once.
    for (const line of new Set([...c.diagnostics, ...k.fynd].filter(open).map(formatDiagnostic))) emit(line, true);
  }
  emit(`${id}: kontroll ${summarise(k)}`);
  if (o.strict && hasErrors(k.fynd)) {
    for (const d of k.fynd.filter((f) => f.allvarlighet === 'fel' && !f.accepterad)) emit(formatDiagnostic(d), true);
    emit(`${id}: avbrutet (--strict): kontrollen fann fel (inga filer skrivna)`);
    return { id, failed: true };
  }
  return attempt(id, emit, async () => {
    const outputs = await renderOutputs(c.dokument!, k, {
      formats: o.formats.filter((f) => f !== 'pdf'),
      onFormat: progress(id, emit),
    });
    return { id, outputs, failed: false, ...(withPdf ? { dokument: c.dokument! } : {}) };
  });
}

/** A report's second step: its PDF, from the document `prepareReport` composed. */
export async function renderReportPdf(
  id: string,
  d: Dokument,
  o: ReportBuildOptions,
  emit: Emit,
): Promise<ReportBuild> {
  return attempt(id, emit, async () => {
    const t = performance.now();
    const { renderPdf } = await import('../render/pdf/render-pdf.js');
    const bytes = await renderPdf(d, { pdfa: o.pdfa });
    progress(id, emit)('pdf', performance.now() - t);
    return { id, outputs: [{ namn: `${id}.pdf`, bytes }], failed: false };
  });
}

/**
 * One report from source to bytes in memory, both steps in this thread. Writes nothing, so the
 * caller decides when (and whether) files change.
 */
export async function buildReport(
  paths: ProjectPaths,
  id: string,
  o: ReportBuildOptions,
  emit: Emit,
): Promise<ReportBuild> {
  const p = await prepareReport(paths, id, o, emit);
  if (p.failed || !p.dokument) return { id, failed: p.failed, ...(p.outputs ? { outputs: p.outputs } : {}) };
  const pdf = await renderReportPdf(id, p.dokument, o, emit);
  if (pdf.failed) return pdf;
  return { id, outputs: orderOutputs([...p.outputs!, ...pdf.outputs!]), failed: false };
}

export const progress =
  (id: string, emit: Emit) =>
  (f: Format, ms: number): void =>
    emit(`${id}: ${f} klar (${Math.round(ms)} ms)`);

/** A renderer's exception becomes the report's failure, said once; earlier files stay as they were. */
async function attempt<T extends ReportBuild>(id: string, emit: Emit, f: () => Promise<T>): Promise<T | ReportBuild> {
  try {
    return await f();
  } catch (e) {
    return outputFailure(id, emit, e instanceof Error ? e.message : String(e));
  }
}

export function outputFailure(id: string, emit: Emit, message: string): ReportBuild {
  emit(`${id}: fel när utdata skapades: ${message} (tidigare filer lämnas orörda)`, true);
  return { id, failed: true };
}
