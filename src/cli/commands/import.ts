import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runChecks } from '../../check/index.js';
import { summarise } from '../../check/summary.js';
import { formatDiagnostic, formatPosition, hasErrors, type Diagnostic } from '../../core/diagnostics/diagnostic.js';
import { tillämpa } from '../../import/apply.js';
import { kompileraMappning } from '../../import/compile-mapping.js';
import { Importfel, type Export } from '../../import/ledger.js';
import { läsMappning } from '../../import/load-mapping.js';
import { nyMappning } from '../../import/new-mapping.js';
import { läsExport, type Läsval } from '../../import/read-export.js';
import { omappadeRader, summarader, ändringsrader } from '../../import/report.js';
import { skrivVärden } from '../../import/write-tables.js';
import { projectPaths, type ProjectPaths } from '../../load/load-report.js';
import type { Kontrollresultat, TextBelopp } from '../../core/model/kontroll.js';
import { loadAndCompose } from '../../pipeline.js';
import { idSchema } from '../../schema/common.js';
import { loadAndValidate } from '../../validate/validate-report.js';
import { writeFileAtomic } from '../../write/atomic.js';

export interface ImportOptions {
  från: string;
  mappning?: string;
  torrkörning?: boolean;
  nyMappning?: boolean;
}

const fel = (plats: string, meddelande: string): string => `${plats} fel import: ${meddelande}`;

/**
 * `kommunrapport import <rapport> --från <export> [--mappning <fil>] [--torrkörning] [--ny-mappning]`:
 * figures from the ekonomisystem's export into tabeller.yaml, in place. Prints every changed cell,
 * the export's and the import's totals per column and every unmapped amount; writes only when
 * everything succeeded (and not with --torrkörning); then runs the checks on the new tables and
 * prints every narrative figure that no longer agrees.
 *
 * Exit codes: 0 imported (or shown), 1 errors in the export, the mapping or the report, 2 wrong use.
 */
export async function runImport(root: string, id: string, opts: ImportOptions): Promise<number> {
  if (!idSchema.safeParse(id).success) {
    console.error(`fel: "${id}" är inget giltigt rapport-id (små bokstäver, siffror, - och _)`);
    return 2;
  }
  const paths = projectPaths(root);
  const rel = (p: string): string => relative(root, p).split('\\').join('/') || '.';
  // Files inside the project are named from its root, others as given.
  const namn = (p: string, given: string): string => (rel(p).startsWith('..') ? given : rel(p));
  // Paths given on the command line are the shell's: relative to the working directory.
  const exportfil = resolve(opts.från);
  if (!existsSync(exportfil)) {
    console.error(`fel: exporten ${opts.från} finns inte`);
    return 1;
  }
  const mappningsfil = opts.mappning !== undefined ? resolve(opts.mappning) : join(paths.data, id, 'mappning.yaml');

  const rapport = loadAndValidate(paths, id);
  if (hasErrors(rapport.diagnostics) || !rapport.rapport) {
    for (const d of rapport.diagnostics) if (d.allvarlighet === 'fel') console.error(formatDiagnostic(d));
    console.error(`fel: rapporten "${id}" har fel; rätta dem innan du importerar. Inget skrevs.`);
    return 1;
  }
  const bytes = new Uint8Array(readFileSync(exportfil));

  const mappningsnamn = namn(mappningsfil, opts.mappning ?? '');
  if (opts.nyMappning) {
    if (opts.torrkörning) {
      const exp = await läs(bytes, namn(exportfil, opts.från), { kodning: 'auto' });
      if (!exp) return 1;
      process.stdout.write(nyMappning(exp, id, rapport.tabeller.tabeller));
      return 0;
    }
    if (existsSync(mappningsfil)) {
      console.error(
        `fel: ${mappningsnamn} finns redan; --ny-mappning skriver aldrig över en mappning (ange en annan fil med --mappning). Inget skrevs.`,
      );
      return 1;
    }
    const exp = await läs(bytes, namn(exportfil, opts.från), { kodning: 'auto' });
    if (!exp) return 1;
    writeFileAtomic(mappningsfil, nyMappning(exp, id, rapport.tabeller.tabeller));
    console.log(
      `skrev ${mappningsnamn}: ${exp.rader.length} belopp, ${exp.konton.size} konton, dimensionerna ${[...exp.dimensioner.keys()].join(', ') || '(inga)'}`,
    );
    console.log(
      `Nästa steg: fyll i raderna och kör kommunrapport import ${id} --från ${opts.från} --mappning ${mappningsnamn} --torrkörning`,
    );
    return 0;
  }

  const m = läsMappning(mappningsfil, mappningsnamn);
  if (!m.mappning || !m.källa || hasErrors(m.diagnostics)) {
    for (const d of m.diagnostics) console.error(formatDiagnostic(d));
    console.error('Inget skrevs.');
    return 1;
  }
  const k = m.mappning.källa;
  const val: Läsval = {
    kodning: k.kodning,
    ...(k.blad !== undefined ? { blad: k.blad } : {}),
    ...(k.rubrikrad !== undefined ? { rubrikrad: k.rubrikrad } : {}),
    ...(k.kolumner ? { kolumner: k.kolumner } : {}),
  };
  const exp = await läs(bytes, namn(exportfil, opts.från), val);
  if (!exp) return 1;

  const mappad = kompileraMappning(exp, m.mappning, m.källa, rapport.tabeller.tabeller);
  for (const d of mappad.varningar) console.log(formatDiagnostic(d));
  const res = mappad.fel.length ? undefined : tillämpa(exp, mappad.tabeller, m.mappning.enhet);
  if (!res || res.fel.length) {
    for (const d of res?.fel ?? mappad.fel) console.error(formatDiagnostic(d));
    console.error('Inget skrevs.');
    return 1;
  }
  const tabellfil = join(paths.data, id, 'tabeller.yaml');
  const gammalText = readFileSync(tabellfil, 'utf8');
  const kolumnIds = new Map(rapport.tabeller.tabeller.map((t) => [t.id, t.kolumner.map((c) => c.id)] as const));
  const ny = skrivVärden(gammalText, rel(tabellfil), res.värden, kolumnIds);

  console.log(
    `${exp.fil}: ${exp.rader.length} belopp${exp.summarader.length ? `, ${exp.summarader.length} summarader överhoppade` : ''}`,
  );
  for (const rad of ändringsrader(ny.ändringar)) console.log(rad);
  for (const rad of summarader(res.summor, m.mappning.enhet)) console.log(rad);
  for (const [t, o] of res.omappadeITabell)
    for (const rad of omappadeRader(`Inom urvalet för ${t} men i ingen av dess rader`, o)) console.log(rad);
  const omappade = omappadeRader('Omappade belopp, i ingen tabell', res.omappade);
  console.log(omappade.length ? omappade.join('\n') : 'Alla belopp i exporten är mappade.');

  // The checks on the new tables, in a staged copy of the report's data; nothing is written unless they load.
  const före = kontroll(paths, id);
  const efter = kontrollMedTabeller(paths, id, ny.text, rel);
  if (!efter.ok) {
    for (const d of efter.k.fynd) if (d.allvarlighet === 'fel') console.error(formatDiagnostic(d));
    console.error(`fel: rapporten blir ogiltig med de importerade värdena. Inget skrevs.`);
    return 1;
  }
  if (opts.torrkörning) console.log(`Torrkörning: ${rel(tabellfil)} skrevs inte.`);
  else if (ny.ändringar.length) {
    writeFileAtomic(tabellfil, ny.text);
    console.log(`skrev ${rel(tabellfil)} (${ny.ändringar.length} celler)`);
  }
  for (const rad of kontrollrader(före, efter.k)) console.log(rad);
  console.log(`${id} efter importen: ${summarise(efter.k)}`);
  return 0;
}

async function läs(bytes: Uint8Array, fil: string, val: Läsval): Promise<Export | undefined> {
  try {
    return await läsExport(bytes, fil, val);
  } catch (e) {
    if (!(e instanceof Importfel)) throw e;
    console.error(fel(e.plats, e.message));
    console.error('Inget skrevs.');
    return undefined;
  }
}

function kontroll(paths: ProjectPaths, id: string): Kontrollresultat {
  const c = loadAndCompose(paths, id);
  return c.dokument ? runChecks(c.dokument) : { fynd: c.diagnostics, belopp: [] };
}

/** The checks with a new tabeller.yaml: a copy of the report's data folder beside it, then removed. */
function kontrollMedTabeller(
  paths: ProjectPaths,
  id: string,
  text: string,
  rel: (p: string) => string,
): { ok: boolean; k: Kontrollresultat } {
  const stage = mkdtempSync(join(paths.data, `.import-${id}-`));
  try {
    cpSync(join(paths.data, id), join(stage, id), { recursive: true });
    writeFileSync(join(stage, id, 'tabeller.yaml'), text);
    const c = loadAndCompose({ ...paths, data: stage }, id);
    // Positions in the staged copy name the report's own files.
    const från = `${rel(stage)}/`;
    const till = `${rel(paths.data)}/`;
    const flytta = (d: Diagnostic): void => {
      if (d.plats?.fil.startsWith(från)) d.plats.fil = till + d.plats.fil.slice(från.length);
    };
    c.diagnostics.forEach(flytta);
    const k = c.dokument ? runChecks(c.dokument) : { fynd: c.diagnostics, belopp: [] };
    k.fynd.forEach(flytta);
    return {
      ok:
        c.dokument !== undefined &&
        !c.diagnostics.some((d) => d.allvarlighet === 'fel' && ['schema', 'yaml-syntax'].includes(d.regel)),
      k,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

const beloppNyckel = (b: TextBelopp): string => `${formatPosition(b.plats)} ${b.text}`;
const fyndNyckel = (d: Diagnostic): string => `${d.regel} ${d.fält ?? ''} ${d.meddelande}`;

/** Every narrative figure that contradicts the new tables, and the findings the import brought. */
function kontrollrader(före: Kontrollresultat, efter: Kontrollresultat): string[] {
  const motsade = new Set(före.belopp.filter((b) => b.verdikt === 'motsäger').map(beloppNyckel));
  const motsäger = efter.belopp.filter((b) => b.verdikt === 'motsäger');
  const ut: string[] = [];
  if (motsäger.length) {
    ut.push(`Siffror i texten som inte stämmer med tabellerna efter importen (${motsäger.length}):`);
    for (const b of motsäger) {
      const nytt = motsade.has(beloppNyckel(b)) ? '' : ' [ny]';
      ut.push(`  ${formatPosition(b.plats)} "${b.text}" motsäger ${b.kommentar ?? 'tabellerna'}${nytt}`);
    }
  } else ut.push('Alla siffror i texten som kan kontrolleras stämmer med tabellerna efter importen.');
  const fanns = new Set(före.fynd.map(fyndNyckel));
  const nya = efter.fynd.filter(
    (d) => d.allvarlighet !== 'info' && !d.accepterad && !fanns.has(fyndNyckel(d)) && d.regel !== 'text-mot-tabell',
  );
  if (nya.length) {
    ut.push(`Nya fynd i kontrollen efter importen (${nya.length}):`);
    for (const d of nya) ut.push(`  ${formatDiagnostic(d)}`);
  }
  return ut;
}
