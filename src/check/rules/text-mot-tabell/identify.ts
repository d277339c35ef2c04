import type { Diagnostic, Position } from '../../../core/diagnostics/diagnostic.js';
import { formatNumber, roundHalfAway } from '../../../core/format/number.js';
import type { Dokument, Textstycke } from '../../../core/model/dokument.js';
import type { TextBelopp } from '../../../core/model/kontroll.js';
import type { TextAmount } from '../../text/amounts.js';
import { positionOf } from '../../text/position.js';
import { sentenceAt } from '../../text/sentences.js';

/**
 * Identification by evidence, independent of the value. A figure left *ej verifierbar* because
 * no cell its sentence names agrees with it is asked the counterfactual question: had it said
 * this candidate's value, would the same sentence, paragraph and headings have confirmed it
 * against that cell? The sentence is then read again once per candidate, with only the figure's
 * digits changed, so the evidence is weighed exactly as for any other figure. When that evidence
 * picks candidates of one value only, or one that leads every candidate of another value by more
 * than a tie, the figure contradicts that cell (naming it); when several values are supported about
 * as well, the evidence is tied and the figure stays ej verifierbar, with them listed.
 */
export interface Hypothesis {
  /** The fact ids a confirmation would give (the cell, or both cells of a change). */
  ids: string[];
  /** The candidate's value in the text figure's unit, and its decimals there. */
  v: number;
  decimals: number;
  /** How a message names it: "driftsammandrag: "Ekonomistaben", Budget 2024 = 1,7 mnkr". */
  describe: string;
  /** How well the evidence supports it (the rule's score for it): the best must lead clearly. */
  rank: number;
}

export interface Question {
  p: Textstycke;
  a: TextAmount;
  /** The other figures of its sentence: a cell one of them quotes is that figure's. */
  siblings: TextAmount[];
  options: Hypothesis[];
}

/** A contradiction needs a cell of about the same size, or one a thousand times off (tkr as mnkr). */
function near(v: number, a: TextAmount): boolean {
  const r = Math.abs(v) / Math.max(Math.abs(a.value), 1e-9);
  return (r >= 0.4 && r <= 2.5) || (r >= 667 && r <= 1500) || (r >= 1 / 1500 && r <= 1 / 667);
}

/** The paragraph with the figure's digits replaced by `value`, filed under a place of its own. */
function withValue(p: Textstycke, a: TextAmount, value: number, fil: string): Textstycke | undefined {
  const raw = p.text.slice(a.start, a.end);
  const m = /^([−+-]\s?)?([\d \u00a0\u202f]*\d)(,\d+)?/u.exec(raw);
  if (!m) return undefined;
  const from = a.start + (m[1]?.length ?? 0);
  const to = from + m[2]!.length + (m[3]?.length ?? 0);
  const insert = formatNumber(Math.abs(value), a.decimals).replace(/^[−-]/u, '');
  const delta = insert.length - (to - from);
  const move = (o: number): number => (o >= to ? o + delta : o);
  return {
    ...p,
    text: p.text.slice(0, from) + insert + p.text.slice(to),
    plats: { ...p.plats, fil },
    refSpann: p.refSpann.map(([x, y]) => [move(x), move(y)] as [number, number]),
    segment: p.segment.map((s) => ({ offset: move(s.offset), plats: { ...s.plats, fil } })),
  };
}

const samePlace = (x: Position | undefined, y: Position): boolean => x?.rad === y.rad && x.kolumn === y.kolumn;

let asking = false;
const focus = new WeakMap<Textstycke, [number, number]>();

/** The figures of a paragraph to judge: all, or in a copy made to ask a question, its sentence's. */
export function inFocus(p: Textstycke, found: TextAmount[]): TextAmount[] {
  const f = focus.get(p);
  return f ? found.filter((a) => a.start >= f[0] && a.end <= f[1]) : found;
}
/** Scores closer than this are a tie: the evidence does not choose between them. */
const TIE = 0.75;

/**
 * Settles the open questions of one run: `judge` is the rule itself, run once over a document
 * holding one altered copy of each paragraph per candidate (verdicts are local to the paragraph,
 * so the copies do not see each other). The run it makes is not asked again.
 */
export function identifyByEvidence(
  d: Dokument,
  result: { fynd: Diagnostic[]; belopp: TextBelopp[] },
  questions: Map<TextBelopp, Question>,
  judge: (d: Dokument) => { belopp?: TextBelopp[] },
): { fynd: Diagnostic[]; belopp: TextBelopp[] } {
  if (asking) return result;
  const open = result.belopp.filter((b) => b.verdikt === 'ej verifierbar' && questions.get(b)?.options.length);
  if (!open.length) return result;
  const at = (p: Position): string => `${p.fil}:${p.rad}:${p.kolumn}`;
  const quoted = new Map(
    result.belopp.filter((b) => b.verdikt === 'stämmer').map((b) => [at(b.plats), b.fakta.join()] as const),
  );
  const copies: Textstycke[] = [];
  const asked: { b: TextBelopp; h: Hypothesis; fil: string }[] = [];
  for (const b of open) {
    const q = questions.get(b)!;
    // "Priskompensationen är 2,5 % och … tjänstepriserna höjs med 2,6 %": 2,5 % is the first figure's.
    const taken = new Set(q.siblings.map((o) => quoted.get(at(positionOf(q.p, o.start)))));
    for (const h of q.options) {
      if (taken.has(h.ids.join())) continue;
      // The written sign is part of the claim: "−3,0 mnkr" can only be a negative cell.
      if (!near(h.v, q.a) || (q.a.sign === -1 && h.v > 0) || (q.a.sign === 1 && h.v < 0)) continue;
      if (roundHalfAway(h.v, q.a.decimals) === roundHalfAway(q.a.sign === -1 ? -q.a.value : q.a.value, q.a.decimals))
        continue;
      const fil = `\u0000fråga ${asked.length}`;
      const copy = withValue(q.p, q.a, h.v, fil);
      if (!copy) continue;
      // Only the figure's own sentence is read again: a verdict depends on nothing after it.
      const s = sentenceAt(copy.text, q.a.start);
      focus.set(copy, [s.start, s.end]);
      copies.push(copy);
      asked.push({ b, h, fil });
    }
  }
  if (!copies.length) return result;
  asking = true;
  let answers: TextBelopp[];
  try {
    answers = judge({ ...d, textstycken: copies }).belopp ?? [];
  } finally {
    asking = false;
  }
  const byFil = new Map<string, TextBelopp[]>();
  for (const x of answers) {
    const fil = x.plats?.fil ?? '';
    byFil.set(fil, [...(byFil.get(fil) ?? []), x]);
  }
  // Per figure, the candidates its evidence would have confirmed.
  const confirmed = new Map<TextBelopp, Hypothesis[]>();
  for (const { b, h, fil } of asked) {
    const x = byFil.get(fil)?.find((y) => samePlace(y.plats, b.plats));
    // Confirmed against this very candidate (a cell and a change computed from it share its id).
    const ok =
      x !== undefined &&
      (x.verdikt === 'stämmer' || x.verdikt === 'stämmer inom avrundning') &&
      x.kommentar === h.describe &&
      x.fakta.join() === h.ids.join();
    if (ok) confirmed.set(b, [...(confirmed.get(b) ?? []), h]);
  }
  const fynd = [...result.fynd];
  for (const [b, hs] of confirmed) {
    const a = questions.get(b)!.a;
    // The best supported one, unless another of another value is supported about as well (a tie).
    const h = hs.reduce((m, x) => (x.rank > m.rank ? x : m));
    const value = (x: Hypothesis): number => roundHalfAway(x.v, Math.min(a.decimals, x.decimals));
    const tied = hs.filter((x) => x.rank > h.rank - TIE && value(x) !== value(h));
    if (tied.length) {
      b.kommentar = `lika starkt stöd för flera celler: ${[h, ...tied].map((x) => x.describe).join('; ')}`;
      continue;
    }
    const r = Math.abs(h.v) / Math.max(Math.abs(a.value), 1e-9);
    const approx =
      r > 100 || r < 0.01
        ? 'tusen gånger fel: tkr och mnkr förväxlade?'
        : `≈ ${formatNumber(h.v, Math.max(a.decimals, Math.min(h.decimals, 1)))} ${a.unit}`;
    b.verdikt = 'motsäger';
    b.fakta = h.ids;
    b.kommentar = h.describe;
    const at = fynd.findIndex(
      (f) => f.regel === 'ej-verifierbar' && f.plats?.fil === b.plats.fil && samePlace(f.plats, b.plats),
    );
    if (at >= 0) fynd.splice(at, 1);
    fynd.push({
      allvarlighet: 'fel',
      regel: 'text-mot-tabell',
      meddelande: `"${b.text}" motsäger ${h.describe} (${approx})`,
      plats: b.plats,
      fakta: h.ids,
    });
  }
  return { fynd, belopp: result.belopp };
}
