import type { Diagnostic, Position } from '../../../core/diagnostics/diagnostic.js';
import {
  convertAmount,
  decimalsInUnit,
  formatCell,
  formatNumber,
  roundHalfAway as roundTo,
  UNIT_FACTOR,
} from '../../../core/format/number.js';
import { CandidateIndex } from '../../text/candidate-index.js';
import { StemIndex } from '../../text/stem-index.js';
import type { Dokument, Fakt, TabellBlock, TabellKolumn, TabellRad, Textstycke } from '../../../core/model/dokument.js';
import type { TextBelopp, Verdikt } from '../../../core/model/kontroll.js';
import { contains, halfUnit } from '../../interval.js';
import { comparisonInWords, lexikonFor, type Lexikon } from '../../lexikon.js';
import type { CheckRule } from '../../run-checks.js';
import { findAmounts, type TextAmount } from '../../text/amounts.js';
import {
  aliasesOf,
  factEntity,
  labelStems,
  measuresIn,
  mentionScore,
  stemDistance,
  stemIn,
  yearsIn,
} from '../../text/context.js';
import { positionOf } from '../../text/position.js';
import { contrastPart, sentenceAt } from '../../text/sentences.js';
import { describeCell } from '../tabell-regel/index.js';
import { parseExpression } from '../../../core/expression.js';
import { exactSum } from '../../../core/format/number.js';
import { namedPairs, type ColumnPair } from './relations.js';
import { identifyByEvidence, inFocus, type Hypothesis, type Question } from './identify.js';
import { directionOf, signName } from './signs.js';
import { claimEnd } from './claim.js';

/** A value the text may quote: a published cell, or a difference derived from two cells of a row. */
interface Candidate {
  id: string;
  /** In the candidate's own unit. */
  value: number;
  unit: string;
  decimals: number;
  fakt: Fakt;
  kolumn?: TabellKolumn;
  tabell?: TabellBlock;
  describe: string;
  derived: boolean;
  /** A figure from a row label rather than a cell. */
  label?: boolean;
  /** A target ("Mindre än 23"): a text quoting it with a comparison word ("under 23 %") quotes its number exactly. */
  target?: boolean;
  /** Its place among the label's figures ("från 1 % till 2 %": 0 and 1 of 2). */
  slot?: { i: number; n: number };
  /** A change between two cells of a row that the sentence names ("ökade med 310 tkr jämfört med 2025"): `fakt` is the later one. */
  relation?: { from: Fakt; pair: ColumnPair; procent: boolean };
  /** Decimals to show the value with, where they differ from those it is compared with. */
  shownDecimals?: number;
}

const MONEY = new Set(['tkr', 'mnkr', 'mdkr', 'kr']);

/**
 * Tables that repeat an earlier one in all but their id (heading, columns, rules, rows and values):
 * their cells would get the same scores and verdicts as the earlier table's, whose come first, so
 * they are left out of the candidates. The cost then grows with the distinct tables, not copies.
 */
function repeatedTables(d: Dokument): Set<string> {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const t of d.tabeller) {
    const cells = t.rader.map((r) => [
      r.id,
      r.etikett,
      r.roll,
      r.celler.map((c) => {
        const f = c ? d.fakta.get(c) : undefined;
        return f ? [f.cell, f.decimaler, f.enhet, f.roll, f.radEtikett, f.kolumnRubrik] : null;
      }),
    ]);
    const key = JSON.stringify([t.rubrik, t.avser ?? null, t.enhet, t.kolumner, t.regler, cells]);
    if (seen.has(key)) out.add(t.id);
    else seen.add(key);
  }
  return out;
}

function candidates(d: Dokument, lex: Lexikon, repeated: Set<string>): Candidate[] {
  const out: Candidate[] = [];
  const tables = new Map(d.tabeller.filter((t) => !repeated.has(t.id)).map((t) => [t.id, t]));
  const uppgifter = new Map(d.uppgifter.map((u) => [u.fakt, u]));
  for (const f of d.fakta.values()) {
    if (repeated.has(f.tabell)) continue;
    // A target ("≥ 4,0", "Mindre än 23") is a figure the text may quote ("målvärdet är under 23 %").
    const target =
      f.cell.typ === 'jämförelse' ? f.cell : f.cell.typ === 'text' ? comparisonInWords(f.cell.text, lex) : undefined;
    if (target) {
      out.push({
        id: f.id,
        value: target.tal,
        unit: f.enhet.includes('%') ? '%' : f.enhet,
        decimals: target.decimaler,
        fakt: f,
        describe: `${describeCell(f)} (målvärde ${formatCell(f.cell, target.decimaler).text})`,
        derived: false,
        target: true,
      });
      continue;
    }
    if (f.cell.typ !== 'tal') continue;
    const u = uppgifter.get(f.id);
    if (u) {
      // A declared uppgift: its year and measure count as a column's would.
      const kolumn: TabellKolumn = {
        id: f.kolumn,
        rubrik: f.kolumnRubrik,
        mått: u.mått ?? '',
        ...(u.år !== undefined ? { år: u.år } : {}),
      };
      out.push({
        id: f.id,
        value: f.cell.tal,
        unit: f.enhet,
        decimals: f.decimaler,
        fakt: f,
        kolumn,
        describe: `uppgiften "${u.namn}" (källa: ${u.källa})`,
        derived: false,
      });
      continue;
    }
    const t = tables.get(f.tabell);
    const kolumn = t?.kolumner.find((k) => k.id === f.kolumn);
    out.push({
      id: f.id,
      value: f.cell.tal,
      unit: f.enhet.includes('%') ? '%' : f.enhet,
      decimals: f.decimaler,
      fakt: f,
      ...(kolumn ? { kolumn } : {}),
      ...(t ? { tabell: t } : {}),
      describe: f.avser ? `${describeCell(f)} (avser ${f.avser.text})` : describeCell(f),
      derived: false,
    });
  }
  // Figures written in a row's label ("Intern ränta (höjs från 1 % till 2 %)") are published too.
  for (const t of tables.values()) {
    for (const r of t.rader) {
      const id = r.celler.find((c) => c !== null);
      const f = id ? d.fakta.get(id) : undefined;
      if (!f) continue;
      const inLabel = [...r.etikett.matchAll(/(\d+(?:,\d+)?)\s*%/g)];
      for (const [i, m] of inLabel.entries()) {
        const [int, frac = ''] = m[1]!.split(',');
        out.push({
          id: `${t.id}/${r.id}`,
          value: Number(`${int}.${frac || 0}`),
          unit: '%',
          decimals: frac.length,
          fakt: f,
          tabell: t,
          describe: `${t.id}: raden "${r.etikett}"`,
          derived: false,
          label: true,
          slot: { i, n: inLabel.length },
        });
      }
    }
  }
  // Changes between consecutive years of one row ("en ökning med 1,2 mnkr jämfört med 2024").
  for (const t of tables.values()) {
    for (const r of t.rader) {
      for (let i = 1; i < t.kolumner.length; i++) {
        const a = r.celler[i - 1] ? d.fakta.get(r.celler[i - 1]!) : undefined;
        const b = r.celler[i] ? d.fakta.get(r.celler[i]!) : undefined;
        const ka = t.kolumner[i - 1]!;
        const kb = t.kolumner[i]!;
        if (!a || !b || a.cell.typ !== 'tal' || b.cell.typ !== 'tal' || !ka.år || !kb.år || kb.år !== ka.år + 1)
          continue;
        if (a.cell.tal !== 0 && MONEY.has(t.enhet)) {
          out.push({
            id: `${b.id}-${ka.id}-procent`,
            value: ((b.cell.tal - a.cell.tal) / Math.abs(a.cell.tal)) * 100,
            unit: '%',
            decimals: 3,
            fakt: b,
            kolumn: kb,
            tabell: t,
            describe: `${describeCell(b)}, förändring i procent från ${ka.rubrik}`,
            derived: true,
          });
        }
        out.push({
          id: `${b.id}-${ka.id}`,
          value: b.cell.tal - a.cell.tal,
          unit: t.enhet,
          decimals: Math.max(a.decimaler, b.decimaler),
          fakt: b,
          kolumn: kb,
          tabell: t,
          describe: `${describeCell(b)} minus ${ka.rubrik}`,
          derived: true,
        });
      }
    }
  }
  return out;
}

interface Context {
  lex: Lexikon;
  /** Years named as the other side of a comparison outside the figure's clause: not the figure's. */
  comparedYears: ReadonlySet<number>;
  /** Indicators of the goal the paragraph stands under (its headings name the goal): matched first. */
  goalIndicators: Set<string>;
  year: number;
  /** The text wrote a sign (+1,7 / −2,4): it quotes a change, as specification rows do. */
  signed: boolean;
  sign?: 1 | -1;
  /** The year written closest to the figure in its clause, if any. */
  nearYear?: number;
  /** The year written right after the figure ("1,5 mnkr 2024", "−3,0 mnkr för 2024"): the figure's own year. */
  ownYear?: number;
  nämnd: string;
  /** The stems of every row, indicator and uppgift the text could name (not totals). */
  rowStems: readonly string[];
  sentence: string;
  /** The sentence's part the figure stands in (to a contrasting "…, medan …"): its years are the figure's. */
  yearScope: string;
  /** The figure's own clause: from the figure before it (or the sentence start) to the next. Lower-cased, as the rest. */
  clause: string;
  /**
   * Where the sentence quotes several figures, the words that go with this one: from the figure
   * before it up to the first comma or semicolon after it ("Till och med augusti blev kostnaden
   * 41,8 mnkr, mot en budget på 64,0 mnkr": the budget is the second figure's). Else the sentence.
   */
  claim: string;
  heading: string;
  headings: string;
  paragraph: string;
  /** What the paragraph and its headings name, by entity key: the same for each of its figures. */
  around: Map<string, { heading: number; paragraph: number; headings: number }>;
  /** What the sentence names, by entity key, and whether it speaks of the whole: the same for each of its figures. */
  inSentence: { named: Map<string, number>; whole?: boolean };
}

/** What a sentence says, worked out once per amount rather than once per candidate. */
interface SentenceFacts {
  years: Set<number>;
  nearYear?: number;
  ownYear?: number;
  measures: Set<string>;
  periodWords: boolean;
  change: boolean;
  lower: string;
  mentions: Map<string, Mention>;
  /** The sentence names the whole (a lexicon word such as "nämnden", or no row at all): its totals' subject. */
  whole?: boolean;
}

function sentenceFacts(ctx: Context): SentenceFacts {
  const lower = ctx.sentence.toLowerCase();
  return {
    years: new Set([...yearsIn(ctx.yearScope, ctx.year, ctx.lex)].filter((y) => !ctx.comparedYears.has(y))),
    ...(ctx.nearYear !== undefined ? { nearYear: ctx.nearYear } : {}),
    ...(ctx.ownYear !== undefined ? { ownYear: ctx.ownYear } : {}),
    measures: measuresIn(ctx.claim, ctx.lex),
    periodWords: ctx.lex.period.test(lower),
    change: ctx.lex.förändring.test(lower),
    lower,
    mentions: new Map(),
  };
}

/** The stems a candidate is about (its row or table subject, and the lexicon's aliases of its row), and the varav kind. */
interface Entity {
  entity: string[];
  /** A total's own label ("Summa nämnden"), named instead of its table's subject. */
  own: string[];
  aliases: readonly RegExp[];
  /** Identifies entity and aliases together: candidates sharing it share their mentions. */
  key: string;
  kind?: string;
}
const entityCache = new WeakMap<Candidate, Entity>();
function entityOf(c: Candidate, ctx: Pick<Context, 'lex' | 'nämnd'>): Entity {
  let e = entityCache.get(c);
  if (!e) {
    const kind = /^varav (kostnader|intäkter|utgifter|inkomster)/i
      .exec(c.fakt.radEtikett)?.[1]
      ?.slice(0, 6)
      .toLowerCase();
    const aliases = aliasesOf(c.fakt.radEtikett, ctx.lex, c.fakt.roll === 'summa');
    const entity = c.label
      ? factEntity(c.fakt, c.tabell, '', ctx.lex)
      : factEntity(c.fakt, c.tabell, ctx.nämnd, ctx.lex);
    const own = c.fakt.roll === 'summa' ? labelStems(c.fakt.radEtikett, ctx.lex) : [];
    e = {
      entity,
      own,
      aliases,
      key: `${c.label ? 'L' : 'C'}${entity.join('|')}#${own.join('|')}#${aliases.map((r) => r.source).join('|')}`,
      ...(kind ? { kind } : {}),
    };
    entityCache.set(c, e);
  }
  return e;
}

interface Mention {
  score: number;
  clause: number;
  sentence: number;
  local: number;
}

/** Where the sentence, its paragraph and its headings name the candidate's subject: the evidence for a match. */
function mentions(c: Candidate, ctx: Context, sf: SentenceFacts): Mention {
  const { entity, own, aliases, key } = entityOf(c, ctx);
  let m = sf.mentions.get(key);
  if (!m) {
    // The subject, or (for a total) its own label, whichever the text names better. A row whose
    // label begins like a word for the whole ("Nämnd och förvaltningsledning") is not named by it.
    const wholeWord =
      c.fakt.roll !== 'summa' &&
      entity.some((st) => ctx.lex.data.helhet.some((w) => w.toLowerCase().startsWith(st) && w.length > st.length));
    const named = (text: string): number => {
      const t = wholeWord ? text.replace(new RegExp(ctx.lex.helhet.source, 'gu'), ' ') : text;
      return Math.max(mentionScore(entity, t, true), mentionScore(own, t, true));
    };
    // Kept per sentence for all its figures; the key tells a row named by a word for the whole apart.
    const sentenceKey = wholeWord ? `${key}~` : key;
    let sentence = ctx.inSentence.named.get(sentenceKey);
    if (sentence === undefined)
      ctx.inSentence.named.set(
        sentenceKey,
        (sentence = Math.max(named(sf.lower), aliases.some((re) => re.test(sf.lower)) ? 1 : 0)),
      );
    const clause = Math.max(named(ctx.clause), aliases.some((re) => re.test(ctx.clause)) ? 1 : 0);
    if (c.label) m = { score: 3 * sentence + 2 * clause, clause, sentence, local: sentence };
    else {
      let around = ctx.around.get(key);
      if (!around)
        ctx.around.set(
          key,
          (around = { heading: named(ctx.heading), paragraph: named(ctx.paragraph), headings: named(ctx.headings) }),
        );
      const { heading, paragraph, headings } = around;
      m = {
        score: 2 * clause + 3 * sentence + 2 * heading + paragraph + 0.5 * headings,
        clause,
        sentence,
        local: Math.max(sentence, heading, paragraph, headings),
      };
      if (wholeTotal(c) && namesWhole(ctx, sf)) {
        const named = Math.max(m.sentence, 0.5);
        m = { ...m, score: m.score + 3 * (named - m.sentence), sentence: named, local: Math.max(m.local, named) };
      }
    }
    sf.mentions.set(key, m);
  }
  return m;
}

/**
 * A total of a table about the whole nämnd's economy is what a sentence about the whole speaks
 * of (investments, staff and volumes are named when meant).
 */
const wholeTotal = (c: Candidate): boolean =>
  c.fakt.roll === 'summa' &&
  c.tabell !== undefined &&
  !c.tabell.avser &&
  !['investeringar', 'personal', 'volymer'].includes(c.tabell.tabelltyp);

/** Whether the sentence speaks of the whole: a lexicon word for it ("nämnden", "totalt"), or no row, indicator or uppgift named at all. */
function namesWhole(ctx: Context, sf: SentenceFacts): boolean {
  sf.whole ??= ctx.inSentence.whole ??=
    ctx.lex.helhet.test(sf.lower) || !ctx.rowStems.some((st) => stemIn(st, sf.lower));
  return sf.whole;
}

/**
 * What the sentence names that disagrees with the candidate: a year the table shows but this
 * column is not, a measure other than the column's, a period where the column is the whole year.
 * Any of these rules the candidate out as evidence for "stämmer".
 */
function conflicts(c: Candidate, sf: SentenceFacts, lex: Lexikon): string[] {
  const out: string[] = [];
  // A qualified value ("2020: 49", `avser`) is of its own year, whatever its column: a sentence
  // naming years must name that one ("49 år 2020"), and one naming another year does not quote it.
  const own = c.fakt.avser?.år;
  if (own !== undefined) {
    if (sf.years.size && !sf.years.has(own)) out.push(`år ${[...sf.years].join(', ')} (värdet avser ${own})`);
    else if (sf.ownYear !== undefined && sf.ownYear !== own) out.push(`år ${sf.ownYear} (värdet avser ${own})`);
  }
  const k = c.kolumn;
  if (!k) return out;
  // Its column's year is not a qualified value's.
  const år = own === undefined ? k.år : undefined;
  if (år !== undefined && sf.years.size && !sf.years.has(år)) {
    // Only years the table itself shows can rule a column out ("ramen 2020" in a 2021 table says nothing).
    const shown = c.tabell ? yearsShown(c.tabell) : new Set([år]);
    if ([...sf.years].some((y) => shown.has(y))) out.push(`år ${[...sf.years].join(', ')}`);
  } else if (år !== undefined && sf.ownYear !== undefined && sf.ownYear !== år) {
    // A sentence listing several years ("1,5 mnkr 2024, 1,0 mnkr 2025") gives each figure its own.
    const shown = c.tabell ? yearsShown(c.tabell) : new Set([år]);
    if (shown.has(sf.ownYear)) out.push(`år ${sf.ownYear}`);
  }
  // An uppgift's declared measure is a hint, not a column: its name is the evidence.
  if (
    c.tabell &&
    sf.measures.size &&
    k.mått &&
    lex.data.mått[k.mått] &&
    !sf.measures.has(k.mått) &&
    !(c.derived && sf.change)
  )
    out.push(`mått ${[...sf.measures].join(', ')}`);
  if (
    c.tabell &&
    sf.periodWords !== !!k.period &&
    c.tabell.kolumner.some((x) => !!x.period === sf.periodWords && x.mått === k.mått)
  )
    out.push(sf.periodWords ? 'perioden' : 'helåret');
  return out;
}

function score(c: Candidate, ctx: Context, sf: SentenceFacts): number {
  const { kind } = entityOf(c, ctx);
  const m = mentions(c, ctx, sf).score;
  if (c.label) return m + 1;
  let s = m;
  if (c.fakt.tabell === 'mål' && ctx.goalIndicators.size)
    s += ctx.goalIndicators.has(c.fakt.rad.split('.')[0]!) ? 2 : -1;
  if (ctx.signed && c.fakt.roll === 'specifikation') s += 1;
  // "intäkterna", "kostnaderna" point at the varav rows of that kind.
  if (kind && sf.lower.includes(kind)) s += 1;
  if (c.derived && c.unit === '%') s -= 2;
  const år = c.fakt.avser?.år ?? c.kolumn?.år;
  if (år !== undefined && sf.years.size) s += sf.years.has(år) ? 1.5 : -1.5;
  // The year written next to the figure ("65 mnkr 2024", "för 2024 till 668 mnkr") says most.
  if (c.kolumn?.år !== undefined && sf.nearYear !== undefined) s += sf.nearYear === c.kolumn.år ? 1 : -0.5;
  // A written sign is part of the claim: "+1,6 mnkr" is not a cell of −1,4.
  if (ctx.signed && c.value !== 0 && c.value < 0 !== (ctx.sign === -1)) s -= 1;
  if (c.kolumn && sf.measures.size) s += sf.measures.has(c.kolumn.mått) ? 1.5 : -0.5;
  if (c.kolumn) s += sf.periodWords === !!c.kolumn.period ? 0.5 : -0.5;
  if (c.derived) s += 1;
  return s;
}

const shownYears = new WeakMap<TabellBlock, Set<number | undefined>>();
function yearsShown(t: TabellBlock): Set<number | undefined> {
  let s = shownYears.get(t);
  if (!s) shownYears.set(t, (s = new Set(t.kolumner.map((k) => k.år))));
  return s;
}

function inUnit(c: Candidate, unit: string): number | undefined {
  if (c.unit === 'procentenheter') return unit === 'procentenheter' ? c.value : undefined;
  if (c.relation?.procent) return unit === '%' ? c.value : undefined;
  // Percentage points are a difference of percentages: only a derived change can be one.
  if (unit === 'procentenheter') return c.unit === '%' && c.derived ? c.value : undefined;
  if (unit === '%') return c.unit === '%' ? c.value : undefined;
  if (!MONEY.has(c.unit)) return undefined;
  return convertAmount(c.value, c.unit, unit);
}

/** The candidate's printed precision in the text's unit (0 decimals in tkr = 3 in mnkr). */
function decimalsIn(c: Candidate, unit: string): number {
  if (unit === '%' || unit === 'procentenheter') return c.decimals;
  return decimalsInUnit(c.decimals, c.unit, unit);
}

/**
 * Does the written figure say the candidate's value? Printed with the same decimals they must be
 * equal; with different decimals the finer one, rounded to the coarser precision, must give the
 * coarser one ("667 mnkr" for 666,8). A hedge ("drygt 12 mnkr") states its own range.
 */
function agreement(a: TextAmount, v: number, decimals: number): Verdikt | undefined {
  const written = a.sign === -1 ? -a.value : a.value;
  const target = a.sign === -1 ? v : Math.abs(v);
  if (a.hedge) {
    const i = a.sign === -1 ? { lo: -a.interval.hi, hi: -a.interval.lo } : a.interval;
    return contains(i, target, halfUnit(decimals)) ? 'stämmer' : undefined;
  }
  const coarse = Math.min(a.decimals, decimals);
  // Far apart in binary is far apart in decimal: the exact rounding runs only on near values.
  if (Math.abs(target - written) > 10 ** -coarse) return undefined;
  if (roundTo(target, coarse) !== roundTo(written, coarse)) return undefined;
  // The text rounding a finer cell correctly says what the cell says; a text finer than the cell
  // ("666,8 mnkr" against 667 mnkr) can only be confirmed within the cell's rounding.
  return a.decimals <= decimals ? 'stämmer' : 'stämmer inom avrundning';
}

interface Scored {
  c: Candidate;
  v: number;
  s: number;
  verdikt?: Verdikt;
  conflicts: string[];
  local: number;
  sentence: number;
  clause: number;
  /** A label figure in the same place among the label's figures as the text figure among the sentence's. */
  slot?: boolean;
}

/** The year written within 40 characters of the figure in its clause, the closest one. */
function closestYear(text: string, a: TextAmount, from: number, to: number): number | undefined {
  let best: { y: number; dist: number } | undefined;
  for (const m of text.slice(from, to).matchAll(/(?<![\p{L}\p{N}])(19[5-9]\d|20\d\d)(?![\p{L}\p{N}-])/gu)) {
    const at = from + (m.index ?? 0);
    const dist = at < a.start ? a.start - (at + 4) : at - a.end;
    if (dist <= 40 && (!best || dist < best.dist)) best = { y: Number(m[1]), dist };
  }
  return best?.y;
}

/** The rows of the pointed cell's column that the figure's own clause (up to the next figure) names, if there are several and their total agrees with the text. */
function namedRowsTotal(
  pointed: Scored,
  byColumn: Map<TabellKolumn, Candidate[]>,
  a: TextAmount,
  clause: string,
): { rows: Candidate[]; verdikt: Verdikt } | undefined {
  const t = pointed.c.tabell;
  const k = pointed.c.kolumn;
  if (!t || !k) return undefined;
  const rows = (byColumn.get(k) ?? []).filter(
    (c) => c.tabell === t && mentionScore(labelStems(c.fakt.radEtikett), clause) >= 0.5,
  );
  if (rows.length < 2) return undefined;
  const total = exactSum(rows.map((c) => ({ sign: 1 as const, value: c.value })));
  const v = inUnit({ ...pointed.c, value: total }, a.unit);
  const verdikt = v === undefined ? undefined : agreement(a, v, Math.min(...rows.map((c) => decimalsIn(c, a.unit))));
  return verdikt ? { rows, verdikt } : undefined;
}

/**
 * Which sign of an avvikelse in this cell means a surplus (1: positive, −1: negative, 0: unknown).
 * A column rule that computes the row's avvikelse as budget − utfall/prognos says positive; so does
 * utfall/prognos − budget where the row's budget is negative (net costs printed as negative
 * amounts: spending less gives a positive deviation). Where that budget is 0, the row's own
 * "varav kostnader" says how its costs are printed: positive costs make a negative deviation the
 * surplus. A reversed rule on a positive budget (income rows, or rows printed with inverted sign)
 * leaves the meaning to the row, so the sign words are not checked.
 */
function surplusIsPositive(c: Candidate, d: Dokument): 1 | -1 | 0 {
  const t = c.tabell;
  const k = c.kolumn;
  if (!t || !k) return 0;
  const rule = t.regler.find((r) => r.kolumn === k.id && (!r.rader || r.rader.includes(c.fakt.rad)));
  if (!rule) return 1;
  const budget = parseExpression(rule.är).find((x) =>
    ['budget', 'ram'].includes(t.kolumner.find((col) => col.id === x.id)?.mått ?? ''),
  );
  if (budget?.sign === 1) return 1;
  if (budget?.sign !== -1) return 0;
  const at = t.rader.findIndex((r) => r.id === c.fakt.rad);
  const valueAt = (r: TabellRad | undefined, col: string): number | undefined => {
    const id = r?.celler[t.kolumner.findIndex((x) => x.id === col)];
    const cell = id ? d.fakta.get(id)?.cell : undefined;
    return cell?.typ === 'tal' ? cell.tal : undefined;
  };
  const own = valueAt(t.rader[at], budget.id);
  if (own !== undefined && own < 0) return 1;
  if (own !== 0) return 0;
  const row = t.rader[at]!;
  const children = t.rader.slice(at + 1);
  const end = children.findIndex((r) => r.nivå <= row.nivå);
  const costs = (end < 0 ? children : children.slice(0, end)).find(
    (r) => r.roll === 'varav' && r.varav === 'kostnader',
  );
  const costBudget = t.kolumner
    .filter((x) => x.mått === 'budget' || x.mått === 'prognos' || x.mått === 'utfall')
    .map((x) => valueAt(costs, x.id))
    .find((v) => v !== undefined && v !== 0);
  return costBudget === undefined ? 0 : costBudget > 0 ? -1 : 1;
}

/** A figure of the text that contradicts the cell it was judged against. */
const contradicts = (a: TextAmount, plats: Position, x: Scored, kommentar: string): TextBelopp => ({
  text: a.text,
  plats,
  värde: a.value,
  enhet: a.unit,
  verdikt: 'motsäger',
  fakta: [x.c.fakt.id],
  kommentar,
});
const shown = (x: Scored): string =>
  `${x.c.describe} = ${formatNumber(x.c.value, x.c.shownDecimals ?? x.c.decimals)} ${x.c.unit}`;

/**
 * The changes a claim names between two cells of each row of a table ("ökade med 310 tkr jämfört
 * med 2025", "1,4 mnkr lägre än budget", "en ökning med 3 procent"): the later cell's magnitude
 * minus the earlier's (a cost printed as −44 160 that was −43 850 grew by 310), in the row's
 * unit (procentenheter for a percentage) and, for amounts and counts, in percent of the earlier.
 * Made once per pair of cells and kept in `cache`, so their mentions are worked out once.
 */
function relationCandidates(
  d: Dokument,
  t: TabellBlock,
  pairs: ColumnPair[],
  cache: Map<string, Candidate[]>,
): Candidate[] {
  const out: Candidate[] = [];
  for (const pair of pairs) {
    const i = t.kolumner.indexOf(pair.from);
    const j = t.kolumner.indexOf(pair.to);
    for (const r of t.rader) {
      const key = `${t.id}/${r.id}/${pair.from.id}/${pair.to.id}`;
      let list = cache.get(key);
      if (!list) {
        list = [];
        const a = r.celler[i] ? d.fakta.get(r.celler[i]!) : undefined;
        const b = r.celler[j] ? d.fakta.get(r.celler[j]!) : undefined;
        if (a && b && a.cell.typ === 'tal' && b.cell.typ === 'tal') {
          const x = a.cell.tal;
          const y = b.cell.tal;
          const delta = x * y >= 0 ? Math.abs(y) - Math.abs(x) : y - x;
          const what = `${describeCell(b).replace(`, ${b.kolumnRubrik}`, '')}, förändring från ${pair.from.rubrik} (${formatNumber(x, a.decimaler)}) till ${pair.to.rubrik} (${formatNumber(y, b.decimaler)})`;
          const base = { id: `${b.id}-${pair.from.id}`, fakt: b, kolumn: pair.to, tabell: t, derived: true };
          const percent = b.enhet.includes('%');
          list.push({
            ...base,
            value: delta,
            unit: percent ? 'procentenheter' : b.enhet,
            decimals: Math.max(a.decimaler, b.decimaler),
            describe: what,
            relation: { from: a, pair, procent: false },
          });
          if (!percent && x !== 0)
            list.push({
              ...base,
              id: `${base.id}-procent`,
              value: (delta / Math.abs(x)) * 100,
              unit: '%',
              decimals: 6,
              shownDecimals: 1,
              describe: `${what} i procent`,
              relation: { from: a, pair, procent: true },
            });
        }
        cache.set(key, list);
      }
      out.push(...list);
    }
  }
  return out;
}

/**
 * The indicators of each nämndmål, by the goal's name. Kept out of the rule's long `run`: a
 * goal's indicator list of another shape than the first ones seen would otherwise make V8 throw
 * away and recompile all of `run` on every call.
 */
function indicatorsByGoal(d: Dokument): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const b of d.mål)
    for (const g of b.nämndmål)
      out.set(g.namn, new Set([...(out.get(g.namn) ?? []), ...g.indikatorer.map((i) => i.id)]));
  return out;
}

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

/**
 * The findings of the final verdicts: the contradictions still standing once each paragraph's
 * parts were added up, and every figure left unverifiable. Outside `run` for the reason given at
 * indicatorsByGoal.
 */
function verdictFindings(belopp: TextBelopp[], pending: Map<TextBelopp, Diagnostic>): Diagnostic[] {
  const fynd: Diagnostic[] = [];
  for (const b of belopp) {
    const contradiction = pending.get(b);
    if (contradiction && b.verdikt === 'motsäger') fynd.push(contradiction);
    if (b.verdikt === 'ej verifierbar')
      fynd.push({
        allvarlighet: 'varning',
        regel: 'ej-verifierbar',
        meddelande: `"${b.text}" kunde inte kopplas till någon tabellcell eller uppgift som sammanhanget nämner (${b.kommentar}); kommer beloppet från ett beslut eller dokument: lägg in det i uppgifter.yaml med källa`,
        plats: b.plats,
        ...(b.fakta.length ? { fakta: b.fakta } : {}),
      });
  }
  return fynd;
}

const rowNamedIn = (c: Candidate, text: string, lex: Lexikon): boolean =>
  mentionScore(labelStems(c.fakt.radEtikett, lex), text, true) > 0;

/**
 * Whether the words after a figure give what it is for ("0,4 mnkr för ett projekt", "0,2 mnkr
 * till kompetensutveckling") and name no row, table subject, nämnd, period, year or measure.
 */
function earmarkedFor(after: string, ctx: Context, lex: Lexikon): boolean {
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
function onlyAsWhole(x: Scored, ctx: Context, sf: SentenceFacts): boolean {
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
function asPart(x: Scored, partWord: RegExpExecArray | undefined, partNamed: string, lex: Lexikon): boolean {
  return (
    x.c.tabell !== undefined &&
    partWord?.index !== undefined &&
    mentionScore(labelStems(x.c.fakt.radEtikett, lex), partNamed, true) === 0
  );
}

/**
 * The candidates an ej verifierbar figure might be about, best evidence first: cells of another
 * value. A table of investments, staff or volumes is what a text speaks of when it names it (its
 * heading's words in the sentence or the headings): a cell of one named nowhere ranks below a
 * cell of the same row in the tables of the nämnd's economy.
 */
function hypotheses(
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
          mentionScore(labelStems(x.c.fakt.radEtikett, lex), heading, true) >= 1 ||
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

/**
 * The candidates of a document, kept while its facts, tables and uppgifter are the same objects:
 * a document checked again with other text (a figure read again with another value, a mutation)
 * reuses them, and with them their worked-out mentions.
 */
const repeatedCache = new WeakMap<Map<string, Fakt>, { tabeller: TabellBlock[]; repeated: Set<string> }>();
/** `repeatedTables`, kept while the document's facts and tables are the same objects. */
function cachedRepeatedTables(d: Dokument): Set<string> {
  const hit = repeatedCache.get(d.fakta);
  if (hit?.tabeller === d.tabeller) return hit.repeated;
  const repeated = repeatedTables(d);
  repeatedCache.set(d.fakta, { tabeller: d.tabeller, repeated });
  return repeated;
}

const candidateCache = new WeakMap<Map<string, Fakt>, { key: unknown[]; all: Candidate[] }>();
function cachedCandidates(d: Dokument, lex: Lexikon, repeated: Set<string>): Candidate[] {
  const key = [d.tabeller, d.uppgifter, d.lexikon, d.rapport.nämnd];
  const hit = candidateCache.get(d.fakta);
  if (hit && hit.key.every((x, i) => x === key[i])) return hit.all;
  const all = candidates(d, lex, repeated);
  candidateCache.set(d.fakta, { key, all });
  return all;
}

export type { Textstycke };

/**
 * A total followed by its parts in parentheses ("−4,4 mnkr … till A (1,5 mnkr), B (0,7 mnkr) …"):
 * the parts must add up to the total. Parts that do are verified through the total; parts that
 * do not contradict it.
 */
function partsOfTotals(p: Textstycke, amounts: TextAmount[], results: TextBelopp[], lex: Lexikon): Diagnostic[] {
  const fynd: Diagnostic[] = [];
  const isPart = (a: TextAmount): boolean => p.text[a.start - 1] === '(' && /^\s*\)/.test(p.text.slice(a.end));
  for (let i = 0; i < amounts.length; i++) {
    const total = amounts[i]!;
    if (isPart(total)) continue;
    const parts: number[] = [];
    for (let j = i + 1; j < amounts.length && isPart(amounts[j]!) && amounts[j]!.unit === total.unit; j++)
      parts.push(j);
    // Or a list after a colon: "−4,4 mnkr … flyttas: 1,5 mnkr till A, 0,7 mnkr till B".
    const next = amounts[i + 1];
    if (
      !parts.length &&
      next &&
      /:/.test(p.text.slice(total.end, next.start)) &&
      !/[.!?]\s/.test(p.text.slice(total.end, next.start))
    ) {
      for (let j = i + 1; j < amounts.length && amounts[j]!.unit === total.unit && !amounts[j]!.sign; j++)
        parts.push(j);
    }
    // Or parts before a total: "13,5 mnkr … tillsammans med 30 mnkr … sammanlagt 43,5 mnkr".
    if (!parts.length && lex.summaord.test(p.text.slice(Math.max(0, total.start - 30), total.start).toLowerCase())) {
      const sentenceStart = sentenceAt(p.text, total.start).start;
      for (let j = i - 1; j >= 0 && amounts[j]!.start >= sentenceStart && amounts[j]!.unit === total.unit; j--)
        parts.unshift(j);
    }
    if (parts.length < 2) continue;
    const sum = parts.reduce((n, j) => n + amounts[j]!.value, 0);
    const decimals = Math.max(total.decimals, ...parts.map((j) => amounts[j]!.decimals));
    const bound = (parts.length + 1) * halfUnit(decimals);
    const ok = Math.abs(sum - Math.abs(total.value)) <= bound + 1e-9;
    const exact = Math.abs(sum - Math.abs(total.value)) < 1e-9;
    const totalResult = results[i];
    for (const j of parts) {
      const r = results[j];
      if (!r || (r.verdikt !== 'ej verifierbar' && r.verdikt !== 'motsäger') || (r.verdikt === 'motsäger' && !ok))
        continue;
      r.verdikt = exact ? 'stämmer' : ok ? 'stämmer inom avrundning' : 'motsäger';
      r.fakta = totalResult?.fakta ?? [];
      r.kommentar = `del av ${total.text}: delarna summerar till ${formatNumber(sum, decimals)} ${total.unit}`;
    }
    if (!ok) {
      fynd.push({
        allvarlighet: 'fel',
        regel: 'text-summa',
        meddelande: `delarna ${parts.map((j) => amounts[j]!.text).join(' + ')} summerar till ${formatNumber(sum, decimals)} ${total.unit}, men texten anger ${total.text}`,
        plats: positionOf(p, total.start),
        ...(totalResult?.fakta.length ? { fakta: totalResult.fakta } : {}),
      });
    }
  }
  return fynd;
}
