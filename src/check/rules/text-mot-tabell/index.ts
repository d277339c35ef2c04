import { findAmounts, type TextAmount } from '../../text/amounts.js';
import type { CheckRule } from '../../run-checks.js';
import type { Dokument, TabellKolumn, Textstycke } from '../../../core/model/dokument.js';
import type { Context } from './context.js';
import { confirm, rowsTogether } from './confirm.js';
import { contradictCell, contradictChange } from './contradict.js';
import { readFigure } from './figure.js';
import { verdictFindings } from './findings.js';
import { scoreCells, scoreChanges } from './gather.js';
import { identifyByEvidence, inFocus } from './identify.js';
import { partsOfTotals } from './parts-of-totals.js';
import { ruleState, type ParagraphState, type RuleState } from './state.js';
import { unverifiable } from './unverifiable.js';
import { weigh } from './weigh.js';

/** Every amount in the narrative is a claim: find the cell it quotes, or the cell it contradicts. */
export const textVsTable: CheckRule = {
  id: 'text-mot-tabell',
  run(d: Dokument) {
    const st = ruleState(d);
    for (const p of d.textstycken) checkParagraph(st, p);
    st.fynd.push(...verdictFindings(st.belopp, st.pending));
    return identifyByEvidence(d, { fynd: st.fynd, belopp: st.belopp }, st.questions, (x) => textVsTable.run(x));
  },
};

/** Judges each figure of a paragraph in order, then the parts it lists against their totals. */
function checkParagraph(st: RuleState, p: Textstycke): void {
  const { lex, stemIndex, lastNamedIn, indicatorsOfGoal, belopp, fynd } = st;
  const found = inFocus(p, findAmounts(p, lex));
  if (!found.length) return;
  const goalIndicators = new Set(p.rubriker.flatMap((r) => [...(indicatorsOfGoal.get(r) ?? [])]));
  const lowerParagraph = p.text.toLowerCase();
  const firstOfParagraph = belopp.length;
  // The column each sentence's figures were confirmed in so far, by the sentence's start.
  const confirmedColumn = new Map<number, TabellKolumn | undefined>();
  const paragraphNo = ++st.paragraphNo;
  const markNamed = (id: number): void => {
    lastNamedIn[id] = paragraphNo;
  };
  // A part of a text lower-cased is a part of the lower-cased text, except around a capital
  // sigma (final or not): then each sentence and the last heading are read on their own too.
  const sigma = /\u03a3/u.test(p.text) || p.rubriker.some((r) => r.includes('\u03a3'));
  stemIndex.named(lowerParagraph, markNamed);
  stemIndex.named(p.rubriker.join(' ').toLowerCase(), markNamed);
  if (sigma) stemIndex.named((p.rubriker[p.rubriker.length - 1] ?? '').toLowerCase(), markNamed);
  const around: Context['around'] = new Map();
  const inSentence = new Map<number, Context['inSentence']>();
  const ps: ParagraphState = {
    p,
    found,
    goalIndicators,
    lowerParagraph,
    confirmedColumn,
    sigma,
    markNamed,
    around,
    inSentence,
  };
  for (const a of found) checkFigure(st, ps, a);
  fynd.push(...partsOfTotals(p, found, belopp.slice(firstOfParagraph), lex));
}

/**
 * Judges one figure: the cells it may quote are gathered and scored, then it is confirmed, found
 * to be several rows' total, found to contradict a change or a cell, or else left ej verifierbar,
 * the first of these that its evidence supports.
 */
function checkFigure(st: RuleState, ps: ParagraphState, a: TextAmount): void {
  const fig = readFigure(st, ps, a);
  const scored = scoreCells(st, ps, fig);
  scoreChanges(st, ps, fig, scored);
  const w = weigh(st, ps, fig, scored);
  if (confirm(st, ps, fig, w)) return;
  if (rowsTogether(st, ps, fig, w)) return;
  if (contradictChange(st, fig, scored, w)) return;
  if (contradictCell(st, fig, w)) return;
  unverifiable(st, ps, fig, scored, w);
}

export type { Textstycke };
