import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { convertAmount, decimalsInUnit, formatNumber, roundHalfAway as roundTo, UNIT_FACTOR } from '../../format/number.js';
import { CandidateIndex } from '../text/candidate-index.js';
import type { Dokument, Fakt, TabellBlock, TabellKolumn, Textstycke } from '../../model/dokument.js';
import type { TextBelopp, Verdikt } from '../../model/kontroll.js';
import { contains, halfUnit } from '../interval.js';
import { lexikonFor, type Lexikon } from '../lexikon.js';
import type { CheckRule } from '../run-checks.js';
import { findAmounts, type TextAmount } from '../text/amounts.js';
import { aliasesOf, factEntity, labelStems, measuresIn, mentionScore, yearsIn } from '../text/context.js';
import { positionOf } from '../text/position.js';
import { sentenceAt } from '../text/sentences.js';
import { describeCell } from './table-rules.js';
import { parseExpression } from '../../validate/report-semantics.js';
import { exactSum } from '../../render/xlsx/exact.js';

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
}

const MONEY = new Set(['tkr', 'mnkr', 'mdkr', 'kr']);

function candidates(d: Dokument): Candidate[] {
  const out: Candidate[] = [];
  const tables = new Map(d.tabeller.map((t) => [t.id, t]));
  const uppgifter = new Map(d.uppgifter.map((u) => [u.fakt, u]));
  for (const f of d.fakta.values()) {
    if (f.cell.typ !== 'tal') continue;
    const u = uppgifter.get(f.id);
    if (u) {
      // A declared uppgift: its year and measure count as a column's would.
      const kolumn: TabellKolumn = { id: f.kolumn, rubrik: f.kolumnRubrik, mått: u.mått ?? '', ...(u.år !== undefined ? { år: u.år } : {}) };
      out.push({ id: f.id, value: f.cell.tal, unit: f.enhet, decimals: f.decimaler, fakt: f, kolumn, describe: `uppgiften "${u.namn}" (källa: ${u.källa})`, derived: false });
      continue;
    }
    const t = tables.get(f.tabell);
    const kolumn = t?.kolumner.find((k) => k.id === f.kolumn);
    out.push({ id: f.id, value: f.cell.tal, unit: f.enhet.includes('%') ? '%' : f.enhet, decimals: f.decimaler, fakt: f, ...(kolumn ? { kolumn } : {}), ...(t ? { tabell: t } : {}), describe: describeCell(f), derived: false });
  }
  // Figures written in a row's label ("Intern ränta (höjs från 1 % till 2 %)") are published too.
  for (const t of d.tabeller) {
    for (const r of t.rader) {
      const id = r.celler.find((c) => c !== null);
      const f = id ? d.fakta.get(id) : undefined;
      if (!f) continue;
      for (const m of r.etikett.matchAll(/(\d+(?:,\d+)?)\s*%/g)) {
        const [int, frac = ''] = m[1]!.split(',');
        out.push({ id: `${t.id}/${r.id}`, value: Number(`${int}.${frac || 0}`), unit: '%', decimals: frac.length, fakt: f, tabell: t, describe: `${t.id}: raden "${r.etikett}"`, derived: false, label: true });
      }
    }
  }
  // Changes between consecutive years of one row ("en ökning med 1,2 mnkr jämfört med 2024").
  for (const t of d.tabeller) {
    for (const r of t.rader) {
      for (let i = 1; i < t.kolumner.length; i++) {
        const a = r.celler[i - 1] ? d.fakta.get(r.celler[i - 1]!) : undefined;
        const b = r.celler[i] ? d.fakta.get(r.celler[i]!) : undefined;
        const ka = t.kolumner[i - 1]!;
        const kb = t.kolumner[i]!;
        if (!a || !b || a.cell.typ !== 'tal' || b.cell.typ !== 'tal' || !ka.år || !kb.år || kb.år !== ka.år + 1) continue;
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
  year: number;
  /** The text wrote a sign (+1,7 / −2,4): it quotes a change, as specification rows do. */
  signed: boolean;
  nämnd: string;
  sentence: string;
  /** Lower-cased, once per figure. */
  heading: string;
  headings: string;
  paragraph: string;
}

/** What a sentence says, worked out once per amount rather than once per candidate. */
interface SentenceFacts {
  years: Set<number>;
  measures: Set<string>;
  periodWords: boolean;
  change: boolean;
  lower: string;
  mentions: Map<string, { score: number; sentence: number; local: number }>;
}

function sentenceFacts(ctx: Context): SentenceFacts {
  const lower = ctx.sentence.toLowerCase();
  return {
    years: yearsIn(ctx.sentence, ctx.year, ctx.lex),
    measures: measuresIn(ctx.sentence, ctx.lex),
    periodWords: ctx.lex.period.test(lower),
    change: ctx.lex.förändring.test(lower),
    lower,
    mentions: new Map(),
  };
}

/** The stems a candidate is about (its row or table subject, and the lexicon's aliases of its row), and the varav kind. */
interface Entity {
  entity: string[];
  aliases: readonly RegExp[];
  /** Identifies entity and aliases together: candidates sharing it share their mentions. */
  key: string;
  kind?: string;
}
const entityCache = new WeakMap<Candidate, Entity>();
function entityOf(c: Candidate, ctx: Context): Entity {
  let e = entityCache.get(c);
  if (!e) {
    const kind = /^varav (kostnader|intäkter|utgifter|inkomster)/i.exec(c.fakt.radEtikett)?.[1]?.slice(0, 6).toLowerCase();
    const aliases = aliasesOf(c.fakt.radEtikett, ctx.lex);
    const entity = c.label ? factEntity(c.fakt, c.tabell, '', ctx.lex) : factEntity(c.fakt, c.tabell, ctx.nämnd, ctx.lex);
    e = { entity, aliases, key: `${c.label ? 'L' : 'C'}${entity.join('|')}#${aliases.map((r) => r.source).join('|')}`, ...(kind ? { kind } : {}) };
    entityCache.set(c, e);
  }
  return e;
}

/** Where the sentence, its paragraph and its headings name the candidate's subject: the evidence for a match. */
function mentions(c: Candidate, ctx: Context, sf: SentenceFacts): { score: number; sentence: number; local: number } {
  const { entity, aliases, key } = entityOf(c, ctx);
  let m = sf.mentions.get(key);
  if (!m) {
    const alias = aliases.some((re) => re.test(sf.lower)) ? 1 : 0;
    const sentence = Math.max(mentionScore(entity, sf.lower, true), alias);
    if (c.label) m = { score: 3 * sentence, sentence, local: sentence };
    else {
      const heading = mentionScore(entity, ctx.heading, true);
      const paragraph = mentionScore(entity, ctx.paragraph, true);
      const headings = mentionScore(entity, ctx.headings, true);
      m = { score: 3 * sentence + 2 * heading + paragraph + 0.5 * headings, sentence, local: Math.max(sentence, heading, paragraph, headings) };
    }
    sf.mentions.set(key, m);
  }
  return m;
}

/**
 * What the sentence names that disagrees with the candidate: a year the table shows but this
 * column is not, a measure other than the column's, a period where the column is the whole year.
 * Any of these rules the candidate out as evidence for "stämmer".
 */
function conflicts(c: Candidate, sf: SentenceFacts, lex: Lexikon): string[] {
  const out: string[] = [];
  const k = c.kolumn;
  if (!k) return out;
  if (k.år !== undefined && sf.years.size && !sf.years.has(k.år)) {
    // Only years the table itself shows can rule a column out ("ramen 2020" in a 2021 table says nothing).
    const shown = c.tabell ? yearsShown(c.tabell) : new Set([k.år]);
    if ([...sf.years].some((y) => shown.has(y))) out.push(`år ${[...sf.years].join(', ')}`);
  }
  // An uppgift's declared measure is a hint, not a column: its name is the evidence.
  if (c.tabell && sf.measures.size && k.mått && lex.data.mått[k.mått] && !sf.measures.has(k.mått) && !(c.derived && sf.change)) out.push(`mått ${[...sf.measures].join(', ')}`);
  if (c.tabell && sf.periodWords !== !!k.period && c.tabell.kolumner.some((x) => !!x.period === sf.periodWords && x.mått === k.mått)) out.push(sf.periodWords ? 'perioden' : 'helåret');
  return out;
}

function score(c: Candidate, ctx: Context, sf: SentenceFacts): number {
  const { kind } = entityOf(c, ctx);
  const m = mentions(c, ctx, sf).score;
  if (c.label) return m + 1;
  let s = m;
  if (ctx.signed && c.fakt.roll === 'specifikation') s += 1;
  // "intäkterna", "kostnaderna" point at the varav rows of that kind.
  if (kind && sf.lower.includes(kind)) s += 1;
  if (c.derived && c.unit === '%') s -= 2;
  if (c.kolumn?.år !== undefined && sf.years.size) s += sf.years.has(c.kolumn.år) ? 1.5 : -1.5;
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
  if (unit === '%' || unit === 'procentenheter') return c.unit === '%' ? c.value : undefined;
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
}

/** The rows of the pointed cell's column that the figure's own clause (up to the next figure) names, if there are several and their total agrees with the text. */
function namedRowsTotal(pointed: Scored, all: Candidate[], a: TextAmount, clause: string): { rows: Candidate[]; verdikt: Verdikt } | undefined {
  const t = pointed.c.tabell;
  const k = pointed.c.kolumn;
  if (!t || !k) return undefined;
  const rows = all.filter((c) => c.tabell === t && c.kolumn === k && !c.derived && !c.label && c.fakt.roll !== 'summa' && mentionScore(labelStems(c.fakt.radEtikett), clause) >= 0.5);
  if (rows.length < 2) return undefined;
  const total = exactSum(rows.map((c) => ({ sign: 1 as const, value: c.value })));
  const v = inUnit({ ...pointed.c, value: total }, a.unit);
  const verdikt = v === undefined ? undefined : agreement(a, v, Math.min(...rows.map((c) => decimalsIn(c, a.unit))));
  return verdikt ? { rows, verdikt } : undefined;
}

/**
 * Whether a positive avvikelse in this cell means a surplus. A column rule that computes the row's
 * avvikelse as budget − utfall/prognos says so; a reversed rule (prognos − budget, for income rows
 * or rows printed with inverted sign) leaves the meaning to the row, so the sign words are not checked.
 */
function surplusIsPositive(c: Candidate): boolean {
  const t = c.tabell;
  const k = c.kolumn;
  if (!t || !k) return false;
  const rule = t.regler.find((r) => r.kolumn === k.id && (!r.rader || r.rader.includes(c.fakt.rad)));
  if (!rule) return true;
  const budget = parseExpression(rule.är).find((x) => ['budget', 'ram'].includes(t.kolumner.find((col) => col.id === x.id)?.mått ?? ''));
  return budget?.sign === 1;
}

const shown = (x: Scored): string => `${x.c.describe} = ${formatNumber(x.c.value, x.c.decimals)} ${x.c.unit}`;

/** Every amount in the narrative is a claim: find the cell it quotes, or the cell it contradicts. */
export const textVsTable: CheckRule = {
  id: 'text-mot-tabell',
  run(d: Dokument) {
    const all = candidates(d);
    const index = new CandidateIndex(all, (c) => (c.unit === '%' ? { family: '%', value: c.value, unit: '%', decimals: c.decimals } : MONEY.has(c.unit) ? { family: 'kr', value: c.value, unit: c.unit, decimals: c.decimals } : undefined));
    const lex = lexikonFor(d.lexikon);
    const fynd: Diagnostic[] = [];
    const belopp: TextBelopp[] = [];
    for (const p of d.textstycken) {
      const found = findAmounts(p, lex);
      const lowerParagraph = p.text.toLowerCase();
      const firstOfParagraph = belopp.length;
      for (const a of found) {
        const s = sentenceAt(p.text, a.start);
        const ctx: Context = { lex, year: d.rapport.budgetår, signed: a.sign !== undefined, nämnd: d.rapport.nämnd, sentence: s.text, heading: (p.rubriker[p.rubriker.length - 1] ?? '').toLowerCase(), headings: p.rubriker.join(' ').toLowerCase(), paragraph: lowerParagraph };
        const plats = positionOf(p, a.start);
        const sf = sentenceFacts(ctx);
        // A contradiction needs a cell of the same order of magnitude: a figure ten times off is
        // more likely about something else than a slip.
        const near = (v: number): boolean => {
          const r = Math.abs(v) / Math.max(Math.abs(a.value), 1e-9);
          return r >= 0.67 && r <= 1.5;
        };
        // Scoring is the costly part: only a candidate that agrees with the figure, or could be
        // the cell it contradicts, is scored; and only one its sentence, paragraph or headings name.
        const scored: Scored[] = [];
        // Only values that could round to the figure, fall in its hedge, or be the cell it contradicts.
        const family = a.unit === '%' || a.unit === 'procentenheter' ? '%' : 'kr';
        const f = family === 'kr' ? (UNIT_FACTOR[a.unit] ?? 1) : 1;
        const tol = 10 ** -Math.min(a.decimals - Math.round(Math.log10(f)), index.coarsestDecimals(family));
        const lo = Math.min(0.67 * a.value * f, a.interval.lo * f, a.value * f - tol);
        const hi = Math.max(1.5 * a.value * f, a.interval.hi * f, a.value * f + tol);
        for (const c of index.range(family, Math.max(0, lo), hi)) {
          const v = inUnit(c, a.unit);
          if (v === undefined) continue;
          const verdikt = agreement(a, v, decimalsIn(c, a.unit));
          if (!verdikt && (c.derived || c.label || !near(v))) continue;
          // Derived changes and figures in row labels count only when the sentence speaks of them.
          if (c.derived && !sf.change) continue;
          const m = mentions(c, ctx, sf);
          if (m.local <= 0 || (c.label && m.sentence <= 0)) continue;
          scored.push({ c, v, s: score(c, ctx, sf), ...(verdikt ? { verdikt } : {}), conflicts: conflicts(c, sf, lex), local: m.local, sentence: m.sentence });
        }
        const byScore = (x: Scored, y: Scored): number => y.s - x.s || Number(x.c.derived) - Number(y.c.derived);
        const clean = scored.filter((x) => !x.conflicts.length).sort(byScore);
        const best = clean.find((x) => x.verdikt);
        // The cell the text points at most clearly, if it does not agree.
        const pointed = clean.find((x) => !x.verdikt && !x.c.derived && !x.c.label);
        // A match needs evidence: its subject named in the sentence, or enough named around it.
        if (best && (best.s >= 1.5 || best.sentence > 0)) {
          // The sign words must agree with a deviation's sign.
          const signedColumn = !best.c.label && !best.c.derived && best.c.kolumn?.mått === 'avvikelse' && surplusIsPositive(best.c);
          if (a.riktning && signedColumn && Math.abs(best.v) > 1e-9 && (best.v > 0) !== (a.riktning === 'positiv')) {
            belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: 'motsäger', fakta: [best.c.fakt.id], kommentar: `tecknet: texten säger ${a.riktning}, ${shown(best)}` });
            fynd.push({ allvarlighet: 'fel', regel: 'text-tecken', meddelande: `"${a.text}" beskrivs som ${a.riktning === 'positiv' ? 'positivt (överskott/ökning)' : 'negativt (underskott/minskning)'}, men ${shown(best)}`, plats, fakta: [best.c.fakt.id] });
            continue;
          }
          const verdikt = best.verdikt!;
          belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt, fakta: [best.c.fakt.id], kommentar: shown(best) });
          if (verdikt === 'stämmer inom avrundning') fynd.push({ allvarlighet: 'info', regel: 'text-mot-tabell', meddelande: `"${a.text}" stämmer inom avrundning med ${shown(best)}`, plats, fakta: [best.c.fakt.id] });
          continue;
        }
        // Before a contradiction: the sentence may quote the total of several rows it names
        // ("3,0 mnkr för räddningsstationen" over two räddningsstation rows of one column).
        const ai = found.indexOf(a);
        const clause = p.text.slice(a.start, found[ai + 1]?.start ?? s.end);
        const together = pointed ? namedRowsTotal(pointed, all, a, clause) : undefined;
        if (together) {
          belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: together.verdikt, fakta: together.rows.map((x) => x.fakt.id), kommentar: `summan av ${together.rows.map((x) => `${x.describe} = ${formatNumber(x.value, x.decimals)}`).join(' + ')}` });
          continue;
        }
        // A contradiction needs the sentence to name the cell's own row (or, for a total, its table).
        if (pointed && pointed.s >= 4.5 && pointed.sentence > 0 && (pointed.c.fakt.roll === 'summa' || labelStems(pointed.c.fakt.radEtikett, lex).length > 0)) {
          const approx = formatNumber(pointed.v, Math.max(a.decimals, 1));
          belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: 'motsäger', fakta: [pointed.c.fakt.id], kommentar: shown(pointed) });
          fynd.push({ allvarlighet: 'fel', regel: 'text-mot-tabell', meddelande: `"${a.text}" motsäger ${shown(pointed)} (≈ ${approx} ${a.unit})`, plats, fakta: [pointed.c.fakt.id] });
          continue;
        }
        // No evidence either way: say which cells came closest, and why they were not taken.
        const near3 = [...scored].sort(byScore).slice(0, 3);
        const why = near3.map((x) => `${shown(x)}${x.conflicts.length ? ` (meningen nämner ${x.conflicts.join('; ')})` : x.verdikt ? '' : ' (annat värde)'}`);
        belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: 'ej verifierbar', fakta: near3.map((x) => x.c.fakt.id), kommentar: why.length ? `närmaste: ${why.join('; ')}` : 'ingen tabellcell eller uppgift vars rad eller ämne meningen, stycket eller rubrikerna nämner' });
      }
      fynd.push(...partsOfTotals(p, found, belopp.slice(firstOfParagraph), lex));
    }
    for (const b of belopp) {
      if (b.verdikt === 'ej verifierbar') fynd.push({ allvarlighet: 'varning', regel: 'ej-verifierbar', meddelande: `"${b.text}" kunde inte kopplas till någon tabellcell eller uppgift som sammanhanget nämner (${b.kommentar}); kommer beloppet från ett beslut eller dokument: lägg in det i uppgifter.yaml med källa`, plats: b.plats, ...(b.fakta.length ? { fakta: b.fakta } : {}) });
    }
    return { fynd, belopp };
  },
};

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
    for (let j = i + 1; j < amounts.length && isPart(amounts[j]!) && amounts[j]!.unit === total.unit; j++) parts.push(j);
    // Or a list after a colon: "−4,4 mnkr … flyttas: 1,5 mnkr till A, 0,7 mnkr till B".
    const next = amounts[i + 1];
    if (!parts.length && next && /:/.test(p.text.slice(total.end, next.start)) && !/[.!?]\s/.test(p.text.slice(total.end, next.start))) {
      for (let j = i + 1; j < amounts.length && amounts[j]!.unit === total.unit && !amounts[j]!.sign; j++) parts.push(j);
    }
    // Or parts before a total: "13,5 mnkr … tillsammans med 30 mnkr … sammanlagt 43,5 mnkr".
    if (!parts.length && lex.summaord.test(p.text.slice(Math.max(0, total.start - 30), total.start).toLowerCase())) {
      const sentenceStart = sentenceAt(p.text, total.start).start;
      for (let j = i - 1; j >= 0 && amounts[j]!.start >= sentenceStart && amounts[j]!.unit === total.unit; j--) parts.unshift(j);
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
      if (!r || r.verdikt !== 'ej verifierbar') continue;
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
