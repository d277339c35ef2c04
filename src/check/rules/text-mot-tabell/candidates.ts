import type { Dokument, Fakt, TabellBlock, TabellKolumn, TabellRad } from '../../../core/model/dokument.js';
import { formatCell, formatNumber } from '../../../core/format/number.js';
import { comparisonInWords, type Lexikon } from '../../lexikon.js';
import { describeCell } from '../tabell-regel/index.js';
import type { ColumnPair } from './relations.js';

/** A value the text may quote: a published cell, or a difference derived from two cells of a row. */
export interface Candidate {
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

export const MONEY = new Set(['tkr', 'mnkr', 'mdkr', 'kr']);

/**
 * Tables that repeat an earlier one in all but their id (heading, columns, rules, rows and values):
 * their cells would get the same scores and verdicts as the earlier table's, whose come first, so
 * they are left out of the candidates. The cost then grows with the distinct tables, not copies.
 */
export function repeatedTables(d: Dokument): Set<string> {
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

export function candidates(d: Dokument, lex: Lexikon, repeated: Set<string>): Candidate[] {
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

/**
 * The changes a claim names between two cells of each row of a table ("ökade med 310 tkr jämfört
 * med 2025", "1,4 mnkr lägre än budget", "en ökning med 3 procent"): the later cell's magnitude
 * minus the earlier's (a cost printed as −44 160 that was −43 850 grew by 310), in the row's
 * unit (procentenheter for a percentage) and, for amounts and counts, in percent of the earlier.
 * Made once per pair of cells and kept in `cache`, so their mentions are worked out once.
 */
export function relationCandidates(
  d: Dokument,
  t: TabellBlock,
  pairs: ColumnPair[],
  cache: Map<string, Candidate[]>,
  keep: (r: TabellRad) => boolean = () => true,
): Candidate[] {
  const out: Candidate[] = [];
  for (const pair of pairs) {
    const i = t.kolumner.indexOf(pair.from);
    const j = t.kolumner.indexOf(pair.to);
    for (const r of t.rader) {
      if (!keep(r)) continue;
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
 * The candidates of a document, kept while its facts, tables and uppgifter are the same objects:
 * a document checked again with other text (a figure read again with another value, a mutation)
 * reuses them, and with them their worked-out mentions.
 */
export const repeatedCache = new WeakMap<Map<string, Fakt>, { tabeller: TabellBlock[]; repeated: Set<string> }>();
/** `repeatedTables`, kept while the document's facts and tables are the same objects. */
export function cachedRepeatedTables(d: Dokument): Set<string> {
  const hit = repeatedCache.get(d.fakta);
  if (hit?.tabeller === d.tabeller) return hit.repeated;
  const repeated = repeatedTables(d);
  repeatedCache.set(d.fakta, { tabeller: d.tabeller, repeated });
  return repeated;
}

export const candidateCache = new WeakMap<Map<string, Fakt>, { key: unknown[]; all: Candidate[] }>();
export function cachedCandidates(d: Dokument, lex: Lexikon, repeated: Set<string>): Candidate[] {
  const key = [d.tabeller, d.uppgifter, d.lexikon, d.rapport.nämnd];
  const hit = candidateCache.get(d.fakta);
  if (hit && hit.key.every((x, i) => x === key[i])) return hit.all;
  const all = candidates(d, lex, repeated);
  candidateCache.set(d.fakta, { key, all });
  return all;
}
