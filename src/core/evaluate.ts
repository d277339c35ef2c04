import type { Dokument, Fakt, TabellBlock } from './model/dokument.js';
import { exactSum, halfUnit, roundHalfAway } from './format/number.js';
import { parseExpression } from './expression.js';

/**
 * A table's declared rules (TabellBlock.regler) turned into computations: one per published
 * figure a rule recomputes. A row rule (`rad: X, är: "a + b - c"`) gives one per column (or per
 * column in `kolumner`), adding the rows a, b, c of that column; a column rule gives one per row
 * (or per row in `rader`). Only figures published as numbers are recomputed: a marker or a blank
 * cell has nothing to compare with. A term marked I.U. (or holding text) cannot be summed, so that
 * computation is left out; so is one whose terms are all blank (a plan year without specification).
 * The checks and the workbook's control formulas both read this one evaluation.
 */
export interface Beräkning {
  rad: string;
  kolumn: string;
  /** The published figure. */
  publicerat: number;
  /** A term with `tabell` is a cell of another table (`investeringar/summa/budget_2024`). */
  termer: { sign: 1 | -1; tabell?: string; rad: string; kolumn: string; värde: number | null; fakt?: string }[];
  /** Σ of the terms; blank cells and dashes count as 0, as SUM() in Excel counts them. */
  beräknat: number;
  /** The published figure's fact id. */
  fakt: string;
  /** How far rounding can take publicerat from beräknat: half a unit of each term's own printed precision. */
  tolerans: number;
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
  const f = factAt(d, t, rad, kolumn);
  return f && f.cell.typ === 'tal' ? f.cell.tal : null;
}

function factAt(d: Dokument, t: TabellBlock, rad: string, kolumn: string): Fakt | undefined {
  const row = t.rader.find((r) => r.id === rad);
  const ci = t.kolumner.findIndex((c) => c.id === kolumn);
  const id = row && ci >= 0 ? row.celler[ci] : null;
  return id ? d.fakta.get(id) : undefined;
}

/** A term that cannot be summed: ingen uppgift, text, a comparison. Blank and dash count as 0. */
const unsummable = (f: Fakt | undefined): boolean =>
  f !== undefined && f.cell.typ !== 'tal' && f.cell.typ !== 'tom' && f.cell.typ !== 'streck';

/** A term naming a cell of another table, `tabell/rad/kolumn`, when that table has the row and column. */
export function otherCell(d: Dokument, id: string): { tabell: TabellBlock; rad: string; kolumn: string } | undefined {
  const [tabell, rad, kolumn, ...rest] = id.split('/');
  // A plain row or column id (no "/") is no other cell: no table to look for.
  if (rest.length || !rad || !kolumn) return undefined;
  const t = d.tabeller.find((x) => x.id === tabell);
  if (!t) return undefined;
  if (!t.rader.some((r) => r.id === rad) || !t.kolumner.some((c) => c.id === kolumn)) return undefined;
  return { tabell: t, rad, kolumn };
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
    const okända = [mål, ...uttryck.map((x) => x.id)].filter(
      (id) => !along.includes(id) && !(id !== mål && otherCell(d, id)),
    );
    if (limit) okända.push(...limit.filter((id) => !across.includes(id)));
    const beräkningar: Beräkning[] = [];
    if (okända.length === 0) {
      for (const other of across) {
        if (limit && !limit.includes(other)) continue;
        const at = (id: string): { tabell?: string; rad: string; kolumn: string } => {
          const o = otherCell(d, id);
          if (o) return { tabell: o.tabell.id, rad: o.rad, kolumn: o.kolumn };
          return typ === 'rad' ? { rad: id, kolumn: other } : { rad: other, kolumn: id };
        };
        const target = at(mål);
        const targetFakt = factAt(d, t, target.rad, target.kolumn);
        if (!targetFakt || targetFakt.cell.typ !== 'tal') continue;
        const publicerat = targetFakt.cell.tal;
        const facts = uttryck.map((x) => {
          const o = otherCell(d, x.id);
          return o ? factAt(d, o.tabell, o.rad, o.kolumn) : factAt(d, t, at(x.id).rad, at(x.id).kolumn);
        });
        if (facts.some(unsummable) || facts.every((f) => !f || f.cell.typ !== 'tal')) continue;
        const termer = uttryck.map((x, j) => {
          const f = facts[j];
          return {
            sign: x.sign,
            ...at(x.id),
            värde: f && f.cell.typ === 'tal' ? f.cell.tal : null,
            ...(f ? { fakt: f.id } : {}),
          };
        });
        const beräknat = exactSum(termer.map((x) => ({ sign: x.sign, value: x.värde ?? 0 })));
        const differens = roundHalfAway(
          exactSum([
            { sign: 1, value: publicerat },
            { sign: -1, value: beräknat },
          ]),
          DIFF_DECIMALER,
        );
        // Each term's own rounding, and the published figure's where it is coarser than its terms.
        const termDecimals = facts.flatMap((f) => (f && f.cell.typ === 'tal' ? [f.decimaler] : []));
        const finest = Math.max(...termDecimals);
        const tolerans =
          termDecimals.reduce((s, dec) => s + halfUnit(dec), 0) +
          (targetFakt.decimaler < finest ? halfUnit(targetFakt.decimaler) : 0);
        beräkningar.push({ ...target, publicerat, termer, beräknat, differens, fakt: targetFakt.id, tolerans });
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
