import type { Diagnostic } from '../../../core/diagnostics/diagnostic.js';
import { formatNumber, roundHalfAway as roundTo, UNIT_FACTOR } from '../../../core/format/number.js';
import { CandidateIndex } from '../../text/candidate-index.js';
import { StemIndex } from '../../text/stem-index.js';
import type { Dokument, TabellKolumn, Textstycke } from '../../../core/model/dokument.js';
import type { TextBelopp } from '../../../core/model/kontroll.js';
import { lexikonFor } from '../../lexikon.js';
import type { CheckRule } from '../../run-checks.js';
import { findAmounts, type TextAmount } from '../../text/amounts.js';
import { labelStems, measuresIn, mentionScore, stemDistance, stemIn, yearsIn } from '../../text/context.js';
import { positionOf } from '../../text/position.js';
import { contrastPart, sentenceAt } from '../../text/sentences.js';
import { namedPairs } from './relations.js';
import { identifyByEvidence, inFocus, type Question } from './identify.js';
import { directionOf, signName, surplusIsPositive } from './signs.js';
import { claimEnd } from './claim.js';
import { cachedCandidates, cachedRepeatedTables, MONEY, relationCandidates, type Candidate } from './candidates.js';
import { closestYear, indicatorsByGoal, sentenceFacts, type Context } from './context.js';
import { entityOf, mentions, namesWhole, rowNamedIn, wholeTotal } from './mentions.js';
import { conflicts, score, type Scored } from './scoring.js';
import { agreement, decimalsIn, inUnit, namedRowsTotal } from './agreement.js';
import { contradicts, shown, verdictFindings } from './findings.js';
import { asPart, earmarkedFor, onlyAsWhole } from './parts.js';
import { hypotheses } from './hypotheses.js';
import { partsOfTotals } from './parts-of-totals.js';

/** Every amount in the narrative is a claim: find the cell it quotes, or the cell it contradicts. */
export const textVsTable: CheckRule = {
  id: 'text-mot-tabell',
  run(d: Dokument) {
    const lex = lexikonFor(d.lexikon);
    const repeated = cachedRepeatedTables(d);
    const all = cachedCandidates(d, lex, repeated);
    const distinctTables = d.tabeller.filter((t) => !repeated.has(t.id));
    const relationCache = new Map<string, Candidate[]>();
    const labelsNamed = new Map<string, Map<string, boolean>>();
    // The candidates a text can name by their row or subject, a superset of those its mentions
    // find: one named nowhere in a paragraph, its headings or its sentence is not looked at there.
    // Those named otherwise (an alias, a word for the whole) are always looked at (gate −1).
    const entityIds = new Map<string, number>();
    const entityStems: [string[], number][] = [];
    const gated = all.map((c) => {
      const e = entityOf(c, { lex, nämnd: d.rapport.nämnd });
      let id = entityIds.get(e.key);
      if (id === undefined) {
        entityIds.set(e.key, (id = entityIds.size));
        entityStems.push([[...e.entity, ...e.own], id]);
      }
      return { c, gate: e.aliases.length || wholeTotal(c) ? -1 : id };
    });
    const stemIndex = new StemIndex(entityStems);
    // The paragraph an entity was last found named in.
    const lastNamedIn = new Int32Array(entityIds.size);
    let paragraphNo = 0;
    const markNamed = (id: number): void => {
      lastNamedIn[id] = paragraphNo;
    };
    const index = new CandidateIndex(gated, ({ c }) =>
      c.unit === '%'
        ? { family: '%', value: c.value, unit: '%', decimals: c.decimals }
        : MONEY.has(c.unit)
          ? { family: 'kr', value: c.value, unit: c.unit, decimals: c.decimals }
          : undefined,
    );
    const rowStems = [
      ...new Set(
        all
          .filter((c) => c.fakt.roll !== 'summa' && !c.derived)
          .flatMap((c) => [
            ...labelStems(c.fakt.radEtikett, lex),
            ...(c.tabell?.avser ? labelStems(c.tabell.avser, lex) : []),
          ]),
      ),
    ];
    // The published rows of each column (no totals), for a figure quoting several rows together.
    const rowCells = new Map<TabellKolumn, Candidate[]>();
    for (const c of all)
      if (c.kolumn && c.tabell && !c.derived && !c.label && c.fakt.roll !== 'summa') {
        const list = rowCells.get(c.kolumn);
        if (list) list.push(c);
        else rowCells.set(c.kolumn, [c]);
      }
    const fynd: Diagnostic[] = [];
    const belopp: TextBelopp[] = [];
    const pending = new Map<TextBelopp, Diagnostic>();
    const questions = new Map<TextBelopp, Question>();
    // The indicators' target columns ("Målvärde 2027"): their values are targets too.
    const targetColumns = new Set(
      d.mål.flatMap((b) => b.kolumner.filter((k) => k.mått === 'målvärde').map((k) => k.id)),
    );
    const indicatorsOfGoal = indicatorsByGoal(d);
    const debug = process.env.KR_DEBUG;
    for (const p of d.textstycken) {
      const found = inFocus(p, findAmounts(p, lex));
      if (!found.length) continue;
      const goalIndicators = new Set(p.rubriker.flatMap((r) => [...(indicatorsOfGoal.get(r) ?? [])]));
      const lowerParagraph = p.text.toLowerCase();
      const firstOfParagraph = belopp.length;
      // The column each sentence's figures were confirmed in so far, by the sentence's start.
      const confirmedColumn = new Map<number, TabellKolumn | undefined>();
      paragraphNo++;
      // A part of a text lower-cased is a part of the lower-cased text, except around a capital
      // sigma (final or not): then each sentence and the last heading are read on their own too.
      const sigma = /\u03a3/u.test(p.text) || p.rubriker.some((r) => r.includes('\u03a3'));
      stemIndex.named(lowerParagraph, markNamed);
      stemIndex.named(p.rubriker.join(' ').toLowerCase(), markNamed);
      if (sigma) stemIndex.named((p.rubriker[p.rubriker.length - 1] ?? '').toLowerCase(), markNamed);
      const around: Context['around'] = new Map();
      const inSentence = new Map<number, Context['inSentence']>();
      for (const a of found) {
        const s = sentenceAt(p.text, a.start);
        const ai = found.indexOf(a);
        const clauseFrom = Math.max(s.start, found[ai - 1]?.end ?? 0);
        const clauseTo = Math.min(s.end, found[ai + 1]?.start ?? p.text.length);
        const nearYear = closestYear(p.text, a, clauseFrom, clauseTo);
        const ownYear = /^\s+(?:för\s+|år\s+|under\s+)?(19[5-9]\d|20\d\d)(?![\p{L}\p{N}\u2013-])/u.exec(
          p.text.slice(a.end, clauseTo),
        )?.[1];
        const several = found.some((o) => o !== a && o.start >= s.start && o.end <= s.end);
        const stop = p.text.slice(a.end, clauseTo).search(/[,;:]/);
        const claimTo =
          clauseTo === found[ai + 1]?.start
            ? claimEnd(p.text, a.end, clauseTo, lex)
            : stop >= 0
              ? a.end + stop
              : clauseTo;
        const claim = several ? p.text.slice(clauseFrom, claimTo) : s.text;
        // A comparison after the figure: "lägre än …", or "under"/"över" followed by a measure
        // ("under investeringsramen", not "under perioden").
        const after = p.text.slice(a.end, clauseTo);
        const comparison = lex.jämförelseEfter.exec(after);
        const comparedAfter =
          comparison &&
          (/\s/.test(comparison[1]!.trim()) ||
            measuresIn(/^(?:\s*\S+){0,4}/u.exec(after.slice(comparison[0].length))?.[0] ?? '', lex).size > 0)
            ? comparison
            : null;
        const relationLead = lowerParagraph.slice(clauseFrom, a.start);
        // The last four words before the figure (split, not a pattern anchored at the end: no rescans).
        const nearBefore = relationLead.slice(-80).split(/\s+/u).slice(-5).join(' ');
        const changeNear =
          comparedAfter !== null || lex.förändring.test(nearBefore) || lex.förändringFöreTal.test(nearBefore);
        // A year on the other side of a comparison in another clause ("sjönk till 6,5 %, 0,6
        // procentenheter lägre än samma period 2026") is the change's, not this level's.
        const comparedYears = new Set<number>();
        if (!changeNear)
          for (const m of lowerParagraph.slice(s.start, s.end).matchAll(lex.jämförelseÅr)) {
            const at = s.start + (m.index ?? 0);
            if (at + m[0].length <= clauseFrom || at >= clauseTo) comparedYears.add(Number(m[1]));
          }
        let sentenceNamed = inSentence.get(s.start);
        if (!sentenceNamed) inSentence.set(s.start, (sentenceNamed = { named: new Map() }));
        const ctx: Context = {
          comparedYears,
          goalIndicators,
          clause: lowerParagraph.slice(clauseFrom, clauseTo),
          claim,
          lex,
          year: d.rapport.budgetår,
          signed: a.sign !== undefined,
          ...(a.sign ? { sign: a.sign } : {}),
          ...(nearYear !== undefined ? { nearYear } : {}),
          ...(ownYear !== undefined ? { ownYear: Number(ownYear) } : {}),
          nämnd: d.rapport.nämnd,
          rowStems,
          sentence: s.text,
          yearScope: contrastPart(p.text.slice(s.start, s.end), a.start - s.start, lex.kontrast),
          heading: (p.rubriker[p.rubriker.length - 1] ?? '').toLowerCase(),
          headings: p.rubriker.join(' ').toLowerCase(),
          paragraph: lowerParagraph,
          around,
          inSentence: sentenceNamed,
        };
        const plats = positionOf(p, a.start);
        const sf = sentenceFacts(ctx);
        if (sigma) stemIndex.named(sf.lower, markNamed);
        const siblingColumn = confirmedColumn.get(s.start);
        // A contradiction needs a cell of about the same size (a slip of a digit), or a thousand
        // times off (tkr written as mnkr): a figure ten times off is more likely about something else.
        const near = (v: number): boolean => {
          const r = Math.abs(v) / Math.max(Math.abs(a.value), 1e-9);
          return (r >= 0.4 && r <= 2.5) || (r >= 667 && r <= 1500) || (r >= 1 / 1500 && r <= 1 / 667);
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
          const slot =
            c.slot && c.slot.n >= 2 && percents.length === c.slot.n ? c.slot.i === percents.indexOf(a) : undefined;
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
          // A percentage change worked out from two cells is a claim about its row: the figure's clause must name it.
          if (
            c.derived &&
            c.unit === '%' &&
            mentionScore(labelStems(c.fakt.radEtikett, lex), ctx.clause, true) < 0.75 &&
            mentionScore(c.fakt.roll === 'summa' ? entityOf(c, ctx).entity : [], ctx.clause, true) < 0.75
          )
            continue;
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
        const relationYears = clauseYears.size ? clauseYears : sf.years;
        // Which row labels this sentence and heading name, kept by their text: a sentence that
        // recurs (the same words in another chapter) is read once.
        const hereKey = `${sf.lower}\u0001${ctx.heading}`;
        let namedHere = labelsNamed.get(hereKey);
        if (!namedHere) labelsNamed.set(hereKey, (namedHere = new Map()));
        if (changeNear || deviationNear)
          for (const t of distinctTables) {
            const pairs = namedPairs(t, relationYears, relationMeasures, ctx.year).filter((x) =>
              x.kind === 'budget' ? deviationNear : changeNear,
            );
            if (!pairs.length) continue;
            for (const c of relationCandidates(d, t, pairs, relationCache)) {
              const v = inUnit(c, a.unit);
              if (v === undefined) continue;
              // A change is a claim about a row the sentence or its heading names (or a total):
              // rows named nowhere near are passed over before their mentions are worked out.
              if (c.fakt.roll !== 'summa') {
                let named = namedHere.get(c.fakt.radEtikett);
                if (named === undefined)
                  namedHere.set(
                    c.fakt.radEtikett,
                    (named =
                      labelStems(c.fakt.radEtikett, lex).some(
                        (st) => stemIn(st, sf.lower) || stemIn(st, ctx.heading),
                      ) || entityOf(c, ctx).aliases.some((re) => re.test(sf.lower))),
                  );
                if (!named) continue;
              }
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
              });
            }
          }
        const byScore = (x: Scored, y: Scored): number => y.s - x.s || Number(x.c.derived) - Number(y.c.derived);
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
        const changeBy =
          sf.change && lex.förändringFöreTal.test(lowerParagraph.slice(Math.max(0, a.start - 25), a.start));
        // A row named in the figure's own clause comes before one named only earlier in the
        // sentence or in a heading ("Stab A får 11,0 mnkr, varav lönerna utgör 6 500 tkr").
        const pointable = clean.filter(
          (x) =>
            !x.verdikt &&
            !x.c.derived &&
            (!x.c.label || x.slot) &&
            (!changeBy || x.c.fakt.roll === 'specifikation' || !x.c.kolumn),
        );
        const inClause = pointable.filter(
          (x) => mentionScore(labelStems(x.c.fakt.radEtikett, lex), ctx.clause, true) > 0,
        );
        // Of one row's cells, the column an earlier figure of the sentence was confirmed in
        // ("A får 50,1 mnkr och B 22,5 mnkr": B's budget of the same year as A's).
        // Not when the figure's claim names another measure ("… 31 procent 2026, men målvärdet 35 procent").
        const sameColumn = (x: Scored | undefined): Scored | undefined =>
          x &&
          (sf.measures.size && siblingColumn && !sf.measures.has(siblingColumn.mått)
            ? x
            : (pointable.find((y) => y.c.fakt.radEtikett === x.c.fakt.radEtikett && y.c.kolumn === siblingColumn) ??
              x));
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
        const rangeEnd =
          nextAmount && joined(a, nextAmount) ? 'lo' : prevAmount && joined(prevAmount, a) ? 'hi' : undefined;
        // Two candidates the sentence names by the same word ("tjänstepriserna": the lowest and highest change).
        const namedIn = (x: Scored): string[] =>
          labelStems(x.c.fakt.radEtikett, lex).filter((st) => stemIn(st, sf.lower));
        const namedAlike = (x: Scored, y: Scored): boolean => namedIn(x).some((st) => namedIn(y).includes(st));
        const rangePick = (xs: Scored[]): Scored | undefined => {
          const first = xs[0];
          if (!rangeEnd || !first) return first;
          const tied = xs.filter((x) => x.s >= first.s - 0.25 && x.c.unit === first.c.unit && namedAlike(x, first));
          return tied.reduce((m, x) => ((rangeEnd === 'lo' ? x.v < m.v : x.v > m.v) ? x : m), first);
        };
        const pointed = sameColumn(rangePick(inClause) ?? rangePick(pointable));
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
            (best.c.fakt.roll !== 'summa' &&
              mentionScore(labelStems(best.c.fakt.radEtikett, lex), ctx.clause, true) === 0) ||
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
        // sentence names and no row, period or measure is: a part, never a row's whole amount.
        const earmarked = earmarkedFor(lowerParagraph.slice(a.end, clauseTo), ctx, lex);
        const partOfWhole =
          best?.c.tabell !== undefined &&
          partWord?.index !== undefined &&
          best.sentence === 0 &&
          mentionScore(labelStems(best.c.fakt.radEtikett, lex), partNamed, true) === 0;
        // The question asked of a figure its value did not settle (identify.ts): which candidates
        // its evidence would confirm, had it said their value.
        const ask = (b: TextBelopp): void => {
          questions.set(b, {
            p,
            a,
            siblings: found.filter((o) => o !== a && o.start >= s.start && o.end <= s.end),
            options: hypotheses(
              scored.filter((x) => !onlyAsWhole(x, ctx, sf) && !asPart(x, partWord, partNamed, lex)),
              a,
              `${sf.lower} ${ctx.headings}`,
              ctx.heading,
              sf.lower,
              lex,
              sf.years.size === 0 && sf.nearYear === undefined && sf.ownYear === undefined ? ctx.year : undefined,
            ),
          });
        };
        if (
          best &&
          (best.s >= 1.5 || best.sentence >= 0.25) &&
          !outpointed &&
          !outscored &&
          !partOfWhole &&
          !wrongEnd &&
          // A word or two of a row's label in another clause of the sentence, and nothing nearer,
          // goes with that clause's figure ("1,5 mnkr till social- och omsorgsnämnden, …, 1,7 mnkr
          // till arbetsmarknadsnämnden" is not the row "Social hållbarhet").
          !(
            best.c.tabell &&
            !best.c.label &&
            best.c.fakt.roll !== 'summa' &&
            best.clause === 0 &&
            best.sentence > 0 &&
            best.local < 0.75
          ) &&
          // A row named only further away (the paragraph, an upper heading) confirms a listed part
          // ("…: 0,5 mnkr till social- och omsorgsnämnden") only with more than that.
          !(
            best.c.tabell &&
            !best.c.label &&
            best.c.fakt.roll !== 'summa' &&
            best.sentence === 0 &&
            best.s < 2 &&
            mentionScore(labelStems(best.c.fakt.radEtikett, lex), ctx.heading, true) === 0
          )
        ) {
          // The sign words must agree with a deviation's sign.
          const signedColumn =
            !best.c.label && !best.c.derived && best.c.kolumn?.mått === 'avvikelse' ? surplusIsPositive(best.c, d) : 0;
          if (
            a.riktning &&
            signedColumn &&
            Math.abs(best.v) > 1e-9 &&
            best.v * signedColumn > 0 !== (a.riktning === 'positiv')
          ) {
            belopp.push(contradicts(a, plats, best, `tecknet: texten säger ${a.riktning}, ${shown(best)}`));
            fynd.push({
              allvarlighet: 'fel',
              regel: 'text-tecken',
              meddelande: `"${a.text}" beskrivs som ${a.riktning === 'positiv' ? 'positivt (överskott/ökning)' : 'negativt (underskott/minskning)'}, men ${shown(best)}`,
              plats,
              fakta: [best.c.fakt.id],
            });
            continue;
          }
          // A cell whose own label gives its sign ("…, väntat överskott"; "höjs från 1 % till 2 %"),
          // or a change whose value does (a budget change row, "Tjänstepriserna, lägsta förändring").
          const labelSign =
            best.c.relation || best.c.derived || best.c.target || !a.riktning
              ? undefined
              : directionOf(
                  {
                    label: best.c.fakt.radEtikett,
                    value: best.c.value,
                    specification: best.c.fakt.roll === 'specifikation',
                    labelFigure: best.c.label === true,
                  },
                  lex,
                );
          if (labelSign && labelSign !== a.riktning) {
            belopp.push(contradicts(a, plats, best, `tecknet: texten säger ${a.riktning}, ${best.c.describe}`));
            fynd.push({
              allvarlighet: 'fel',
              regel: 'text-tecken',
              meddelande: `"${a.text}" beskrivs som ${signName(a.riktning!)}, men ${shown(best)} anger ${signName(labelSign)}`,
              plats,
              fakta: [best.c.fakt.id],
            });
            continue;
          }
          // A change's direction ("ökade", "minskade"; "lägre än", "högre än" after the figure) must
          // agree with its sign; a comparison with a budget says only what the words after it say.
          const direction = comparedAfter
            ? lex.data.jämförelseord[comparedAfter[1]!.toLowerCase().replace(/\s+/g, ' ')]
            : best.c.relation?.pair.kind === 'år' && a.riktning
              ? a.riktning === 'positiv'
                ? '>'
                : '<'
              : undefined;
          const evidence = best.c.relation ? [best.c.relation.from.id, best.c.fakt.id] : [best.c.fakt.id];
          if (
            best.c.relation &&
            direction &&
            Math.abs(best.c.value) > 1e-9 &&
            best.c.value > 0 !== (direction === '>' || direction === '≥')
          ) {
            belopp.push({
              ...contradicts(
                a,
                plats,
                best,
                `tecknet: texten säger ${direction === '>' || direction === '≥' ? 'ökning' : 'minskning'}, ${shown(best)}`,
              ),
              fakta: evidence,
            });
            fynd.push({
              allvarlighet: 'fel',
              regel: 'text-tecken',
              meddelande: `"${a.text}" beskrivs som ${direction === '>' || direction === '≥' ? 'en ökning (högre, mer)' : 'en minskning (lägre, mindre)'}, men ${shown(best)}`,
              plats,
              fakta: evidence,
            });
            continue;
          }
          const verdikt = best.verdikt!;
          if (best.c.tabell) confirmedColumn.set(s.start, best.c.kolumn);
          belopp.push({
            text: a.text,
            plats,
            värde: a.value,
            enhet: a.unit,
            verdikt,
            fakta: evidence,
            kommentar: shown(best),
          });
          if (verdikt === 'stämmer inom avrundning')
            fynd.push({
              allvarlighet: 'info',
              regel: 'text-mot-tabell',
              meddelande: `"${a.text}" stämmer inom avrundning med ${shown(best)}`,
              plats,
              fakta: evidence,
            });
          continue;
        }
        // Before a contradiction: the sentence may quote the total of several rows it names
        // ("3,0 mnkr för räddningsstationen" over two räddningsstation rows of one column).
        const clause = p.text.slice(a.start, clauseTo);
        const together = pointed ? namedRowsTotal(pointed, rowCells, a, clause) : undefined;
        if (together) {
          belopp.push({
            text: a.text,
            plats,
            värde: a.value,
            enhet: a.unit,
            verdikt: together.verdikt,
            fakta: together.rows.map((x) => x.fakt.id),
            kommentar: `summan av ${together.rows.map((x) => `${x.describe} = ${formatNumber(x.value, x.decimals)}`).join(' + ')}`,
          });
          continue;
        }
        // A change the claim names between two columns of one row named clearly (in the figure's
        // clause, the sentence, or the nearest heading), and of no other row as clearly, that does
        // not agree: a contradiction naming both cells and the computed change. Not for a part
        // ("främst … 0,2 mnkr"), which is a share of the change, not the whole.
        const namedRelations = scored.filter(
          (x) =>
            x.c.relation &&
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
              x.s < relationRow.s - 0.25 ||
              (x.c.tabell === relationRow.c.tabell && x.c.fakt.rad === relationRow.c.fakt.rad),
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
          continue;
        }
        // A contradiction needs the sentence to name the cell's own row (or, for a total, its
        // table), and no other row to be pointed at as clearly: cells of one row in several
        // columns are one claim (no column agrees), cells of two rows are a guess.
        // Rows with the same label in two tables (a stab in the prognos and the result table) are one subject.
        const rowOf = (x: Scored): string => x.c.fakt.radEtikett.trim().toLowerCase();
        // Of two rows named as clearly, the one named closer to the figure is meant ("A är 2,4 % och B 3,0 %").
        const at = a.start - s.start;
        const sentenceLower = s.text.toLowerCase();
        const distance = (x: Scored): number =>
          stemDistance(labelStems(x.c.fakt.radEtikett, lex), sentenceLower, at, at + (a.end - a.start));
        // A name after the figure, when the pointed one stands before it, belongs to the next figure.
        const namedBefore = (x: Scored): boolean =>
          stemDistance(labelStems(x.c.fakt.radEtikett, lex), sentenceLower.slice(0, at), at, at) < Infinity;
        const rival = pointed
          ? clean.find(
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
            )
          : undefined;
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
          (pointed.sentence >= 0.25 ||
            mentionScore(labelStems(pointed.c.fakt.radEtikett, lex), ctx.heading, true) >= 1) &&
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
          continue;
        }
        // No evidence either way: say which cells came closest, and why they were not taken.
        const near3 = [...scored].sort(byScore).slice(0, 3);
        // Joined as it is built: a list of these strings, empty or not, made V8 recompile all of run.
        let why = '';
        for (const x of near3)
          why += `${why ? '; ' : ''}${shown(x)}${x.conflicts.length ? ` (meningen nämner ${x.conflicts.join('; ')})` : x.verdikt ? '' : ' (annat värde)'}`;
        belopp.push({
          text: a.text,
          plats,
          värde: a.value,
          enhet: a.unit,
          verdikt: 'ej verifierbar',
          fakta: near3.map((x) => x.c.fakt.id),
          kommentar: why
            ? `närmaste: ${why}`
            : 'ingen tabellcell eller uppgift vars rad eller ämne meningen, stycket eller rubrikerna nämner',
        });
        // A part of something named only around it is not identified by its value either.
        if (!partOfWhole && !earmarked) ask(belopp[belopp.length - 1]!);
      }
      fynd.push(...partsOfTotals(p, found, belopp.slice(firstOfParagraph), lex));
    }
    fynd.push(...verdictFindings(belopp, pending));
    return identifyByEvidence(d, { fynd, belopp }, questions, (x) => textVsTable.run(x));
  },
};

export type { Textstycke };
