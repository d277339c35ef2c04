import type { Dokument } from '../../../core/model/dokument.js';
import type { Lexikon } from '../../lexikon.js';
import type { TextAmount } from '../../text/amounts.js';
import { measuresIn, yearsIn } from '../../text/context.js';

export interface Context {
  lex: Lexikon;
  /** Years named as the other side of a comparison outside the figure's clause: not the figure's. */
  comparedYears: ReadonlySet<number>;
  /** Indicators of the goal the paragraph stands under (its headings name the goal): matched first. */
  goalIndicators: Set<string>;
  year: number;
  /** The text wrote a sign (+1,7 / −2,4): it quotes a change, as specification rows do. */
  signed: boolean;
  sign?: 1 | -1;
  /** The year written closest to the figure in its clause, if any. */
  nearYear?: number;
  /** The year written right after the figure ("1,5 mnkr 2024", "−3,0 mnkr för 2024"): the figure's own year. */
  ownYear?: number;
  nämnd: string;
  /** The stems of every row, indicator and uppgift the text could name (not totals). */
  rowStems: readonly string[];
  sentence: string;
  /** The sentence's part the figure stands in (to a contrasting "…, medan …"): its years are the figure's. */
  yearScope: string;
  /** The figure's own clause: from the figure before it (or the sentence start) to the next. Lower-cased, as the rest. */
  clause: string;
  /**
   * Where the sentence quotes several figures, the words that go with this one: from the figure
   * before it up to the first comma or semicolon after it ("Till och med augusti blev kostnaden
   * 41,8 mnkr, mot en budget på 64,0 mnkr": the budget is the second figure's). Else the sentence.
   */
  claim: string;
  heading: string;
  headings: string;
  paragraph: string;
  /** What the paragraph and its headings name, by entity key: the same for each of its figures. */
  around: Map<string, { heading: number; paragraph: number; headings: number }>;
  /** What the sentence names, by entity key, and whether it speaks of the whole: the same for each of its figures. */
  inSentence: { named: Map<string, number>; whole?: boolean };
}

/** What a sentence says, worked out once per amount rather than once per candidate. */
export interface SentenceFacts {
  years: Set<number>;
  nearYear?: number;
  ownYear?: number;
  measures: Set<string>;
  periodWords: boolean;
  change: boolean;
  lower: string;
  mentions: Map<string, Mention>;
  /** The sentence names the whole (a lexicon word such as "nämnden", or no row at all): its totals' subject. */
  whole?: boolean;
}

export function sentenceFacts(ctx: Context): SentenceFacts {
  const lower = ctx.sentence.toLowerCase();
  return {
    years: new Set([...yearsIn(ctx.yearScope, ctx.year, ctx.lex)].filter((y) => !ctx.comparedYears.has(y))),
    ...(ctx.nearYear !== undefined ? { nearYear: ctx.nearYear } : {}),
    ...(ctx.ownYear !== undefined ? { ownYear: ctx.ownYear } : {}),
    measures: measuresIn(ctx.claim, ctx.lex),
    periodWords: ctx.lex.period.test(lower),
    change: ctx.lex.förändring.test(lower),
    lower,
    mentions: new Map(),
  };
}

export interface Mention {
  score: number;
  clause: number;
  sentence: number;
  local: number;
}

/** The year written within 40 characters of the figure in its clause, the closest one. */
export function closestYear(text: string, a: TextAmount, from: number, to: number): number | undefined {
  let best: { y: number; dist: number } | undefined;
  for (const m of text.slice(from, to).matchAll(/(?<![\p{L}\p{N}])(19[5-9]\d|20\d\d)(?![\p{L}\p{N}-])/gu)) {
    const at = from + (m.index ?? 0);
    const dist = at < a.start ? a.start - (at + 4) : at - a.end;
    if (dist <= 40 && (!best || dist < best.dist)) best = { y: Number(m[1]), dist };
  }
  return best?.y;
}

/**
 * The indicators of each nämndmål, by the goal's name. A function of its own: a goal's indicator
 * list of another shape than the first ones seen would otherwise make V8 throw away and recompile
 * the function that builds it on every call.
 */
export function indicatorsByGoal(d: Dokument): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const b of d.mål)
    for (const g of b.nämndmål)
      out.set(g.namn, new Set([...(out.get(g.namn) ?? []), ...g.indikatorer.map((i) => i.id)]));
  return out;
}
