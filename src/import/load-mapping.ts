import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { loadYaml, type SourceMap } from '../load/yaml-source.js';
import { zodToDiagnostics } from '../load/zod-issues.js';
import { mappningSchema, type Mappning } from './mapping-schema.js';

export interface LästMappning {
  mappning?: Mappning;
  källa?: SourceMap;
  diagnostics: Diagnostic[];
}

/** Reads and validates a mapping file; errors at line and column, in Swedish, as for the report's own files. */
export function läsMappning(full: string, fil: string): LästMappning {
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    return {
      diagnostics: [
        {
          allvarlighet: 'fel',
          regel: 'saknad-fil',
          meddelande: `mappningsfilen ${fil} finns inte (skapa en med --ny-mappning)`,
        },
      ],
    };
  }
  const y = loadYaml(text, fil);
  if (y.diagnostics.some((d) => d.allvarlighet === 'fel') || y.value === undefined)
    return { diagnostics: y.diagnostics };
  const r = mappningSchema.safeParse(y.value ?? {});
  if (!r.success)
    return { källa: y.source, diagnostics: [...y.diagnostics, ...zodToDiagnostics(r.error, y.value, y.source)] };
  return { mappning: r.data, källa: y.source, diagnostics: y.diagnostics };
}
