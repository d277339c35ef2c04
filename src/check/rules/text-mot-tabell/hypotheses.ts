import type { Lexikon } from '../../lexikon.js';
import type { TextAmount } from '../../text/amounts.js';
import { labelStems, mentionScore } from '../../text/context.js';
import { decimalsIn } from './agreement.js';
import { shown } from './findings.js';
import type { Hypothesis } from './identify.js';
import type { Scored } from './scoring.js';

/**
 * The candidates an ej verifierbar figure might be about, best evidence first: cells of another
 * value. A table of investments, staff or volumes is what a text speaks of when it names it (its
 * heading's words in the sentence or the headings): a cell of one named nowhere ranks below a
 * cell of the same row in the tables of the nämnd's economy.
 */
export function hypotheses(
  scored: Scored[],
  a: TextAmount,
  around: string,
  heading: string,
  sentence: string,
  lex: Lexikon,
  ownYear: number | undefined,
): Hypothesis[] {
  // The sentence without its words for the whole: "Nämndens kostnader" names no row "Nämnd och …".
  const ownWords = sentence.replace(new RegExp(lex.helhet.source, 'gu'), ' ');
  // A sentence about the nämnd ("Nämndens budget ökar …") is not about a row its heading names.
  const aboutNämnd = lex.nämndHelhet.test(sentence);
  const rank = (x: Scored): number =>
    x.s -
    (x.c.tabell &&
    ['investeringar', 'personal', 'volymer'].includes(x.c.tabell.tabelltyp) &&
    mentionScore(labelStems(x.c.tabell.rubrik, lex), around, true) === 0
      ? 1.5
      : 0) +
    // A claim naming no year of its own speaks of the report's year.
    (ownYear !== undefined && x.c.kolumn?.år === ownYear && !x.c.relation ? 1 : 0);
  return (
    scored
      .filter((x) => !x.conflicts.length && !x.verdikt && (!x.c.label || x.slot))
      // A table row named by a word or two of its label ("förvaltningens inköp" for "Webbutveckling
      // och förvaltning") may agree by chance; it is not named clearly enough to be contradicted,
      // unless no other row is named in the sentence as well ("Politiska sekreterare, +1,7 mnkr" for
      // "Utökning budgetram pol sekreterare"). An uppgift's name is a description: a word of it is
      // how a text names it.
      .filter(
        (x) =>
          x.c.fakt.roll === 'summa' ||
          !x.c.tabell ||
          Math.max(x.clause, x.sentence) >= 0.75 ||
          // A row the heading names, unless the sentence is about the nämnd.
          (!aboutNämnd && mentionScore(labelStems(x.c.fakt.radEtikett, lex), heading, true) >= 1) ||
          (x.sentence > 0 &&
            mentionScore(labelStems(x.c.fakt.radEtikett, lex), ownWords, true) > 0 &&
            scored.every((y) => y.c.fakt.radEtikett === x.c.fakt.radEtikett || y.sentence < x.sentence)),
      )
      .map((x) => ({ x, rank: rank(x) }))
      .sort((x, y) => y.rank - x.rank)
      .slice(0, 8)
      .map(({ x, rank }) => ({
        ids: x.c.relation ? [x.c.relation.from.id, x.c.fakt.id] : [x.c.fakt.id],
        v: x.v,
        decimals: decimalsIn(x.c, a.unit),
        describe: shown(x),
        rank,
      }))
  );
}
