import type { Lexikon } from '../../lexikon.js';
import { labelStems, mentionScore, stemIn } from '../../text/context.js';
import type { Context, SentenceFacts } from './context.js';
import { entityOf } from './mentions.js';
import type { Scored } from './scoring.js';

/**
 * Whether the words after a figure give what it is for ("0,4 mnkr för ett projekt", "0,2 mnkr
 * till kompetensutveckling") and name no row, table subject, nämnd, period, year or measure.
 */
export function earmarkedFor(after: string, ctx: Context, lex: Lexikon): boolean {
  const m = lex.ändamål.exec(after);
  if (!m) return false;
  // Periods and measures are read with the word itself ("till och med augusti" is a period).
  const what = m[1]!;
  const words = m[0].trim();
  return (
    !/\d/.test(what) &&
    !lex.period.test(words) &&
    !lex.helhet.test(words) &&
    !lex.mått.some(([re]) => re.test(words)) &&
    !ctx.rowStems.some((st) => stemIn(st, what)) &&
    !labelStems(ctx.nämnd, lex).some((st) => stemIn(st, what))
  );
}

/**
 * A total named only by a word for the whole (not by its table, its nämnd's own name or an alias:
 * "Summa nämnden" by "Nämnden har sökt ett statsbidrag på 0,7 mnkr") is the sentence's subject,
 * not the claim's: it is contradicted only in a column whose measure the claim names.
 */
export function onlyAsWhole(x: Scored, ctx: Context, sf: SentenceFacts): boolean {
  const e = entityOf(x.c, ctx);
  return (
    x.c.fakt.roll === 'summa' &&
    x.c.kolumn !== undefined &&
    !sf.measures.has(x.c.kolumn.mått) &&
    !e.aliases.some((re) => re.test(sf.lower)) &&
    [...e.entity, ...e.own].filter((st) => stemIn(st, sf.lower)).every((st) => ctx.lex.helhet.test(st))
  );
}

/**
 * A figure given as a part ("beror främst på … 6,2 mnkr") is not a table row's whole amount,
 * unless the part named after the word is that row ("varav lönerna utgör 6 500 tkr"; an uppgift
 * declared for the part is the part itself).
 */
export function asPart(x: Scored, partWord: RegExpExecArray | undefined, partNamed: string, lex: Lexikon): boolean {
  return (
    x.c.tabell !== undefined &&
    partWord?.index !== undefined &&
    mentionScore(labelStems(x.c.fakt.radEtikett, lex), partNamed, true) === 0
  );
}
