import { sortDiagnostics } from './diagnostics/diagnostic.js';
import { compose, loadTemplate, templateName } from './compose/compose.js';
import type { ProjectPaths } from './load/load-report.js';
import type { Dokument } from './model/dokument.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { loadAndValidate } from './validate/validate-report.js';

export interface Composed {
  id: string;
  dokument?: Dokument;
  diagnostics: Diagnostic[];
}

/** load → validate → compose. No renderer or check runs unless this succeeds. */
export function loadAndCompose(paths: ProjectPaths, id: string): Composed {
  const r = loadAndValidate(paths, id);
  if (r.diagnostics.some((d) => d.allvarlighet === 'fel') || !r.rapport) return { id, diagnostics: r.diagnostics };
  const found: Diagnostic[] = [];
  const doc = compose(r, loadTemplate(paths, templateName(r.rapport)), found);
  const diagnostics = sortDiagnostics([...r.diagnostics, ...found]);
  if (doc) doc.diagnostics = diagnostics;
  return { id, ...(doc ? { dokument: doc } : {}), diagnostics };
}
