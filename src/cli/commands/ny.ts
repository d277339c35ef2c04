import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import { DATAFILER, projectPaths } from '../../load/load-report.js';
import { rullaFram, RullaFramFel, type Fil } from '../../rollforward/index.js';
import { RAPPORTTYPER, type Rapporttyp } from '../../schema/rapport.js';
import { bytTyp } from '../../start/byt-typ.js';
import { loadAndValidate } from '../../validate/validate-report.js';
import { giltigtId, relativ, skrivNyRapport, sättSamman, upptagna } from './skapa.js';

export interface NyOptions {
  från: string;
  /** Another kind than the source's: the same year's follow-up started from its budget. */
  typ?: string;
}

const KÄNDA_DATAFILER = new Set<string>(Object.values(DATAFILER).map((d) => d.fil));

/**
 * `kommunrapport ny <ny-rapport> --från <rapport>`: rolls a report forward to the next year
 * (see src/rollforward). Never overwrites: if data/<ny> or content/<ny> exists, nothing is
 * written. Everything is written to temporary folders beside the targets, validated, and then
 * renamed into place, so a failure leaves no half-written report.
 *
 * Exit codes: 0 ok, 1 the report cannot be rolled (unknown source, errors in it, target exists),
 * 2 wrong use (an id that is not a valid report id).
 */
export function runNy(root: string, newId: string, opts: NyOptions): number {
  const från = opts.från;
  if (!giltigtId('den nya rapportens namn', newId) || !giltigtId('--från', från)) return 2;
  if (opts.typ !== undefined && !(RAPPORTTYPER as readonly string[]).includes(opts.typ)) {
    console.error(`fel: --typ "${opts.typ}" är ingen rapporttyp; välj en av ${RAPPORTTYPER.join(', ')}`);
    return 2;
  }
  const paths = projectPaths(root);
  const rel = (p: string): string => relativ(root, p);
  const källData = join(paths.data, från);
  const källText = join(paths.content, från);
  if (!existsSync(join(källData, 'rapport.yaml'))) {
    console.error(`fel: rapporten "${från}" finns inte (ingen ${rel(join(källData, 'rapport.yaml'))})`);
    return 1;
  }
  const målData = join(paths.data, newId);
  const målText = join(paths.content, newId);
  const finns = upptagna(paths, newId);
  if (finns.length) {
    console.error(
      `fel: ${finns.join(' och ')} finns redan; ny skriver aldrig över en befintlig rapport (välj ett annat namn eller ta bort mappen själv). Inget skrevs.`,
    );
    return 1;
  }

  const källa = loadAndValidate(paths, från);
  if (hasErrors(källa.diagnostics) || !källa.rapport) {
    for (const d of källa.diagnostics) if (d.allvarlighet === 'fel') console.error(formatDiagnostic(d));
    console.error(`fel: rapporten "${från}" har fel; rätta dem innan den rullas fram. Inget skrevs.`);
    return 1;
  }
  if (opts.typ !== undefined && opts.typ !== källa.rapport.rapporttyp) {
    return nyTyp(paths, newId, från, opts.typ as Rapporttyp);
  }
  // What the old report's references printed, for references whose figure the new tables no longer
  // show; and whether the old report composes, so the new one must too.
  const gammal = sättSamman(paths, källa);
  const referenstexter = new Map((gammal?.referenser ?? []).map((r) => [r.källa, r.text] as const));
  const gammalHel = gammal !== undefined && !hasErrors(gammal.diagnostics);

  // Read the source folders: the data files and narrative go through the roll-forward; any other
  // file is copied unchanged, and a sub-folder is left behind (with a note).
  const data: Fil[] = [];
  const texter: Fil[] = [];
  const kopior: { från: string; till: 'data' | 'content'; namn: string }[] = [];
  const anteckningar: string[] = [];
  for (const e of readdirSync(källData, { withFileTypes: true })) {
    if (e.isFile() && KÄNDA_DATAFILER.has(e.name))
      data.push({ namn: e.name, text: readFileSync(join(källData, e.name), 'utf8') });
    else if (e.isFile()) kopior.push({ från: join(källData, e.name), till: 'data', namn: e.name });
    else anteckningar.push(`${rel(join(källData, e.name))}: mappen kopierades inte`);
  }
  if (existsSync(källText)) {
    for (const e of readdirSync(källText, { withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.md'))
        texter.push({ namn: e.name, text: readFileSync(join(källText, e.name), 'utf8') });
      else if (e.isFile()) kopior.push({ från: join(källText, e.name), till: 'content', namn: e.name });
      else anteckningar.push(`${rel(join(källText, e.name))}: mappen kopierades inte`);
    }
  }
  texter.sort((a, b) => a.namn.localeCompare(b.namn));

  let ny: ReturnType<typeof rullaFram>;
  try {
    ny = rullaFram({ id: från, data, texter, referenstexter }, newId);
  } catch (e) {
    if (e instanceof RullaFramFel) {
      console.error(`fel: ${e.message}. Inget skrevs.`);
      return 1;
    }
    throw e;
  }
  for (const k of kopior) anteckningar.push(`${k.till}/${newId}/${k.namn}: kopierad oförändrad`);

  const skrivet = skrivNyRapport(paths, newId, { data: ny.data, texter: ny.texter, kopior }, gammalHel, 'ny');
  if (skrivet !== 0) return skrivet;

  const plan = (p: { från: number; till: number } | undefined): string => (p ? `, planår ${p.från}–${p.till}` : '');
  console.log(
    `${newId}: framrullad från ${från} (budgetår ${ny.budgetår.från} → ${ny.budgetår.till}${plan(ny.planår)}, status utkast)`,
  );
  console.log(
    `skrev ${rel(målData)}/ (${ny.data.map((f) => f.namn).join(', ')}) och ${rel(målText)}/ (${ny.texter.length} textfiler, markerade UTKAST)`,
  );
  for (const a of [...ny.anteckningar, ...anteckningar]) console.log(`  ${a}`);
  console.log(
    `Nästa steg: skriv om texterna och ta bort UTKAST-raderna, granska uppdragen (ta bort granska: true), fyll i årets utfall och budget (tomma celler) och kör kommunrapport validate ${newId}.`,
  );
  return 0;
}

/** `ny <rapport> --från <budget> --typ delårsrapport`: the same year's follow-up, started from its budget. */
function nyTyp(paths: ReturnType<typeof projectPaths>, newId: string, från: string, typ: Rapporttyp): number {
  const läs = (namn: string): string | undefined => {
    const f = join(paths.data, från, namn);
    return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  };
  const data: Fil[] = [];
  for (const namn of Object.values(DATAFILER).map((d) => d.fil)) {
    const text = läs(namn);
    if (text !== undefined) data.push({ namn, text });
  }
  const ny = bytTyp({ id: från, data }, newId, typ);
  const skrivet = skrivNyRapport(paths, newId, ny, true, 'ny');
  if (skrivet !== 0) return skrivet;
  console.log(`${newId}: ${typ} påbörjad från ${från} (budgetår ${ny.budgetår}, status utkast)`);
  console.log(
    `skrev ${relativ(paths.root, join(paths.data, newId))}/ (${ny.data.map((f) => f.namn).join(', ')}) och ${relativ(paths.root, join(paths.content, newId))}/ (${ny.texter.length} kapitel att skriva, markerade UTKAST)`,
  );
  for (const a of ny.anteckningar) console.log(`  ${a}`);
  console.log(
    `Nästa steg: fyll i utfall och prognos (tomma celler), bedöm målen, ge uppdragen status och kör kommunrapport validate ${newId}.`,
  );
  return 0;
}
