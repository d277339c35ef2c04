import type { DiagnosRegel } from './regler.js';
/** One message type for every stage: load, validate, compose, check. Modelled on vfile messages. */
export type Allvarlighet = 'fel' | 'varning' | 'info';

export interface Position {
  /** Path relative to the project root, with forward slashes. */
  fil: string;
  /** 1-based. */
  rad: number;
  /** 1-based. */
  kolumn: number;
}

export interface Diagnostic {
  allvarlighet: Allvarlighet;
  /** Rule or stage id, e.g. `yaml-syntax`, `schema`, `dubblett-id`, `text-mot-tabell`. */
  regel: DiagnosRegel;
  meddelande: string;
  plats?: Position;
  /** Field path inside the file, e.g. `driftsammandrag.rader[3].värden.budget_2024`. */
  fält?: string;
  /** Fact ids involved (report/table/row/column). */
  fakta?: string[];
  /** Set when the finding was accepted in the report's data, with the stated reason. */
  accepterad?: string;
}

export function formatPosition(p: Position | undefined): string {
  if (!p) return '';
  return `${p.fil}:${p.rad}:${p.kolumn}`;
}

/** Compiler-style single line: `file:line:col severity rule: field: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.plats ? `${formatPosition(d.plats)} ` : '';
  const field = d.fält ? `${d.fält}: ` : '';
  const accepted = d.accepterad ? ` [accepterad: ${d.accepterad}]` : '';
  return `${where}${d.allvarlighet} ${d.regel}: ${field}${d.meddelande}${accepted}`;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.allvarlighet === 'fel' && !d.accepterad);
}

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const fa = a.plats?.fil ?? '';
    const fb = b.plats?.fil ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const ra = a.plats?.rad ?? 0;
    const rb = b.plats?.rad ?? 0;
    if (ra !== rb) return ra - rb;
    return (a.plats?.kolumn ?? 0) - (b.plats?.kolumn ?? 0);
  });
}
