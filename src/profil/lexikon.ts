import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import type { ProjectPaths } from '../load/load-report.js';
import { loadYaml } from '../load/yaml-source.js';
import { zodToDiagnostics } from '../load/zod-issues.js';
import { lexikonTilläggSchema, mergeLexikon, type LexikonTillägg } from '../schema/lexikon.js';

/**
 * A kommun's own words for the figure checks: its profile's `lexikon:` is either entries (as in
 * a report's `lexikon.yaml`) or the name of a file beside the profile holding them. The report's
 * `lexikon.yaml` extends the result, as the result extends the standard lexicon.
 */
export function profilLexikon(
  paths: ProjectPaths,
  profilFil: string,
  värde: string | LexikonTillägg | undefined,
  plats: Position,
): { lexikon?: LexikonTillägg; diagnostics: Diagnostic[]; fil?: { fil: string; text: string } } {
  if (värde === undefined) return { diagnostics: [] };
  if (typeof värde !== 'string') return { lexikon: värde, diagnostics: [] };
  const abs = resolve(dirname(profilFil), värde);
  const fil = relative(paths.root, abs).split('\\').join('/');
  if (!existsSync(abs))
    return {
      diagnostics: [
        {
          allvarlighet: 'fel',
          regel: 'profil',
          meddelande: `lexikonet ${fil} finns inte; skapa det (samma listor som src/check/lexikon/standard.yaml) eller rätta namnet i lexikon:`,
          plats,
        },
      ],
    };
  const text = readFileSync(abs, 'utf8');
  const y = loadYaml(text, fil);
  if (y.value === undefined) return { diagnostics: y.diagnostics, fil: { fil, text } };
  const r = lexikonTilläggSchema.safeParse(y.value ?? {});
  if (!r.success)
    return { diagnostics: [...y.diagnostics, ...zodToDiagnostics(r.error, y.value, y.source)], fil: { fil, text } };
  return { lexikon: r.data, diagnostics: y.diagnostics, fil: { fil, text } };
}

/** Two additions as one: lists joined, maps merged, the later one winning where both set a value. */
export function joinLexikon(a: LexikonTillägg | undefined, b: LexikonTillägg | undefined): LexikonTillägg | undefined {
  return a && b ? mergeLexikon(a, b) : (a ?? b);
}
