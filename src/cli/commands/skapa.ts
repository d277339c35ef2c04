import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compose, loadTemplate, templateName } from '../../compose/compose.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../core/diagnostics/diagnostic.js';
import type { LoadedReport, ProjectPaths } from '../../load/load-report.js';
import type { Dokument } from '../../core/model/dokument.js';
import { idSchema } from '../../schema/common.js';
import { loadAndValidate } from '../../validate/validate-report.js';

export interface Fil {
  namn: string;
  text: string;
}

/** Composes a validated report; undefined when its template is missing or composing throws. */
export function sättSamman(paths: ProjectPaths, r: LoadedReport): Dokument | undefined {
  if (!r.rapport) return undefined;
  try {
    return compose(r, loadTemplate(paths, templateName(r.rapport)));
  } catch {
    return undefined;
  }
}

/** An id the CLI was given, checked; prints the Swedish message and returns false when it is not one. */
export function giltigtId(vad: string, id: unknown): boolean {
  if (typeof id === 'string' && idSchema.safeParse(id).success) return true;
  console.error(
    `fel: ${vad} "${typeof id === 'string' ? id : ''}" är inget giltigt rapport-id (små bokstäver, siffror, - och _; t.ex. ks-internbudget-2025)`,
  );
  return false;
}

export const relativ = (root: string, p: string): string => relative(root, p).split('\\').join('/') || '.';

/** The folders a new report would take that already exist; a new report never overwrites them. */
export function upptagna(paths: ProjectPaths, id: string): string[] {
  return [join(paths.data, id), join(paths.content, id)]
    .filter((p) => existsSync(p))
    .map((p) => relativ(paths.root, p));
}

export interface NyaFiler {
  data: Fil[];
  texter: Fil[];
  /** Other files copied unchanged into the new report's folders. */
  kopior?: { från: string; till: 'data' | 'content'; namn: string }[];
}

/**
 * Writes a new report: into temporary folders beside the targets, then validated (and composed,
 * when `måsteSättasSamman`), and only then renamed into place, so a failure leaves nothing behind
 * and nothing is ever overwritten. Returns 0, or 1 after printing why nothing was written.
 */
export function skrivNyRapport(
  paths: ProjectPaths,
  id: string,
  filer: NyaFiler,
  måsteSättasSamman: boolean,
  kommando: string,
): number {
  const målData = join(paths.data, id);
  const målText = join(paths.content, id);
  let stageData: string | undefined;
  let stageText: string | undefined;
  try {
    mkdirSync(paths.data, { recursive: true });
    mkdirSync(paths.content, { recursive: true });
    stageData = mkdtempSync(join(paths.data, `.ny-${id}-`));
    stageText = mkdtempSync(join(paths.content, `.ny-${id}-`));
    const nyData = join(stageData, id);
    const nyText = join(stageText, id);
    mkdirSync(nyData);
    mkdirSync(nyText);
    for (const f of filer.data) writeFileSync(join(nyData, f.namn), f.text, { flag: 'wx' });
    for (const f of filer.texter) writeFileSync(join(nyText, f.namn), f.text, { flag: 'wx' });
    for (const k of filer.kopior ?? [])
      cpSync(k.från, join(k.till === 'data' ? nyData : nyText, k.namn), { errorOnExist: true, force: false });

    const stage = { ...paths, data: stageData, content: stageText };
    const kontroll = loadAndValidate(stage, id);
    const fel: Diagnostic[] = hasErrors(kontroll.diagnostics)
      ? kontroll.diagnostics
      : måsteSättasSamman
        ? (sättSamman(stage, kontroll)?.diagnostics ?? [
            { allvarlighet: 'fel', regel: 'mall', meddelande: 'rapporten gick inte att sätta samman' },
          ])
        : [];
    if (hasErrors(fel)) {
      for (const d of fel) if (d.allvarlighet === 'fel') console.error(formatDiagnostic(d));
      console.error(`fel: den nya rapporten "${id}" blev inte giltig (ett fel i ${kommando}); inget skrevs.`);
      return 1;
    }
    const nu = upptagna(paths, id);
    if (nu.length) {
      console.error(`fel: ${nu.join(' och ')} skapades medan ${kommando} arbetade; inget skrevs.`);
      return 1;
    }
    renameSync(nyData, målData);
    try {
      renameSync(nyText, målText);
    } catch (e) {
      renameSync(målData, nyData);
      throw e;
    }
    return 0;
  } catch (e) {
    console.error(
      `fel: kunde inte skriva rapporten "${id}": ${e instanceof Error ? e.message : String(e)}. Inget skrevs.`,
    );
    return 1;
  } finally {
    for (const s of [stageData, stageText]) if (s) rmSync(s, { recursive: true, force: true });
  }
}
