/**
 * The builds the benchmark times, written against the pipeline's public functions so that the
 * figures follow the pipeline as it changes. Nothing here writes to disk.
 */
import { FORMATS, renderOutputs } from '../src/runner/outputs.js';
import { runChecks } from '../src/check/index.js';
import { compose, loadTemplate, templateName } from '../src/compose/compose.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../src/core/diagnostics/diagnostic.js';
import type { ProjectPaths } from '../src/load/load-report.js';
import type { Dokument } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { renderDocx } from '../src/render/docx/render-docx.js';
import type { TemplateSource } from '../src/template/outline.js';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { VERSION } from '../src/version.js';

export const STAGES = ['läs', 'sammanställ', 'kontroll', 'html', 'pdf', 'xlsx', 'docx'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage, string> = {
  läs: 'Läs in + validera',
  sammanställ: 'Sammanställ (compose)',
  kontroll: 'Kontroller',
  html: 'HTML',
  pdf: 'PDF',
  xlsx: 'Excel',
  docx: 'Word',
};

export class BuildError extends Error {}

function describe(id: string, ds: readonly Diagnostic[]): string {
  const fel = ds.filter((d) => d.allvarlighet === 'fel');
  const first = fel[0];
  const where = first?.plats ? `${first.plats.fil}:${first.plats.rad}:${first.plats.kolumn} ` : '';
  return `${id}: ${fel.length} fel${first ? ` (först: ${where}${first.meddelande})` : ''}`;
}

/** Each stage timed on its own, in the order the build runs them. Returns milliseconds per stage. */
export async function timeStages(paths: ProjectPaths, id: string, after?: () => void): Promise<Record<Stage, number>> {
  const t: Partial<Record<Stage, number>> = {};
  let t0 = performance.now();
  const r = loadAndValidate(paths, id);
  t.läs = performance.now() - t0;
  after?.();
  if (hasErrors(r.diagnostics) || !r.rapport) throw new BuildError(describe(id, r.diagnostics));

  t0 = performance.now();
  // As loadAndCompose does: the template is read from disk as part of composing.
  const d = compose(r, loadTemplate(paths, templateName(r.rapport)));
  if (d) d.diagnostics = sortDiagnostics([...r.diagnostics, ...d.diagnostics]);
  t.sammanställ = performance.now() - t0;
  after?.();
  if (!d || hasErrors(d.diagnostics)) throw new BuildError(describe(id, d?.diagnostics ?? r.diagnostics));

  t0 = performance.now();
  const k = runChecks(d);
  t.kontroll = performance.now() - t0;
  after?.();

  t0 = performance.now();
  renderHtml(d);
  t.html = performance.now() - t0;
  after?.();

  t0 = performance.now();
  await renderPdf(d);
  t.pdf = performance.now() - t0;
  after?.();

  t0 = performance.now();
  await renderXlsx(d, k, { version: VERSION });
  t.xlsx = performance.now() - t0;
  after?.();

  t0 = performance.now();
  await renderDocx(d);
  t.docx = performance.now() - t0;
  after?.();
  return t as Record<Stage, number>;
}

export interface BuildResult {
  id: string;
  /** Bytes of every output (html, pdf, xlsx, docx, kontroll.json). */
  bytes: number;
  /** Open findings by severity (accepted ones left out). */
  fel: number;
  varningar: number;
}

/** The whole build of one report, as `kommunrapport build` does it, but kept in memory. */
export async function fullBuild(paths: ProjectPaths, id: string): Promise<BuildResult> {
  const c = loadAndCompose(paths, id);
  if (!c.dokument || hasErrors(c.diagnostics)) throw new BuildError(describe(id, c.diagnostics));
  const k = runChecks(c.dokument);
  const outputs = await renderOutputs(c.dokument, k, { formats: FORMATS });
  const open = k.fynd.filter((f) => !f.accepterad);
  return {
    id,
    bytes: outputs.reduce((n, o) => n + o.bytes.length, 0),
    fel: open.filter((f) => f.allvarlighet === 'fel').length,
    varningar: open.filter((f) => f.allvarlighet === 'varning').length,
  };
}

/** A composed document, for the baselines (not timed). */
export function composed(paths: ProjectPaths, id: string): Dokument {
  const c = loadAndCompose(paths, id);
  if (!c.dokument || hasErrors(c.diagnostics)) throw new BuildError(describe(id, c.diagnostics));
  return c.dokument;
}

/**
 * The HTML rebuild `watch` does after a narrative edit: load + validate + compose + HTML, with
 * the template's source read once and kept. (The pipeline takes the template as source text, so
 * Handlebars still compiles it on every compose; there is no compiled-template cache to reuse.)
 */
export function htmlRebuild(
  paths: ProjectPaths,
  id: string,
  template: TemplateSource | undefined,
): { html: string; dokument: Dokument } {
  const r = loadAndValidate(paths, id);
  if (hasErrors(r.diagnostics) || !r.rapport) throw new BuildError(describe(id, r.diagnostics));
  const d = compose(r, template);
  if (!d) throw new BuildError(describe(id, r.diagnostics));
  d.diagnostics = sortDiagnostics([...r.diagnostics, ...d.diagnostics]);
  if (hasErrors(d.diagnostics)) throw new BuildError(describe(id, d.diagnostics));
  return { html: renderHtml(d), dokument: d };
}
