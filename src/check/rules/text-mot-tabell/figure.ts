import { positionOf } from '../../text/position.js';
import type { TextAmount } from '../../text/amounts.js';
import { measuresIn } from '../../text/context.js';
import { contrastPart, sentenceAt } from '../../text/sentences.js';
import { claimEnd } from './claim.js';
import { closestYear, sentenceFacts, type Context } from './context.js';
import type { Figure, ParagraphState, RuleState } from './state.js';

/** Where a figure stands: its sentence, its own clause and claim, the years and comparisons around it. */
export function readFigure(st: RuleState, ps: ParagraphState, a: TextAmount): Figure {
  const { d, lex, rowStems, stemIndex } = st;
  const { p, found, goalIndicators, lowerParagraph, confirmedColumn, sigma, markNamed, around, inSentence } = ps;
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
    clauseTo === found[ai + 1]?.start ? claimEnd(p.text, a.end, clauseTo, lex) : stop >= 0 ? a.end + stop : clauseTo;
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
    comparedAfter !== null ||
    (!lex.nivåFöreTal.test(nearBefore) && (lex.förändring.test(nearBefore) || lex.förändringFöreTal.test(nearBefore)));
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
  return {
    a,
    ai,
    s,
    clauseFrom,
    clauseTo,
    several,
    claim,
    comparedAfter,
    relationLead,
    changeNear,
    ctx,
    plats,
    sf,
    siblingColumn,
  };
}
