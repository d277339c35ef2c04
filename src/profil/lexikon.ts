import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import type { ProjectPaths } from '../load/load-report.js';
import { loadYaml } from '../load/yaml-source.js';
import { zodToDiagnostics } from '../load/zod-issues.js';
import { lexikonTilläggSchema, type LexikonTillägg } from '../schema/lexikon.js';

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
  if (!a) return b;
  if (!b) return a;
  const list = (x?: string[], y?: string[]): string[] | undefined =>
    x || y ? [...new Set([...(x ?? []), ...(y ?? [])])] : undefined;
  const lists = (x?: Record<string, string[]>, y?: Record<string, string[]>): Record<string, string[]> | undefined => {
    if (!x && !y) return undefined;
    const out: Record<string, string[]> = { ...x };
    for (const [k, v] of Object.entries(y ?? {})) out[k] = list(out[k], v) ?? [];
    return out;
  };
  const map = <T>(x?: Record<string, T>, y?: Record<string, T>): Record<string, T> | undefined =>
    x || y ? { ...x, ...y } : undefined;
  return {
    mått: lists(a.mått, b.mått),
    period: list(a.period, b.period),
    relativa_år: map(a.relativa_år, b.relativa_år),
    tecken:
      a.tecken || b.tecken
        ? {
            positiv: list(a.tecken?.positiv, b.tecken?.positiv),
            negativ: list(a.tecken?.negativ, b.tecken?.negativ),
          }
        : undefined,
    förändring: list(a.förändring, b.förändring),
    förändring_före_tal: list(a.förändring_före_tal, b.förändring_före_tal),
    partikelverb: list(a.partikelverb, b.partikelverb),
    kontrastord: list(a.kontrastord, b.kontrastord),
    jämförelse_före_år: list(a.jämförelse_före_år, b.jämförelse_före_år),
    intervall_före: list(a.intervall_före, b.intervall_före),
    intervall_mellan: list(a.intervall_mellan, b.intervall_mellan),
    reservationer: map(a.reservationer, b.reservationer),
    jämförelseord: map(a.jämförelseord, b.jämförelseord),
    summaord: list(a.summaord, b.summaord),
    delord: list(a.delord, b.delord),
    helhet: list(a.helhet, b.helhet),
    talord: map(a.talord, b.talord),
    stoppord: list(a.stoppord, b.stoppord),
    alias: lists(a.alias, b.alias),
  };
}
