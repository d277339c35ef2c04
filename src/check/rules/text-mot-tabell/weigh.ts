import { labelStems, mentionScore, stemIn } from '../../text/context.js';
import type { TextAmount } from '../../text/amounts.js';
import { shown } from './findings.js';
import { earmarkedFor } from './parts.js';
import type { Scored } from './scoring.js';
import type { Figure, ParagraphState, RuleState } from './state.js';

/**
 * Best score first; of equal scores, a published cell before a derived one, and a change the
 * claim names (whose sign words are checked) before the same difference of neighbouring columns.
 */
export const byScore = (x: Scored, y: Scored): number =>
  y.s - x.s || Number(x.c.derived) - Number(y.c.derived) || Number(!!y.c.relation) - Number(!!x.c.relation);

/** How the scored candidates of a figure stand: the best agreeing, the one pointed at, and what rules either out. */
export interface Weighed {
  clean: Scored[];
  best: Scored | undefined;
  pointable: Scored[];
  inClause: Scored[];
  pointed: Scored | undefined;
  rangeEnd: 'lo' | 'hi' | undefined;
  wrongEnd: boolean;
  ownClause: number;
  outpointed: boolean;
  outscored: boolean;
  partWord: RegExpExecArray | undefined;
  partNamed: string;
  earmarked: boolean;
  partOfWhole: boolean;
}

/** Weighs a figure's scored candidates: which one it quotes, which one it points at if none, and whether either is ruled out. */
export function weigh(st: RuleState, ps: ParagraphState, fig: Figure, scored: Scored[]): Weighed {
  const { lex, debug } = st;
  const { p, found, lowerParagraph } = ps;
  const { a, ai, clauseFrom, clauseTo, ctx, sf, siblingColumn } = fig;
  const clean = scored.filter((x) => !x.conflicts.length).sort(byScore);
  const best = clean.find((x) => x.verdikt);
  if (debug && a.text === debug)
    for (const x of [...scored].sort(byScore))
      console.log(
        '   ',
        a.text,
        x.s.toFixed(2),
        x.verdikt ?? '-',
        x.conflicts.join('/'),
        `cl=${x.clause} se=${x.sentence} lo=${x.local}`,
        shown(x),
      ); // KR_DEBUG
  // The cell the text points at most clearly, if it does not agree. A change by an amount
  // ("justeras med", "ökar med 2 mnkr") is not a level: only change rows can be pointed at.
  const changeBy = sf.change && lex.förändringFöreTal.test(lowerParagraph.slice(Math.max(0, a.start - 25), a.start));
  // A row named in the figure's own clause comes before one named only earlier in the
  // sentence or in a heading ("Stab A får 11,0 mnkr, varav lönerna utgör 6 500 tkr").
  const pointable = clean.filter(
    (x) =>
      !x.verdikt &&
      !x.c.derived &&
      (!x.c.label || x.slot) &&
      (!changeBy || x.c.fakt.roll === 'specifikation' || !x.c.kolumn),
  );
  const inClause = pointable.filter((x) => mentionScore(labelStems(x.c.fakt.radEtikett, lex), ctx.clause, true) > 0);
  // Of one row's cells, the column an earlier figure of the sentence was confirmed in
  // ("A får 50,1 mnkr och B 22,5 mnkr": B's budget of the same year as A's).
  // Not when the figure's claim names another measure ("… 31 procent 2026, men målvärdet 35 procent").
  const sameColumn = (x: Scored | undefined): Scored | undefined =>
    x &&
    (sf.measures.size && siblingColumn && !sf.measures.has(siblingColumn.mått)
      ? x
      : (pointable.find((y) => y.c.fakt.radEtikett === x.c.fakt.radEtikett && y.c.kolumn === siblingColumn) ?? x));
  // A range ("mellan 2 % och 4 %"): of candidates named as clearly as the first and by the same
  // word, its lower end
  // quotes the lowest, its upper end the highest.
  const prevAmount = found[ai - 1];
  const nextAmount = found[ai + 1];
  const joined = (x: TextAmount, y: TextAmount): boolean =>
    x.unit === y.unit &&
    lex.intervallMellan.test(p.text.slice(x.end, y.start)) &&
    (/^\s*[–-]\s*$/u.test(p.text.slice(x.end, y.start)) ||
      lex.intervallFöre.test(lowerParagraph.slice(Math.max(0, x.start - 20), x.start)));
  const rangeEnd = nextAmount && joined(a, nextAmount) ? 'lo' : prevAmount && joined(prevAmount, a) ? 'hi' : undefined;
  // Two candidates the sentence names by the same word ("tjänstepriserna": the lowest and highest change).
  const namedIn = (x: Scored): string[] => labelStems(x.c.fakt.radEtikett, lex).filter((st) => stemIn(st, sf.lower));
  const namedAlike = (x: Scored, y: Scored): boolean => namedIn(x).some((st) => namedIn(y).includes(st));
  const rangePick = (xs: Scored[]): Scored | undefined => {
    const first = xs[0];
    if (!rangeEnd || !first) return first;
    const tied = xs.filter((x) => x.s >= first.s - 0.25 && x.c.unit === first.c.unit && namedAlike(x, first));
    return tied.reduce((m, x) => ((rangeEnd === 'lo' ? x.v < m.v : x.v > m.v) ? x : m), first);
  };
  // With no year named, of one row's cells tied in score the report year's: "till 44,0 mnkr" in
  // the budget for 2029 is about 2029, not the first column's bokslut.
  const ofReportYear = (x: Scored | undefined): Scored | undefined =>
    x && !sf.years.size && x.c.kolumn?.år !== ctx.year
      ? (pointable.find(
          (y) =>
            y.c.tabell === x.c.tabell && y.c.fakt.rad === x.c.fakt.rad && y.s >= x.s && y.c.kolumn?.år === ctx.year,
        ) ?? x)
      : x;
  const first = rangePick(inClause) ?? rangePick(pointable);
  const sibling = sameColumn(first);
  const pointed = sibling === first && !rangeEnd ? ofReportYear(first) : sibling;
  // A range's end agreeing with a cell while a cell named as clearly lies beyond it on the
  // range's side ("mellan 2,7 % och 2,7 %" where 2,6 % is the lowest) quotes the wrong one.
  const wrongEnd =
    rangeEnd !== undefined &&
    best !== undefined &&
    clean.some(
      (x) =>
        !x.verdikt &&
        !x.c.derived &&
        !x.c.label &&
        x.c.unit === best.c.unit &&
        x.s >= best.s - 0.25 &&
        namedAlike(x, best) &&
        (rangeEnd === 'lo' ? x.v < best.v - 1e-9 : x.v > best.v + 1e-9),
    );
  // Its own row named in the figure's clause (not only its table's subject).
  const ownClause = pointed ? mentionScore(labelStems(pointed.c.fakt.radEtikett, lex), ctx.clause, true) : 0;
  // A match needs evidence: its subject named in the sentence, or enough named around it;
  // and no other cell named in the figure's own clause that it would contradict
  // ("Priskompensationen är 2,6 %" is about the compensation, whatever else is 2,6 %).
  const ratio = pointed ? Math.abs(pointed.v) / Math.max(Math.abs(a.value), 1e-9) : 0;
  const outpointed =
    pointed !== undefined &&
    best !== undefined &&
    // Named in the clause only through its table or kommun, not by its own row; or by a word
    // or two of its name while the pointed row is named in full ("medel för projektet Kickstart"
    // is not an uppgift about other "medel" to another "projekt").
    (best.clause === 0 ||
      (best.c.fakt.roll !== 'summa' && mentionScore(labelStems(best.c.fakt.radEtikett, lex), ctx.clause, true) === 0) ||
      (best.clause < 0.5 && ownClause >= 0.75 && pointed.s >= best.s + 3)) &&
    ownClause >= 0.5 &&
    pointed.s > best.s &&
    ratio >= 0.67 &&
    ratio <= 1.5;
  // A cell that merely agrees, named only around the sentence, is no evidence when the text
  // names another cell of about the same size more clearly: the figure is that one's, right or wrong.
  const top = clean.find((x) => !x.verdikt && !x.c.derived && (!x.c.label || x.slot));
  const topRatio = top ? Math.abs(top.v) / Math.max(Math.abs(a.value), 1e-9) : 0;
  const outscored =
    top !== undefined &&
    best !== undefined &&
    best.clause === 0 &&
    best.sentence < 0.5 &&
    top.local > best.local &&
    // A name in another clause of the sentence goes with that clause's figure.
    top.clause >= top.sentence &&
    top.s >= best.s + 2 &&
    topRatio >= 0.67 &&
    topRatio <= 1.5;
  // A figure given as a part ("Av överskottet härrör 2 mnkr från …", "främst … 6,2 mnkr") is not
  // the whole of a row named only around the sentence: such a row neither confirms nor contradicts it.
  const lead = lowerParagraph.slice(clauseFrom, a.start);
  const partWord = [...lead.matchAll(lex.delord)].pop();
  // The part named after the word, before the figure or after it in its clause ("Av detta
  // fördelas -2,4 mnkr vidare till social- och omsorgsnämnden").
  const partNamed =
    partWord?.index !== undefined ? `${lead.slice(partWord.index)} ${lowerParagraph.slice(a.end, clauseTo)}` : '';
  // "0,4 mnkr för ett projekt om förorenad mark": an amount set aside for something the
  // sentence names and no row, period or measure is: a part, never a row's whole amount. Not a
  // level a change arrives at ("förstärks med 3,5 mnkr till 43,0 mnkr för att korta köerna").
  const earmarked =
    !lex.nivåFöreTal.test(lowerParagraph.slice(Math.max(clauseFrom, a.start - 40), a.start)) &&
    earmarkedFor(lowerParagraph.slice(a.end, clauseTo), ctx, lex);
  const partOfWhole =
    best?.c.tabell !== undefined &&
    partWord?.index !== undefined &&
    best.sentence === 0 &&
    mentionScore(labelStems(best.c.fakt.radEtikett, lex), partNamed, true) === 0;
  return {
    clean,
    best,
    pointable,
    inClause,
    pointed,
    rangeEnd,
    wrongEnd,
    ownClause,
    outpointed,
    outscored,
    partWord,
    partNamed,
    earmarked,
    partOfWhole,
  };
}
