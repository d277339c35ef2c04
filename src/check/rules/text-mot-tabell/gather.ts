import { UNIT_FACTOR } from '../../../core/format/number.js';
import type { TabellRad } from '../../../core/model/dokument.js';
import { aliasesOf, labelStems, measuresIn, mentionScore, stemIn, yearsIn } from '../../text/context.js';
import { contrastPart } from '../../text/sentences.js';
import { agreement, decimalsIn, inUnit, nearSize } from './agreement.js';
import { relationCandidates } from './candidates.js';
import { entityOf, mentions, namesNoRow, namesWhole, rowNamedIn } from './mentions.js';
import { namedPairs } from './relations.js';
import { conflicts, score, type Scored } from './scoring.js';
import type { Figure, ParagraphState, RuleState } from './state.js';

/** The published cells a figure may quote or contradict, scored by the evidence for each. */
export function scoreCells(st: RuleState, ps: ParagraphState, fig: Figure): Scored[] {
  const { lex, index, lastNamedIn, paragraphNo, targetColumns } = st;
  const { found } = ps;
  const { a, s, ctx, sf } = fig;
  // A contradiction needs a cell of about the same size (a slip of a digit), or a thousand
  // times off (tkr written as mnkr): a figure ten times off is more likely about something else.
  const near = (v: number): boolean => {
    const r = Math.abs(v) / Math.max(Math.abs(a.value), 1e-9);
    return nearSize(v, a.value) || (r >= 667 && r <= 1500) || (r >= 1 / 1500 && r <= 1 / 667);
  };
  // Scoring is the costly part: only a candidate that agrees with the figure, or could be
  // the cell it contradicts, is scored; and only one its sentence, paragraph or headings name.
  const scored: Scored[] = [];
  // Only values that could round to the figure, fall in its hedge, or be the cell it contradicts.
  const family = a.unit === '%' || a.unit === 'procentenheter' ? '%' : 'kr';
  const f = family === 'kr' ? (UNIT_FACTOR[a.unit] ?? 1) : 1;
  const tol = 10 ** -Math.min(a.decimals - Math.round(Math.log10(f)), index.coarsestDecimals(family));
  const lo = Math.min(0.4 * a.value * f, a.interval.lo * f, a.value * f - tol);
  const hi = Math.max(2.5 * a.value * f, a.interval.hi * f, a.value * f + tol);
  // The text figure's place among the sentence's percentages, for labels that quote several.
  const percents = found.filter((o) => o.unit === '%' && o.start >= s.start && o.end <= s.end);
  let clauseNamesNoRow: boolean | undefined;
  const inRange = [
    ...index.range(family, Math.max(0, lo), hi),
    ...index.range(family, 667 * a.value * f, 1500 * a.value * f),
    ...index.range(family, (a.value * f) / 1500, (a.value * f) / 667),
  ];
  for (const { c, gate } of inRange) {
    if (gate >= 0 && lastNamedIn[gate] !== paragraphNo) continue;
    const v = inUnit(c, a.unit);
    if (v === undefined) continue;
    // "från 1 % till 2 %" in a label and in the text: each figure is judged against its own.
    const slot = c.slot && c.slot.n >= 2 && percents.length === c.slot.n ? c.slot.i === percents.indexOf(a) : undefined;
    // "under 23 %" against the target "< 23" quotes 23, not a value below it.
    const quoted = c.target && a.hedge ? { ...a, hedge: undefined } : a;
    // A target is quoted as one: its word named ("målvärdet 35 procent") or a comparison ("under 23 %").
    const untargeted =
      (c.target || (c.fakt.tabell === 'mål' && targetColumns.has(c.fakt.kolumn))) &&
      !a.hedge &&
      !sf.measures.has('målvärde');
    const verdikt = slot === false || untargeted ? undefined : agreement(quoted, v, decimalsIn(c, a.unit));
    if (!verdikt && (c.derived || (c.label && !slot) || !near(v))) continue;
    // Derived changes and figures in row labels count only when the sentence speaks of them.
    if (c.derived && !sf.change) continue;
    // A difference of two neighbouring columns is a claim about its row: the sentence names the row.
    // A total's: the sentence names the whole or the total itself, not only some other row.
    if (c.derived && !rowNamedIn(c, sf.lower, lex) && (c.fakt.roll !== 'summa' || !namesWhole(ctx, sf))) continue;
    const m = mentions(c, ctx, sf);
    if (m.local <= 0 || (c.label && m.sentence <= 0)) continue;
    // A percentage change worked out from two cells is a claim about its row: the figure's clause
    // must name it, or, when the clause names no row ("… till 22,4 mnkr, en ökning med 2 procent"),
    // the sentence it is part of.
    if (c.derived && c.unit === '%') {
      clauseNamesNoRow ??= namesNoRow(ctx, ctx.clause);
      const subject = clauseNamesNoRow ? sf.lower : ctx.clause;
      if (
        mentionScore(labelStems(c.fakt.radEtikett, lex), subject, true) < 0.75 &&
        mentionScore(c.fakt.roll === 'summa' ? entityOf(c, ctx).entity : [], subject, true) < 0.75
      )
        continue;
    }
    scored.push({
      c,
      v,
      s: score(c, ctx, sf),
      ...(verdikt ? { verdikt } : {}),
      conflicts: conflicts(c, sf, lex),
      local: m.local,
      sentence: m.sentence,
      clause: m.clause,
      ...(slot !== undefined ? { slot } : {}),
    });
  }
  return scored;
}

/** Adds to `scored` the changes between two cells of a row that the figure's claim names. */
export function scoreChanges(st: RuleState, ps: ParagraphState, fig: Figure, scored: Scored[]): void {
  const { d, lex, labelsNamed, distinctTables, relationCache } = st;
  const { p, lowerParagraph } = ps;
  const { a, s, clauseFrom, several, claim, comparedAfter, relationLead, changeNear, ctx, sf } = fig;
  // A change between two columns the claim names ("ökade med 310 tkr jämfört med 2025", "1,4 mnkr
  // lägre än budget", "ett överskott på 0,3 mnkr mot budget"): judged against the difference of
  // the row's two cells, with the row named as a cell's would be. The figure must be the change
  // itself: a change word among the few words before it ("ökade med", "en ökning på") or a
  // comparison after it ("lägre än"), not a level in a sentence about a change ("ligger på 29 %").
  // A deviation from the budget: its words before the figure, or a comparison after it.
  const deviationNear = comparedAfter !== null || (lex.måttOrd.get('avvikelse')?.test(relationLead) ?? false);
  // The measures of the claim's own part: "…mot budget, medan nettokostnaden ökade med 310 tkr
  // jämfört med 2025" compares two years' outcomes, not the budget of the first part.
  const claimStart = several ? clauseFrom : s.start;
  const relationMeasures =
    changeNear || deviationNear
      ? measuresIn(
          contrastPart(p.text.slice(claimStart, claimStart + claim.length), a.start - claimStart, lex.kontrast),
          lex,
        )
      : new Set<string>();
  // The years of the figure's own clause, if it names any ("3,0 mnkr från 2026, 3,6 mnkr från 2025").
  const clauseYears = changeNear ? yearsIn(ctx.clause, ctx.year, lex) : new Set<number>();
  const namedYears = clauseYears.size ? clauseYears : sf.years;
  // A change word before the figure and no other year than the report's ("ökar med 3,5 mnkr",
  // "budgeten för 2029 ökar med 26,6 mnkr"): the change from the year before.
  const implicit =
    changeNear && lex.förändring.test(relationLead.slice(-80)) && [...namedYears].every((y) => y === ctx.year);
  const relationYears = implicit ? new Set([ctx.year - 1]) : namedYears;
  let subject: string | undefined;
  // Which row labels this sentence and heading name, kept by their text: a sentence that
  // recurs (the same words in another chapter) is read once.
  const hereKey = `${sf.lower}\u0001${ctx.heading}`;
  let namedHere = labelsNamed.get(hereKey);
  if (!namedHere) labelsNamed.set(hereKey, (namedHere = new Map()));
  // A change is a claim about a row the sentence or its heading names (or a total):
  // rows named nowhere near are passed over before their candidates are made. With no
  // year named, only a row the sentence names outright before the figure, as its subject:
  // one word of a longer label ("intern" in "internräntan" for "Intern säkerhet") is not
  // enough, nor a row named after it ("… motsvarar 2,8 procent och täcker fler elever i
  // grundskolan").
  const keep = (r: TabellRad): boolean => {
    // A total's change with no year named only where the sentence names the total itself
    // ("nettokostnaden ökar med …", "totalt"): "ramen justeras med 20,8 mnkr" for the whole
    // kommunstyrelse is one of many adjustments, not the total's change.
    if (r.roll === 'summa')
      return (
        !implicit ||
        lex.summaord.test((subject ??= lowerParagraph.slice(s.start, a.start))) ||
        mentionScore(labelStems(r.etikett, lex), subject, true) >= 0.75
      );
    let named = namedHere.get(r.etikett);
    if (named === undefined)
      namedHere.set(
        r.etikett,
        (named =
          labelStems(r.etikett, lex).some((st) => stemIn(st, sf.lower) || stemIn(st, ctx.heading)) ||
          aliasesOf(r.etikett, lex).some((re) => re.test(sf.lower))),
      );
    return (
      named &&
      (!implicit ||
        mentionScore(labelStems(r.etikett, lex), (subject ??= lowerParagraph.slice(s.start, a.start)), true) >= 0.75)
    );
  };
  if (changeNear || deviationNear)
    for (const t of distinctTables) {
      const pairs = namedPairs(t, relationYears, relationMeasures, ctx.year).filter((x) =>
        x.kind === 'budget' ? deviationNear : changeNear,
      );
      if (!pairs.length) continue;
      for (const c of relationCandidates(d, t, pairs, relationCache, keep)) {
        const v = inUnit(c, a.unit);
        if (v === undefined) continue;
        const m = mentions(c, ctx, sf);
        // A percentage change is a claim about its row: the sentence must name it.
        if (m.local <= 0 || (c.relation!.procent && m.sentence < 0.5)) continue;
        const verdikt = agreement(a, v, decimalsIn(c, a.unit));
        scored.push({
          c,
          v,
          // Above the year-on-year differences of neighbouring columns (no sign words checked),
          // below a published avvikelse cell that says the same as a comparison with the budget.
          s: m.score + (c.relation!.pair.kind === 'år' ? 3 : 1),
          ...(verdikt ? { verdikt } : {}),
          conflicts: [],
          local: m.local,
          sentence: m.sentence,
          clause: m.clause,
          ...(implicit ? { implicit } : {}),
        });
      }
    }
}
