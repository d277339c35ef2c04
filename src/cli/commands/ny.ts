import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostic, hasErrors } from '../../diagnostics/diagnostic.js';
import { compose, loadTemplate, templateName } from '../../compose/compose.js';
import { DATAFILER, projectPaths, type LoadedReport, type ProjectPaths } from '../../load/load-report.js';
import type { Dokument } from '../../model/dokument.js';
import { rullaFram, RullaFramFel, type Fil } from '../../rollforward/index.js';
import { idSchema } from '../../schema/common.js';
import { loadAndValidate } from '../../validate/validate-report.js';

/** Composes a validated report; undefined when its template is missing or composing throws. */
function sättSamman(paths: ProjectPaths, r: LoadedReport): Dokument | undefined {
  if (!r.rapport) return undefined;
  try {
    return compose(r, loadTemplate(paths, templateName(r.rapport)));
  } catch {
    return undefined;
  }
}

export interface NyOptions {
  från: string;
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
  for (const [vad, id] of [['den nya rapportens namn', newId], ['--från', från]] as const) {
    const ok = typeof id === 'string' && idSchema.safeParse(id).success;
    if (!ok) {
      console.error(`fel: ${vad} "${id ?? ''}" är inget giltigt rapport-id (små bokstäver, siffror, - och _; t.ex. ks-internbudget-2025)`);
      return 2;
    }
  }
  const paths = projectPaths(root);
  const rel = (p: string): string => relative(root, p).split('\\').join('/') || '.';
  const källData = join(paths.data, från);
  const källText = join(paths.content, från);
  if (!existsSync(join(källData, 'rapport.yaml'))) {
    console.error(`fel: rapporten "${från}" finns inte (ingen ${rel(join(källData, 'rapport.yaml'))})`);
    return 1;
  }
  const målData = join(paths.data, newId);
  const målText = join(paths.content, newId);
  const finnsRedan = (): string[] => [målData, målText].filter((p) => existsSync(p)).map(rel);
  const upptagna = finnsRedan();
  if (upptagna.length) {
    console.error(
      `fel: ${upptagna.join(' och ')} finns redan; ny skriver aldrig över en befintlig rapport (välj ett annat namn eller ta bort mappen själv). Inget skrevs.`,
    );
    return 1;
  }

  const källa = loadAndValidate(paths, från);
  if (hasErrors(källa.diagnostics) || !källa.rapport) {
    for (const d of källa.diagnostics) if (d.allvarlighet === 'fel') console.error(formatDiagnostic(d));
    console.error(`fel: rapporten "${från}" har fel; rätta dem innan den rullas fram. Inget skrevs.`);
    return 1;
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
    if (e.isFile() && KÄNDA_DATAFILER.has(e.name)) data.push({ namn: e.name, text: readFileSync(join(källData, e.name), 'utf8') });
    else if (e.isFile()) kopior.push({ från: join(källData, e.name), till: 'data', namn: e.name });
    else anteckningar.push(`${rel(join(källData, e.name))}: mappen kopierades inte`);
  }
  if (existsSync(källText)) {
    for (const e of readdirSync(källText, { withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.md')) texter.push({ namn: e.name, text: readFileSync(join(källText, e.name), 'utf8') });
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

  // Stage beside the targets (same file system, so the final rename is atomic per folder).
  let stageData: string | undefined;
  let stageText: string | undefined;
  const städa = (): void => {
    for (const s of [stageData, stageText]) if (s) rmSync(s, { recursive: true, force: true });
  };
  try {
    stageData = mkdtempSync(join(paths.data, `.ny-${newId}-`));
    mkdirSync(paths.content, { recursive: true });
    stageText = mkdtempSync(join(paths.content, `.ny-${newId}-`));
    const nyData = join(stageData, newId);
    const nyText = join(stageText, newId);
    mkdirSync(nyData);
    mkdirSync(nyText);
    for (const f of ny.data) writeFileSync(join(nyData, f.namn), f.text, { flag: 'wx' });
    for (const f of ny.texter) writeFileSync(join(nyText, f.namn), f.text, { flag: 'wx' });
    for (const k of kopior) cpSync(k.från, join(k.till === 'data' ? nyData : nyText, k.namn), { errorOnExist: true, force: false });

    // The new report must be valid before it is put in place, and compose if the old one did.
    const stage = { ...paths, data: stageData, content: stageText };
    const kontroll = loadAndValidate(stage, newId);
    const fel = hasErrors(kontroll.diagnostics)
      ? kontroll.diagnostics
      : gammalHel
        ? (sättSamman(stage, kontroll)?.diagnostics ?? [{ allvarlighet: 'fel' as const, regel: 'mall', meddelande: 'rapporten gick inte att sätta samman' }])
        : [];
    if (hasErrors(fel)) {
      for (const d of fel) if (d.allvarlighet === 'fel') console.error(formatDiagnostic(d));
      console.error(`fel: den framrullade rapporten "${newId}" blev inte giltig (ett fel i ny); inget skrevs.`);
      return 1;
    }

    const nuUpptagna = finnsRedan();
    if (nuUpptagna.length) {
      console.error(`fel: ${nuUpptagna.join(' och ')} skapades medan ny arbetade; inget skrevs.`);
      return 1;
    }
    renameSync(nyData, målData);
    try {
      renameSync(nyText, målText);
    } catch (e) {
      renameSync(målData, nyData);
      throw e;
    }
  } catch (e) {
    console.error(`fel: kunde inte skriva rapporten "${newId}": ${e instanceof Error ? e.message : String(e)}. Inget skrevs.`);
    return 1;
  } finally {
    städa();
  }

  const plan = (p: { från: number; till: number } | undefined): string => (p ? `, planår ${p.från}–${p.till}` : '');
  console.log(`${newId}: framrullad från ${från} (budgetår ${ny.budgetår.från} → ${ny.budgetår.till}${plan(ny.planår)}, status utkast)`);
  console.log(`skrev ${rel(målData)}/ (${ny.data.map((f) => f.namn).join(', ')}) och ${rel(målText)}/ (${ny.texter.length} textfiler, markerade UTKAST)`);
  for (const a of [...ny.anteckningar, ...anteckningar]) console.log(`  ${a}`);
  console.log(
    `Nästa steg: skriv om texterna och ta bort UTKAST-raderna, granska uppdragen (ta bort granska: true), fyll i årets utfall och budget (tomma celler) och kör kommunrapport validate ${newId}.`,
  );
  return 0;
}
