import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { målFilSchema, type MålFil } from '../schema/mal.js';
import { rapportSchema, type Rapport } from '../schema/rapport.js';
import { tabellerFilSchema } from '../schema/tabell.js';
import { uppdragFilSchema, type UppdragFil } from '../schema/uppdrag.js';
import { uppgifterFilSchema, type UppgifterFil } from '../schema/uppgifter.js';
import { zodToDiagnostics } from './zod-issues.js';
import { osFelSv } from '../core/diagnostics/os-fel.js';
import { readInputFile } from './read-input.js';
import { scanValues } from './value-limits.js';
import { loadYaml, type SourceMap } from './yaml-source.js';
import type { Profil } from '../core/model/profil.js';
import { MANIFEST, type ProjectPaths } from './project.js';

export type TabellerFil = z.output<typeof tabellerFilSchema>;

/** The files of one report's data folder, each with its schema. */
export const DATAFILER = {
  rapport: { fil: MANIFEST, schema: rapportSchema, krävs: true },
  tabeller: { fil: 'tabeller.yaml', schema: tabellerFilSchema, krävs: false },
  mål: { fil: 'mal.yaml', schema: målFilSchema, krävs: false },
  uppdrag: { fil: 'uppdrag.yaml', schema: uppdragFilSchema, krävs: false },
  uppgifter: { fil: 'uppgifter.yaml', schema: uppgifterFilSchema, krävs: false },
} as const;

export interface NarrativeFile {
  /** File name without folder, e.g. `03-sammanfattning.md`. */
  namn: string;
  /** Path relative to the project root. */
  fil: string;
  text: string;
}

export interface RawFile {
  fil: string;
  text: string;
}

export interface LoadedReport {
  id: string;
  rapport?: Rapport;
  tabeller: TabellerFil;
  mål?: MålFil;
  uppdrag?: UppdragFil;
  uppgifter?: UppgifterFil;
  /** The kommun's profile, resolved (set by validation; see src/profil). */
  profil?: Profil;
  narrative: NarrativeFile[];
  /** Source maps by data file key, for positions of facts. */
  sources: Partial<Record<keyof typeof DATAFILER, SourceMap>>;
  /** Every input file with its text, for hashes in the workbook's Om sheet. */
  files: RawFile[];
  diagnostics: Diagnostic[];
}

export { listReports, projectPaths, type ProjectPaths } from './project.js';

/** Validation is pure: an unchanged file (same parsed value, see loadYaml's cache) is not validated again. */
const validatedCache = new WeakMap<object, z.ZodSafeParseResult<unknown>>();
function validated<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  if (typeof value !== 'object' || value === null) return schema.safeParse(value);
  let r = validatedCache.get(value);
  if (!r) validatedCache.set(value, (r = schema.safeParse(value)));
  return r as z.ZodSafeParseResult<z.output<T>>;
}

/** Like validation, the value scan is pure: an unchanged file (the same parsed value) is not scanned again. */
const scannedCache = new WeakMap<object, Diagnostic[]>();
function scannedValues(value: unknown, source: SourceMap, text: string): Diagnostic[] {
  if (typeof value !== 'object' || value === null) return scanValues(value, source, text);
  let r = scannedCache.get(value);
  if (!r) scannedCache.set(value, (r = scanValues(value, source, text)));
  return r.map((d) => ({ ...d }));
}

const rel = (root: string, p: string): string => relative(root, p).split('\\').join('/');

/** Reads and schema-validates one report. Never throws for bad input: problems become diagnostics. */
export function loadReport(paths: ProjectPaths, id: string): LoadedReport {
  const dir = join(paths.data, id);
  const out: LoadedReport = {
    id,
    tabeller: { tabeller: [], samband: [] },
    narrative: [],
    sources: {},
    files: [],
    diagnostics: [],
  };
  if (!existsSync(dir)) {
    out.diagnostics.push({
      allvarlighet: 'fel',
      regel: 'saknad-fil',
      meddelande: `rapporten "${id}" finns inte (ingen mapp ${rel(paths.root, dir)})`,
    });
    return out;
  }
  if (!isDirectory(dir)) {
    out.diagnostics.push({
      allvarlighet: 'fel',
      regel: 'läsfel',
      meddelande: `${rel(paths.root, dir)} är en fil, men ska vara rapportens mapp`,
      plats: { fil: rel(paths.root, dir), rad: 1, kolumn: 1 },
    });
    return out;
  }
  for (const [key, spec] of Object.entries(DATAFILER) as [
    keyof typeof DATAFILER,
    (typeof DATAFILER)[keyof typeof DATAFILER],
  ][]) {
    const full = join(dir, spec.fil);
    const fil = rel(paths.root, full);
    if (!existsSync(full)) {
      if (spec.krävs) {
        out.diagnostics.push({
          allvarlighet: 'fel',
          regel: 'saknad-fil',
          meddelande: `filen saknas: ${fil} (varje rapport behöver ${spec.fil})`,
          plats: { fil, rad: 1, kolumn: 1 },
        });
      }
      continue;
    }
    const read = readInputFile(full, fil);
    out.diagnostics.push(...read.diagnostics);
    if (read.text === undefined) continue;
    const text = read.text;
    out.files.push({ fil, text });
    const loaded = loadYaml(text, fil);
    out.sources[key] = loaded.source;
    out.diagnostics.push(...loaded.diagnostics);
    if (loaded.value === undefined) continue;
    const limits = scannedValues(loaded.value, loaded.source, text);
    if (limits.length) {
      // Reported at their place; the schema's messages about the same values would only repeat them.
      out.diagnostics.push(...limits);
      continue;
    }
    const parsed = validated(spec.schema, loaded.value ?? {});
    if (!parsed.success) {
      out.diagnostics.push(...zodToDiagnostics(parsed.error, loaded.value, loaded.source));
      continue;
    }
    // The casts follow the table above: each key's schema produces that key's type.
    (out as unknown as Record<string, unknown>)[key] = parsed.data;
  }
  const contentDir = join(paths.content, id);
  if (existsSync(contentDir)) {
    const cfil = rel(paths.root, contentDir);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(contentDir, { withFileTypes: true });
    } catch (e) {
      out.diagnostics.push({
        allvarlighet: 'fel',
        regel: 'läsfel',
        meddelande: `kunde inte läsa mappen ${cfil}: ${osFelSv(e)}`,
        plats: { fil: cfil, rad: 1, kolumn: 1 },
      });
    }
    for (const name of entries
      .map((d) => d.name)
      .filter((n) => n.endsWith('.md'))
      .sort()) {
      const full = join(contentDir, name);
      const fil = rel(paths.root, full);
      const read = readInputFile(full, fil);
      out.diagnostics.push(...read.diagnostics);
      if (read.text === undefined) continue;
      out.narrative.push({ namn: name, fil, text: read.text });
      out.files.push({ fil, text: read.text });
    }
  }
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
