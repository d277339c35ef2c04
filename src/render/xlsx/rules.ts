import type { Dokument, TabellBlock } from '../../model/dokument.js';
import { parseExpression } from '../../validate/report-semantics.js';
import { roundHalfAway } from '../../format/number.js';
import { exactSum } from './exact.js';

/**
 * A table's declared rules (TabellBlock.regler) turned into computations: one per published
 * figure a rule recomputes. A row rule (`rad: X, är: "a + b - c"`) gives one per column (or per
 * column in `kolumner`), adding the rows a, b, c of that column; a column rule gives one per row
 * (or per row in `rader`). Only figures published as numbers are recomputed: a marker or a blank
 * cell has nothing to compare with.
 */
export interface Beräkning {
  rad: string;
  kolumn: string;
  /** The published figure. */
  publicerat: number;
  termer: { sign: 1 | -1; rad: string; kolumn: string; värde: number | null }[];
  /** Σ of the terms; cells that are not numbers count as 0, as SUM() in Excel counts text. */
  beräknat: number;
  /** publicerat − beräknat. */
  differens: number;
}

export interface RegelPlan {
  /** 1-based number of the rule in the table. */
  nummer: number;
  typ: 'rad' | 'kolumn';
  /** The row or column id the rule computes. */
  mål: string;
  uttryck: { sign: 1 | -1; id: string }[];
  /** The columns (row rule) or rows (column rule) it is limited to, if any. */
  avgränsning?: string[];
  beskrivning?: string;
  beräkningar: Beräkning[];
  /** Ids in the rule that the table does not have; the rule is then not computed. */
  okända: string[];
}

/** The published number in a table cell, or null for markers, text and blanks. */
export function numberAt(d: Dokument, t: TabellBlock, rad: string, kolumn: string): number | null {
  const row = t.rader.find((r) => r.id === rad);
  const ci = t.kolumner.findIndex((c) => c.id === kolumn);
  const id = row && ci >= 0 ? row.celler[ci] : null;
  const f = id ? d.fakta.get(id) : undefined;
  return f && f.cell.typ === 'tal' ? f.cell.tal : null;
}

export function planRules(d: Dokument, t: TabellBlock): RegelPlan[] {
  const rowIds = t.rader.map((r) => r.id);
  const colIds = t.kolumner.map((c) => c.id);
  return t.regler.map((regel, i) => {
    const typ: 'rad' | 'kolumn' = regel.rad !== undefined ? 'rad' : 'kolumn';
    const mål = (typ === 'rad' ? regel.rad : regel.kolumn) ?? '';
    const uttryck = parseExpression(regel.är);
    const along = typ === 'rad' ? rowIds : colIds; // what the terms name
    const across = typ === 'rad' ? colIds : rowIds; // where the rule applies
    const limit = typ === 'rad' ? regel.kolumner : regel.rader;
    const okända = [mål, ...uttryck.map((x) => x.id)].filter((id) => !along.includes(id));
    if (limit) okända.push(...limit.filter((id) => !across.includes(id)));
    const beräkningar: Beräkning[] = [];
    if (okända.length === 0) {
      for (const other of across) {
        if (limit && !limit.includes(other)) continue;
        const at = (id: string): { rad: string; kolumn: string } => (typ === 'rad' ? { rad: id, kolumn: other } : { rad: other, kolumn: id });
        const target = at(mål);
        const publicerat = numberAt(d, t, target.rad, target.kolumn);
        if (publicerat === null) continue;
        const termer = uttryck.map((x) => ({ sign: x.sign, ...at(x.id), värde: numberAt(d, t, at(x.id).rad, at(x.id).kolumn) }));
        const beräknat = exactSum(termer.map((x) => ({ sign: x.sign, value: x.värde ?? 0 })));
        const differens = roundHalfAway(exactSum([{ sign: 1, value: publicerat }, { sign: -1, value: beräknat }]), DIFF_DECIMALER);
        beräkningar.push({ ...target, publicerat, termer, beräknat, differens });
      }
    }
    return {
      nummer: i + 1,
      typ,
      mål,
      uttryck,
      ...(limit ? { avgränsning: limit } : {}),
      ...('beskrivning' in regel && typeof regel.beskrivning === 'string' ? { beskrivning: regel.beskrivning } : {}),
      beräkningar,
      okända: [...new Set(okända)],
    };
  });
}

/** The difference formula rounds to this many decimals, so floating-point noise never shows as −0,0. */
export const DIFF_DECIMALER = 6;


/**
 * `SUM(C5:C7,C9)-SUM(C12)` for signed cell addresses. SUM() skips text and blanks, so a marker
 * among the terms counts as 0 instead of giving #VALUE!. Runs of adjacent cells become ranges.
 */
export function sumFormula(terms: { sign: 1 | -1; row: number; col: number }[], addr: (row: number, col: number) => string): string {
  type At = { row: number; col: number };
  const vertical = (a: At, b: At): boolean => a.col === b.col && b.row === a.row + 1;
  const horizontal = (a: At, b: At): boolean => a.row === b.row && b.col === a.col + 1;
  const group = (xs: At[]): string => {
    const parts: string[] = [];
    let i = 0;
    while (i < xs.length) {
      const a = xs[i]!;
      const next = xs[i + 1];
      const adjacent = next ? (vertical(a, next) ? vertical : horizontal(a, next) ? horizontal : null) : null;
      let j = i;
      if (adjacent) while (j + 1 < xs.length && adjacent(xs[j]!, xs[j + 1]!)) j++;
      if (j - i >= 2) {
        parts.push(`${addr(a.row, a.col)}:${addr(xs[j]!.row, xs[j]!.col)}`);
        i = j + 1;
      } else {
        parts.push(addr(a.row, a.col));
        i += 1;
      }
    }
    return `SUM(${parts.join(',')})`;
  };
  const pos = terms.filter((t) => t.sign === 1);
  const neg = terms.filter((t) => t.sign === -1);
  if (!pos.length) return `-${group(neg)}`;
  return neg.length ? `${group(pos)}-${group(neg)}` : group(pos);
}
