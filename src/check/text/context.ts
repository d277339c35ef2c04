import type { Fakt, TabellBlock } from '../../core/model/dokument.js';
import { lexikonFor, type Lexikon } from '../lexikon.js';

/** The measures (column mått) a text names, by the lexicon's measure words. */
export function measuresIn(text: string, lex: Lexikon = lexikonFor()): Set<string> {
  const t = text.toLowerCase();
  const out = new Set<string>();
  for (const [re, m] of lex.mått) if (re.test(t)) out.add(m);
  return out;
}

/** Years a sentence names, including relative ones ("i fjol", "förra året") from the report's year. */
export function yearsIn(text: string, reportYear?: number, lex: Lexikon = lexikonFor()): Set<number> {
  const years = new Set(
    [...text.matchAll(/(?<![\p{L}\p{N}])(19[5-9]\d|20\d\d)(?![\p{L}\p{N}])/gu)].map((m) => Number(m[1])),
  );
  if (reportYear !== undefined) {
    const t = text.toLowerCase();
    for (const [re, n] of lex.relativaÅr) if (re.test(t)) years.add(reportYear + n);
  }
  return years;
}

const stemCache = new WeakMap<Lexikon, Map<string, string[]>>();
/** Significant words of a label, cut to a stem so inflections still match (worked out once per label). */
export function labelStems(label: string, lex: Lexikon = lexikonFor()): string[] {
  let byLabel = stemCache.get(lex);
  if (!byLabel) stemCache.set(lex, (byLabel = new Map()));
  let out = byLabel.get(label);
  if (!out) byLabel.set(label, (out = stemsOf(label, lex)));
  return out;
}

function stemsOf(label: string, lex: Lexikon): string[] {
  // Short words count when they stand alone as codes or letters in capitals ("Stab A", "VSS",
  // "KS"), not as the first part of a compound ("E-handel").
  const codes = new Set(label.split(/[\s,;:/()]+/u).filter((w) => /^\p{Lu}{1,3}$/u.test(w)));
  return (
    label
      .replace(/\(.*?\)/g, ' ')
      .split(/[^\p{L}]+/u)
      .filter((w) => (w.length >= 4 && !lex.stoppord.has(w.toLowerCase())) || codes.has(w))
      .map((w) => w.toLowerCase())
      // Up to three letters of inflection dropped, never below seven: "ekonomistaben" → "ekonomista",
      // which "Ekonomistabens" matches and "Ekonomikontoret" does not.
      .map((w) => w.slice(0, Math.max(Math.min(w.length, 7), w.length - 3)))
  );
}

const wordPatterns = new Map<string, RegExp>();

/**
 * A long stem may stand inside a Swedish compound ("nettoinvesteringarna" names Investeringar);
 * a short one only at the start of a word ("staben" is not named by "planeringsstaben").
 */
export function stemIn(stem: string, lower: string): boolean {
  if (stem.length >= 8) return lower.includes(stem);
  // A code or letter ("a" in "Stab A") only as a whole word.
  if (stem.length < 4) {
    let re = wordPatterns.get(stem);
    if (!re) wordPatterns.set(stem, (re = new RegExp(`(?<![\\p{L}\\p{N}])${stem}(?![\\p{L}\\p{N}])`, 'u')));
    return re.test(lower);
  }
  for (let i = lower.indexOf(stem); i >= 0; i = lower.indexOf(stem, i + 1))
    if (i === 0 || !/[\p{L}\p{N}]/u.test(lower[i - 1]!)) return true;
  return false;
}

/** How close to the span [from, to) of a lower-cased text a stem is named (characters between them), or Infinity. */
export function stemDistance(stems: string[], lower: string, from: number, to: number): number {
  let best = Infinity;
  const letter = /[\p{L}\p{N}]/u;
  for (const s of stems) {
    for (let i = lower.indexOf(s); i >= 0; i = lower.indexOf(s, i + 1)) {
      // A code or letter ("a" in "Stab A") counts only as a word of its own, as in stemIn.
      if (s.length < 4 && (letter.test(lower[i - 1] ?? '') || letter.test(lower[i + s.length] ?? ''))) continue;
      best = Math.min(best, i < from ? Math.max(0, from - (i + s.length)) : Math.max(0, i - to));
    }
  }
  return best;
}

/**
 * How much of a set of stems a text mentions: the share named, plus a little for each further
 * word named, so "plankostnader för Ostlänken" names "Ostlänken, plankostnader" better than
 * "Ostlänken, budgetöverföring" (whose only significant word is Ostlänken).
 */
export function mentionScore(stems: string[], text: string, lowered = false): number {
  if (!stems.length) return 0;
  const t = lowered ? text : text.toLowerCase();
  const hits = stems.filter((s) => stemIn(s, t)).length;
  return hits ? hits / stems.length + 0.2 * (hits - 1) : 0;
}

/**
 * Labels the text may use instead of a row's own: the lexicon's aliases that point at the label,
 * or, for a total ("Summa nämnden"), at its first word ("nettokostnaden" → summa).
 */
const aliasCache = new WeakMap<Lexikon, Map<string, readonly RegExp[]>>();
export function aliasesOf(label: string, lex: Lexikon, total = false): readonly RegExp[] {
  let byLabel = aliasCache.get(lex);
  if (!byLabel) aliasCache.set(lex, (byLabel = new Map()));
  const l = label.trim().toLowerCase();
  const first = total ? l.split(/\s+/u)[0] : undefined;
  let out = byLabel.get(`${total ? 'S' : 'R'}${l}`);
  if (!out)
    byLabel.set(
      `${total ? 'S' : 'R'}${l}`,
      (out = lex.alias
        .filter(([, targets]) => targets.some((t) => t.toLowerCase() === l || t.toLowerCase() === first))
        .map(([re]) => re)),
    );
  return out;
}

/** The entity a fact is about: its row, or for a sum row the table's subject. */
export function factEntity(f: Fakt, t: TabellBlock | undefined, nämnd = '', lex: Lexikon = lexikonFor()): string[] {
  const row = labelStems(f.radEtikett, lex);
  // A total is about the table's subject, and a summary table's total about the whole nämnd.
  if (f.roll === 'summa' && t && !t.avser) return [...subjectStems(t.rubrik, '', lex), ...labelStems(nämnd, lex)];
  if ((f.roll === 'summa' || row.length === 0) && t) return subjectStems(t.avser ?? t.rubrik, nämnd, lex);
  // "varav kostnader" is about the table's subject; "varav Leanlink" names its own.
  if (f.roll === 'varav' && t && /^varav (kostnader|intäkter|utgifter|inkomster)$/i.test(f.radEtikett.trim()))
    return subjectStems(t.avser ?? t.rubrik, nämnd, lex);
  return row;
}

const measureWords = new WeakMap<Lexikon, string[]>();
/**
 * A table's subject from its heading, without the measure and period words a heading may carry
 * ("Driftsammandrag, prognos"; "Prognos för helår 2021"): "prognosen för helåret" in a sentence
 * names the column, not the table. A heading of nothing else is the nämnd's table.
 */
function subjectStems(heading: string, nämnd: string, lex: Lexikon): string[] {
  let words = measureWords.get(lex);
  if (!words) measureWords.set(lex, (words = [...Object.values(lex.data.mått).flat(), ...lex.data.period]));
  const all = labelStems(heading, lex);
  // A stem is a measure's when a measure word is that stem with an inflection at most ("helåret").
  const subject = all.filter(
    (st) =>
      !words.some((w) => {
        const word = w.toLowerCase().replace(/\*$/, '');
        return word.startsWith(st) && word.length <= st.length + 3;
      }),
  );
  return subject.length ? subject : nämnd ? labelStems(nämnd, lex) : all;
}
