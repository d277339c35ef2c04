import { sortDiagnostics } from './core/diagnostics/diagnostic.js';
import { compose, loadTemplate, templateName } from './compose/compose.js';
import type { ProjectPaths } from './load/load-report.js';
import type { Dokument } from './core/model/dokument.js';
import type { Diagnostic } from './core/diagnostics/diagnostic.js';
import { loadAndValidate } from './validate/validate-report.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lexikonTilläggSchema, type LexikonTillägg } from './schema/lexikon.js';
import { joinLexikon } from './profil/lexikon.js';

/** A report's own additions to the check lexicon, `data/<rapport>/lexikon.yaml`, if it has one. */
function readLexikon(paths: ProjectPaths, id: string, diagnostics: Diagnostic[]): LexikonTillägg | undefined {
  const file = join(paths.data, id, 'lexikon.yaml');
  if (!existsSync(file)) return undefined;
  const fil = `data/${id}/lexikon.yaml`;
  try {
    const r = lexikonTilläggSchema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
    if (r.success) return r.data;
    for (const i of r.error.issues)
      diagnostics.push({
        allvarlighet: 'fel',
        regel: 'schema',
        meddelande: `${i.path.join('.') || 'lexikon'}: ${i.message} (se src/check/lexikon/standard.yaml för vilka listor som finns)`,
        plats: { fil, rad: 1, kolumn: 1 },
      });
  } catch (e) {
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'yaml-syntax',
      meddelande: `kunde inte läsa lexikonet: ${e instanceof Error ? e.message : String(e)}`,
      plats: { fil, rad: 1, kolumn: 1 },
    });
  }
  return undefined;
}

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
  // The kommun profile's lexicon, extended by the report's own.
  const lexikon = doc ? joinLexikon(doc.profil.lexikon, readLexikon(paths, id, found)) : undefined;
  if (doc && lexikon) doc.lexikon = lexikon;
  const diagnostics = sortDiagnostics([...r.diagnostics, ...found]);
  if (doc) doc.diagnostics = diagnostics;
  return { id, ...(doc ? { dokument: doc } : {}), diagnostics };
}
