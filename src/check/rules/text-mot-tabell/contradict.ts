import { formatNumber, roundHalfAway as roundTo } from '../../../core/format/number.js';
import { labelStems, mentionScore, stemDistance, stemIn } from '../../text/context.js';
import { nearSize } from './agreement.js';
import { contradicts, shown } from './findings.js';
import { asPart, onlyAsWhole } from './parts.js';
import type { Scored } from './scoring.js';
import type { Lexikon } from '../../lexikon.js';
import type { Figure, RuleState } from './state.js';
import { byScore, type Weighed } from './weigh.js';

/** Records the figure as contradicting a change between two cells of one row named clearly; false if none is. */
export function contradictChange(st: RuleState, fig: Figure, scored: Scored[], w: Weighed): boolean {
  const { lex, belopp, fynd } = st;
  const { a, relationLead, ctx, plats } = fig;
  const { best, partOfWhole } = w;
  // A change the claim names between two columns of one row named clearly (in the figure's
  // clause, the sentence, or the nearest heading), and of no other row as clearly, that does
  // not agree: a contradiction naming both cells and the computed change. Not for a part
  // ("främst … 0,2 mnkr"), which is a share of the change, not the whole.
  // A change with no year named must be of about the row's size: "Hyrorna för förskolan ökar
  // med 1,1 mnkr" is a part of förskolans change of 8,8 mnkr, not a wrong figure for it.
  const namedRelations = scored.filter(
    (x) =>
      x.c.relation &&
      (!x.implicit || nearSize(x.v, a.value)) &&
      (x.clause >= 0.5 ||
        x.sentence >= 0.75 ||
        mentionScore(labelStems(x.c.fakt.radEtikett, lex), ctx.heading, true) >= 1),
  );
  // A row named by its own label in the clause ("Fritidsgårdarnas nettokostnad") is the subject;
  // the total that "nettokostnad" would name otherwise yields to it.
  const byLabel = namedRelations.some(
    (x) => x.c.fakt.roll !== 'summa' && mentionScore(labelStems(x.c.fakt.radEtikett, lex), ctx.clause, true) > 0,
  );
  const relations = namedRelations.filter((x) => !byLabel || x.c.fakt.roll !== 'summa').sort(byScore);
  const relationRow = relations[0];
  if (
    relationRow &&
    !partOfWhole &&
    !best &&
    ![...relationLead.matchAll(lex.delord)].length &&
    relations.every(
      (x) =>
        x.s < relationRow.s - 0.25 || (x.c.tabell === relationRow.c.tabell && x.c.fakt.rad === relationRow.c.fakt.rad),
    )
  ) {
    const evidence = [relationRow.c.relation!.from.id, relationRow.c.fakt.id];
    const computed = `≈ ${formatNumber(relationRow.v, relationRow.c.relation!.procent || a.unit === 'procentenheter' ? Math.max(a.decimals, 1) : a.decimals)} ${a.unit}`;
    belopp.push({ ...contradicts(a, plats, relationRow, shown(relationRow)), fakta: evidence });
    fynd.push({
      allvarlighet: 'fel',
      regel: 'text-mot-tabell',
      meddelande: `"${a.text}" motsäger ${shown(relationRow)} (${computed})`,
      plats,
      fakta: evidence,
    });
    return true;
  }
  return false;
}

/** Records the figure as contradicting the cell it points at, if the evidence names that cell clearly; false if not. */
export function contradictCell(st: RuleState, fig: Figure, w: Weighed): boolean {
  const { lex, belopp, pending } = st;
  const { a, ctx, sf, plats } = fig;
  const { clean, pointed, pointable, inClause, ownClause, partWord, partNamed, earmarked, partOfWhole } = w;
  // A contradiction needs the sentence to name the cell's own row (or, for a total, its
  // table), and no other row to be pointed at as clearly: cells of one row in several
  // columns are one claim (no column agrees), cells of two rows are a guess.
  const rival = pointed ? rivalOf(pointed, fig, w, lex) : undefined;
  // A section headed by the row ("Ekonomistaben") is about it: a figure whose clause names the
  // row's measure ("ett överskott på 4 mnkr" for an avvikelse column) and no other row is its claim.
  const headed =
    pointed !== undefined &&
    !pointed.c.label &&
    pointed.c.kolumn !== undefined &&
    sf.measures.has(pointed.c.kolumn.mått) &&
    mentionScore(labelStems(pointed.c.fakt.radEtikett, lex), ctx.heading, true) >= 1 &&
    !clean.some(
      (x) =>
        rowOf(x) !== rowOf(pointed) &&
        x.clause > 0 &&
        mentionScore(labelStems(x.c.fakt.radEtikett, lex), ctx.clause, true) > 0,
    );
  // A list that carries its measure over ("A hade ett överskott på 390 tkr och lantmäteriet 220
  // tkr"): the row's first word named in the figure's own clause, and no other row named there.
  const headStem = pointed ? labelStems(pointed.c.fakt.radEtikett, lex)[0] : undefined;
  const headWordInClause =
    pointed !== undefined &&
    headStem !== undefined &&
    headStem.length >= 5 &&
    // Not by a word for the whole ("Nämndens kostnader för lokaler" is not "Nämnd och förvaltningsledning").
    stemIn(headStem, ctx.clause.replace(new RegExp(lex.helhet.source, 'gu'), ' ')) &&
    inClause.every((x) => rowOf(x) === rowOf(pointed));
  // The evidence that would confirm the cell, had the figure agreed, makes it the cell's claim
  // when it does not: the clause names the column's measure, the sentence or the nearest
  // heading names the row, and no other row scores near it.
  const measured =
    pointed !== undefined &&
    !pointed.c.label &&
    pointed.c.tabell !== undefined &&
    pointed.c.kolumn !== undefined &&
    sf.measures.has(pointed.c.kolumn.mått) &&
    (pointed.sentence >= 0.25 || mentionScore(labelStems(pointed.c.fakt.radEtikett, lex), ctx.heading, true) >= 1) &&
    // Totals of several tables that print the same figure are one claim, not rivals.
    !pointable.some(
      (x) =>
        x !== pointed &&
        rowOf(x) !== rowOf(pointed) &&
        x.s >= pointed.s - 0.5 &&
        roundTo(x.v, a.decimals) !== roundTo(pointed.v, a.decimals),
    );
  // A total named only by a word for the whole (not by its table, its nämnd's own name or an
  // alias: "Summa nämnden" by "Nämnden har sökt ett
  // statsbidrag på 0,7 mnkr") is the sentence's subject, not the claim's: it is contradicted
  // only in a column whose measure the claim names ("Nämnden visar ett överskott på …").
  const wholeOnly = pointed !== undefined && onlyAsWhole(pointed, ctx, sf);
  // A figure given as a part ("beror främst på … 6,2 mnkr") is not a table row's whole amount,
  // unless the part named after the word is that row ("varav lönerna utgör 6 500 tkr"; an
  // uppgift declared for the part is the part itself).
  const part = pointed !== undefined && (asPart(pointed, partWord, partNamed, lex) || earmarked);
  if (
    pointed &&
    !partOfWhole &&
    !wholeOnly &&
    !rival &&
    !part &&
    pointed.s >= 2 &&
    // A label quoting as many figures as the sentence, in the same order, is named by its place too.
    (pointed.sentence >= 0.75 ||
      ownClause >= 0.75 ||
      headWordInClause ||
      (pointed.slot === true && pointed.sentence >= 0.5) ||
      headed ||
      measured) &&
    (pointed.c.fakt.roll === 'summa' || labelStems(pointed.c.fakt.radEtikett, lex).length > 0)
  ) {
    const r = Math.abs(pointed.v) / Math.max(Math.abs(a.value), 1e-9);
    const approx =
      r > 100 || r < 0.01
        ? 'tusen gånger fel: tkr och mnkr förväxlade?'
        : `≈ ${formatNumber(pointed.v, pointed.c.unit === a.unit ? Math.max(a.decimals, pointed.c.decimals) : Math.max(a.decimals, 1))} ${a.unit}`;
    const b = contradicts(a, plats, pointed, shown(pointed));
    belopp.push(b);
    // Reported once the paragraph is read: listed parts that add up to their total are not contradictions.
    pending.set(b, {
      allvarlighet: 'fel',
      regel: 'text-mot-tabell',
      meddelande: `"${a.text}" motsäger ${shown(pointed)} (${approx})`,
      plats,
      fakta: [pointed.c.fakt.id],
    });
    return true;
  }
  return false;
}

// Rows with the same label in two tables (a stab in the prognos and the result table) are one subject.
const rowOf = (x: Scored): string => x.c.fakt.radEtikett.trim().toLowerCase();

/** Another row named as clearly as the pointed one, with another value: then the figure points at neither. */
function rivalOf(pointed: Scored, fig: Figure, w: Weighed, lex: Lexikon): Scored | undefined {
  const { a, s } = fig;
  const { clean, rangeEnd } = w;
  // Of two rows named as clearly, the one named closer to the figure is meant ("A är 2,4 % och B 3,0 %").
  const at = a.start - s.start;
  const sentenceLower = s.text.toLowerCase();
  const distance = (x: Scored): number =>
    stemDistance(labelStems(x.c.fakt.radEtikett, lex), sentenceLower, at, at + (a.end - a.start));
  // A name after the figure, when the pointed one stands before it, belongs to the next figure.
  const namedBefore = (x: Scored): boolean =>
    stemDistance(labelStems(x.c.fakt.radEtikett, lex), sentenceLower.slice(0, at), at, at) < Infinity;
  return clean.find(
    (x) =>
      x !== pointed &&
      !x.verdikt &&
      !x.c.derived &&
      !x.c.label &&
      rowOf(x) !== rowOf(pointed) &&
      Math.abs(x.v - pointed.v) > 1e-9 &&
      x.s >= pointed.s - 0.25 &&
      // A range's end names the lowest or highest of its candidates, not a rival.
      !(rangeEnd === 'lo' ? x.v > pointed.v : rangeEnd === 'hi' ? x.v < pointed.v : false) &&
      distance(x) <= 1.5 * distance(pointed) + 5 &&
      (namedBefore(x) || !namedBefore(pointed)),
  );
}
