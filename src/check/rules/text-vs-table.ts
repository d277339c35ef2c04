import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { convertAmount, formatNumber } from '../../format/number.js';
import type { Dokument, Fakt, TabellBlock, TabellKolumn, Textstycke } from '../../model/dokument.js';
import type { TextBelopp, Verdikt } from '../../model/kontroll.js';
import { contains, halfUnit, roundTo } from '../interval.js';
import type { CheckRule } from '../run-checks.js';
import { findAmounts, type TextAmount } from '../text/amounts.js';
import { factEntity, measuresIn, mentionScore, stemWeights, yearsIn, type StemWeight } from '../text/context.js';
import { positionOf } from '../text/position.js';
import { sentenceAt } from '../text/sentences.js';
import { describeCell } from './table-rules.js';

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
  weight: StemWeight;
  year: number;
  /** The text wrote a sign (+1,7 / −2,4): it quotes a change, as specification rows do. */
  signed: boolean;
  nämnd: string;
  sentence: string;
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
  mentions: Map<string, number>;
}

function sentenceFacts(ctx: Context): SentenceFacts {
  const lower = ctx.sentence.toLowerCase();
  return {
    years: yearsIn(ctx.sentence, ctx.year),
    measures: measuresIn(ctx.sentence),
    periodWords: /(augusti|perioden|jan-aug|hittills)/.test(lower),
    change: /(ökning|ökar|minskning|minskar|höjs|sänks|jämfört|förändr|utök|kompensation|uppräkning)/.test(lower),
    lower,
    mentions: new Map(),
  };
}

/** The stems a candidate is about, and the varav kind, once per candidate. */
const entityCache = new WeakMap<Candidate, { entity: string[]; kind?: string }>();
function entityOf(c: Candidate, nämnd: string): { entity: string[]; kind?: string } {
  let e = entityCache.get(c);
  if (!e) {
    const kind = /^varav (kostnader|intäkter|utgifter|inkomster)/i.exec(c.fakt.radEtikett)?.[1]?.slice(0, 6).toLowerCase();
    e = { entity: c.label ? factEntity(c.fakt, c.tabell) : factEntity(c.fakt, c.tabell, nämnd), ...(kind ? { kind } : {}) };
    entityCache.set(c, e);
  }
  return e;
}

function score(c: Candidate, ctx: Context, sf: SentenceFacts): number {
  const { entity, kind } = entityOf(c, ctx.nämnd);
  // Many candidates share a row: the entity's mention score is the same for each of them.
  const key = entity.join('|');
  let m = sf.mentions.get(key);
  if (m === undefined) {
    const w = ctx.weight;
    m = c.label
      ? 3 * mentionScore(entity, ctx.sentence, w)
      : 3 * mentionScore(entity, ctx.sentence, w) + 2 * mentionScore(entity, ctx.heading) + 1 * mentionScore(entity, ctx.paragraph, w) + 0.5 * mentionScore(entity, ctx.headings, w);
    sf.mentions.set(key, m);
  }
  if (c.label) return m + 1;
  let s = m;
  if (ctx.signed && c.fakt.roll === 'specifikation') s += 1;
  // "intäkterna", "kostnaderna" point at the varav rows of that kind.
  if (kind && sf.lower.includes(kind)) s += 1;
  if (c.derived && c.unit === '%') s -= 2;
  if (c.kolumn?.år !== undefined && sf.years.size) s += sf.years.has(c.kolumn.år) ? 1.5 : -1.5;
  if (c.kolumn && sf.measures.size) s += sf.measures.has(c.kolumn.mått) ? 1.5 : -0.5;
  if (c.kolumn) s += sf.periodWords === !!c.kolumn.period ? 0.5 : -0.5;
  if (c.derived) s += sf.change ? 1 : -3;
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

/** Stämmer when the cell, rounded as the text is, gives the text's figure; otherwise within the two roundings. */
function judge(a: TextAmount, v: number): Verdikt {
  if (a.hedge) return 'stämmer';
  const written = a.sign === -1 ? -a.value : a.value;
  const target = a.sign === -1 ? v : Math.abs(v);
  return roundTo(target, a.decimals) === roundTo(written, a.decimals) ? 'stämmer' : 'stämmer inom avrundning';
}

/** The fact's own rounding, expressed in the text's unit. */
function factHalfUnit(c: Candidate, unit: string): number {
  if (unit === '%' || unit === 'procentenheter') return halfUnit(c.decimals);
  return convertAmount(halfUnit(c.decimals), c.unit, unit) ?? 0;
}

/** Every amount in the narrative is a claim: find the cell it quotes, or the cell it contradicts. */
export const textVsTable: CheckRule = {
  id: 'text-mot-tabell',
  run(d: Dokument) {
    const all = candidates(d);
    const weight = stemWeights(d.textstycken.map((p) => p.text));
    const fynd: Diagnostic[] = [];
    const belopp: TextBelopp[] = [];
    for (const p of d.textstycken) {
      const found = findAmounts(p);
      const firstOfParagraph = belopp.length;
      for (const a of found) {
        const s = sentenceAt(p.text, a.start);
        const ctx: Context = { weight, year: d.rapport.budgetår, signed: a.sign !== undefined, nämnd: d.rapport.nämnd, sentence: s.text, heading: p.rubriker[p.rubriker.length - 1] ?? '', headings: p.rubriker.join(' '), paragraph: p.text };
        const plats = positionOf(p, a.start);
        const signed = (v: number): number => (a.sign === -1 ? v : Math.abs(v));
        const target = a.sign === -1 ? { lo: -a.interval.hi, hi: -a.interval.lo } : a.interval;
        const sf = sentenceFacts(ctx);
        // A sentence that names its years quotes those years' columns.
        const years = yearsIn(s.text, d.rapport.budgetår);
        const yearOk = (c: Candidate): boolean => {
          if (!years.size || c.kolumn?.år === undefined || !c.tabell) return true;
          // Only years the table itself shows can rule a column out ("ramen 2020" in a 2021 table says nothing).
          const shown = yearsShown(c.tabell);
          return ![...years].some((y) => shown.has(y)) || years.has(c.kolumn.år);
        };
        // A contradiction needs the text to point clearly at one cell, of the same order of magnitude:
        // a figure ten times off is more likely about something else than a slip.
        const near = (x: { v: number }): boolean => {
          const r = Math.abs(x.v) / Math.max(Math.abs(a.value), 1e-9);
          return r >= 0.67 && r <= 1.5;
        };
        // Scoring is the costly part: only a candidate that matches the figure, or could be the cell
        // it contradicts, is scored.
        const matching: { c: Candidate; v: number; s: number }[] = [];
        const contradicting: { c: Candidate; v: number; s: number }[] = [];
        for (const c of all) {
          const v = inUnit(c, a.unit);
          if (v === undefined) continue;
          const isMatch = yearOk(c) && contains(target, signed(v), factHalfUnit(c, a.unit));
          const isNear = !c.derived && !c.label && near({ v });
          if (!isMatch && !isNear) continue;
          const x = { c, v, s: score(c, ctx, sf) };
          if (isMatch) matching.push(x);
          if (isNear) contradicting.push(x);
        }
        const matches = matching.sort((x, y) => y.s - x.s || Number(x.c.derived) - Number(y.c.derived));
        let best = matches[0];
        const distinctive = Math.abs(a.value) >= 100 || (a.decimals > 0 && Math.abs(a.value) >= 10);
        // A distinctive figure that only one published value fits needs no further context.
        const distinctValues = new Set(matches.map((x) => roundTo(Math.abs(x.v), 6)));
        const strong = contradicting.filter((x) => x.s >= 4.5).sort((x, y) => y.s - x.s)[0];
        // Before calling it a contradiction: a value the figure does match, whose subject the same
        // sentence names, is the likelier reading ("kompensationen är 2,5 % … priserna höjs med 2,6 %").
        // A negative cell is a weak reading of a figure written without sign or sign words.
        const sameSign = (x: { v: number }): boolean => a.sign !== undefined || a.riktning !== undefined || x.v >= 0;
        const named = strong ? matches.find((x) => !x.c.derived && sameSign(x) && mentionScore(entityOf(x.c, ctx.nämnd).entity, ctx.sentence, ctx.weight) > 0) : undefined;
        // Without context, only a figure that equals the one value rounded as the text rounds it.
        const alone = !a.hedge && distinctive && distinctValues.size === 1 && best !== undefined && judge(a, signed(best.v)) === 'stämmer';
        if (best && (best.s >= 1.5 || alone || named)) {
          if (named && best.s < 1.5) best = named;
          // The sign words must agree with a deviation's or a change's sign.
          const signed_ = !best.c.label && !best.c.derived && best.c.kolumn?.mått === 'avvikelse';
          if (a.riktning && signed_ && Math.abs(best.v) > 1e-9 && (best.v > 0) !== (a.riktning === 'positiv')) {
            belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: 'motsäger', fakta: [best.c.fakt.id], kommentar: `tecknet: texten säger ${a.riktning}, ${best.c.describe} = ${formatNumber(best.c.value, best.c.decimals)} ${best.c.unit}` });
            fynd.push({ allvarlighet: 'fel', regel: 'text-tecken', meddelande: `"${a.text}" beskrivs som ${a.riktning === 'positiv' ? 'positivt (överskott/ökning)' : 'negativt (underskott/minskning)'}, men ${best.c.describe} = ${formatNumber(best.c.value, best.c.decimals)} ${best.c.unit}`, plats, fakta: [best.c.fakt.id] });
            continue;
          }
          const verdikt = judge(a, signed(best.v));
          belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt, fakta: [best.c.fakt.id], kommentar: `${best.c.describe} = ${formatNumber(best.c.value, best.c.decimals)} ${best.c.unit}` });
          if (verdikt === 'stämmer inom avrundning') fynd.push({ allvarlighet: 'info', regel: 'text-mot-tabell', meddelande: `"${a.text}" stämmer inom avrundning med ${best.c.describe} = ${formatNumber(best.c.value, best.c.decimals)} ${best.c.unit}`, plats, fakta: [best.c.fakt.id] });
          continue;
        }
        if (strong) {
          const shown = formatNumber(strong.v, Math.max(a.decimals, 1));
          belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: 'motsäger', fakta: [strong.c.fakt.id], kommentar: `${strong.c.describe} = ${formatNumber(strong.c.value, strong.c.decimals)} ${strong.c.unit}` });
          fynd.push({
            allvarlighet: 'fel',
            regel: 'text-mot-tabell',
            meddelande: `"${a.text}" motsäger ${strong.c.describe} = ${formatNumber(strong.c.value, strong.c.decimals)} ${strong.c.unit} (≈ ${shown} ${a.unit})`,
            plats,
            fakta: [strong.c.fakt.id],
          });
          continue;
        }
        belopp.push({ text: a.text, plats, värde: a.value, enhet: a.unit, verdikt: 'ej verifierbar', fakta: [], kommentar: 'ingen tabellcell eller uppgift passar sammanhanget' });
      }
      fynd.push(...partsOfTotals(p, found, belopp.slice(firstOfParagraph)));
    }
    for (const b of belopp) {
      if (b.verdikt === 'ej verifierbar') fynd.push({ allvarlighet: 'varning', regel: 'ej-verifierbar', meddelande: `"${b.text}" kunde inte kopplas till någon tabellcell eller uppgift (kommer beloppet från ett beslut eller dokument: lägg in det i uppgifter.yaml med källa)`, plats: b.plats });
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
function partsOfTotals(p: Textstycke, amounts: TextAmount[], results: TextBelopp[]): Diagnostic[] {
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
    if (!parts.length && /(sammanlagt|totalt|tillsammans|sammantaget|i alla fall)\s+(?:\S+\s+){0,2}$/i.test(p.text.slice(Math.max(0, total.start - 30), total.start))) {
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
