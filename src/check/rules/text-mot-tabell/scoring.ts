import type { TabellBlock } from '../../../core/model/dokument.js';
import type { Verdikt } from '../../../core/model/kontroll.js';
import type { Lexikon } from '../../lexikon.js';
import type { Candidate } from './candidates.js';
import type { Context, SentenceFacts } from './context.js';
import { entityOf, mentions } from './mentions.js';

/**
 * What the sentence names that disagrees with the candidate: a year the table shows but this
 * column is not, a measure other than the column's, a period where the column is the whole year.
 * Any of these rules the candidate out as evidence for "stämmer".
 */
export function conflicts(c: Candidate, sf: SentenceFacts, lex: Lexikon): string[] {
  const out: string[] = [];
  // A qualified value ("2020: 49", `avser`) is of its own year, whatever its column: a sentence
  // naming years must name that one ("49 år 2020"), and one naming another year does not quote it.
  const own = c.fakt.avser?.år;
  if (own !== undefined) {
    if (sf.years.size && !sf.years.has(own)) out.push(`år ${[...sf.years].join(', ')} (värdet avser ${own})`);
    else if (sf.ownYear !== undefined && sf.ownYear !== own) out.push(`år ${sf.ownYear} (värdet avser ${own})`);
  }
  const k = c.kolumn;
  if (!k) return out;
  // Its column's year is not a qualified value's.
  const år = own === undefined ? k.år : undefined;
  if (år !== undefined && sf.years.size && !sf.years.has(år)) {
    // Only years the table itself shows can rule a column out ("ramen 2020" in a 2021 table says nothing).
    const shown = c.tabell ? yearsShown(c.tabell) : new Set([år]);
    if ([...sf.years].some((y) => shown.has(y))) out.push(`år ${[...sf.years].join(', ')}`);
  } else if (år !== undefined && sf.ownYear !== undefined && sf.ownYear !== år) {
    // A sentence listing several years ("1,5 mnkr 2024, 1,0 mnkr 2025") gives each figure its own.
    const shown = c.tabell ? yearsShown(c.tabell) : new Set([år]);
    if (shown.has(sf.ownYear)) out.push(`år ${sf.ownYear}`);
  }
  // An uppgift's declared measure is a hint, not a column: its name is the evidence.
  if (
    c.tabell &&
    sf.measures.size &&
    k.mått &&
    lex.data.mått[k.mått] &&
    !sf.measures.has(k.mått) &&
    !(c.derived && sf.change)
  )
    out.push(`mått ${[...sf.measures].join(', ')}`);
  if (
    c.tabell &&
    sf.periodWords !== !!k.period &&
    c.tabell.kolumner.some((x) => !!x.period === sf.periodWords && x.mått === k.mått)
  )
    out.push(sf.periodWords ? 'perioden' : 'helåret');
  return out;
}

export function score(c: Candidate, ctx: Context, sf: SentenceFacts): number {
  const { kind } = entityOf(c, ctx);
  const m = mentions(c, ctx, sf).score;
  if (c.label) return m + 1;
  let s = m;
  if (c.fakt.tabell === 'mål' && ctx.goalIndicators.size)
    s += ctx.goalIndicators.has(c.fakt.rad.split('.')[0]!) ? 2 : -1;
  if (ctx.signed && c.fakt.roll === 'specifikation') s += 1;
  // "intäkterna", "kostnaderna" point at the varav rows of that kind.
  if (kind && sf.lower.includes(kind)) s += 1;
  if (c.derived && c.unit === '%') s -= 2;
  const år = c.fakt.avser?.år ?? c.kolumn?.år;
  if (år !== undefined && sf.years.size) s += sf.years.has(år) ? 1.5 : -1.5;
  // The year written next to the figure ("65 mnkr 2024", "för 2024 till 668 mnkr") says most.
  if (c.kolumn?.år !== undefined && sf.nearYear !== undefined) s += sf.nearYear === c.kolumn.år ? 1 : -0.5;
  // A written sign is part of the claim: "+1,6 mnkr" is not a cell of −1,4.
  if (ctx.signed && c.value !== 0 && c.value < 0 !== (ctx.sign === -1)) s -= 1;
  if (c.kolumn && sf.measures.size) s += sf.measures.has(c.kolumn.mått) ? 1.5 : -0.5;
  if (c.kolumn) s += sf.periodWords === !!c.kolumn.period ? 0.5 : -0.5;
  if (c.derived) s += 1;
  return s;
}

export const shownYears = new WeakMap<TabellBlock, Set<number | undefined>>();
export function yearsShown(t: TabellBlock): Set<number | undefined> {
  let s = shownYears.get(t);
  if (!s) shownYears.set(t, (s = new Set(t.kolumner.map((k) => k.år))));
  return s;
}

export interface Scored {
  c: Candidate;
  v: number;
  s: number;
  verdikt?: Verdikt;
  conflicts: string[];
  local: number;
  sentence: number;
  clause: number;
  /** A label figure in the same place among the label's figures as the text figure among the sentence's. */
  slot?: boolean;
  /** A change compared with the year before the report's because the claim names no year. */
  implicit?: boolean;
}
