import { runChecks } from '../../src/check/index.js';
import { findAmounts, type TextAmount } from '../../src/check/text/amounts.js';
import { positionOf } from '../../src/check/text/position.js';
import { formatNumber } from '../../src/core/format/number.js';
import type { Dokument, Fakt, Textstycke } from '../../src/core/model/dokument.js';
import type { Kontrollresultat } from '../../src/core/model/kontroll.js';

/**
 * The mutation harness behind `npm run mutation`: every verified figure in a report's text is
 * changed (last digit, first digit, × 1 000 with the unit kept, sign word flipped) and every
 * table cell a calculation rule or samband uses is moved outside rounding, one at a time, in
 * memory; the checks run again and each mutation is classed by what they said about it.
 */
export type Utfall = 'fel' | 'ej verifierbar' | 'tyst accepterad' | 'inom avrundning';
export interface Mutation {
  slag: 'sista siffran' | 'första siffran' | 'gånger 1000' | 'teckenord' | 'cell';
  var: string;
  före: string;
  efter: string;
  utfall: Utfall;
}

/** Opposite sign words for the flip mutation: the harness's own table, not the checker's. */
const FLIP: [RegExp, string][] = [
  [/överskott/i, 'underskott'],
  [/underskott/i, 'överskott'],
  [/positiv/i, 'negativ'],
  [/negativ/i, 'positiv'],
  [/ökning/i, 'minskning'],
  [/minskning/i, 'ökning'],
  [/ökar/i, 'minskar'],
  [/minskar/i, 'ökar'],
  [/höjs/i, 'sänks'],
  [/sänks/i, 'höjs'],
];

interface TextEdit {
  slag: Mutation['slag'];
  from: number;
  to: number;
  insert: string;
}

function numberEdits(p: Textstycke, a: TextAmount): TextEdit[] {
  const raw = p.text.slice(a.start, a.end);
  const m = /^([−+-]\s?)?([\d \u00a0\u202f]*\d)(,\d+)?/.exec(raw);
  if (!m) return [];
  const numStart = a.start + (m[1]?.length ?? 0);
  const body = `${m[2]}${m[3] ?? ''}`;
  const digitAt = [...body].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
  const last = digitAt[digitAt.length - 1]!;
  const first = digitAt[0]!;
  const bump = (c: string): string => String((Number(c) + 1) % 10);
  const firstNew = body[first] === '9' ? '8' : String(Number(body[first]) + 1);
  return [
    { slag: 'sista siffran', from: numStart + last, to: numStart + last + 1, insert: bump(body[last]!) },
    { slag: 'första siffran', from: numStart + first, to: numStart + first + 1, insert: firstNew },
    {
      slag: 'gånger 1000',
      from: numStart,
      to: numStart + body.length,
      insert: formatNumber(a.value * 1000, a.decimals).replace('\u2212', ''),
    },
  ];
}

function signEdit(p: Textstycke, a: TextAmount): TextEdit | undefined {
  if (!a.riktning) return undefined;
  const from = Math.max(0, a.start - 60);
  const before = p.text.slice(from, a.start);
  for (const [re, word] of FLIP) {
    // A whole word: "utökning" is not flipped to "utminskning".
    const all = [...before.matchAll(new RegExp(`(?<!\\p{L})(?:${re.source})`, 'giu'))];
    const hit = all[all.length - 1];
    if (hit?.index !== undefined)
      return { slag: 'teckenord', from: from + hit.index, to: from + hit.index + hit[0].length, insert: word };
  }
  return undefined;
}

/** A paragraph with one edit applied; inline-reference spans and segments after it move with it. */
function edited(p: Textstycke, e: TextEdit): Textstycke {
  const delta = e.insert.length - (e.to - e.from);
  const move = (o: number): number => (o >= e.to ? o + delta : o);
  return {
    ...p,
    text: p.text.slice(0, e.from) + e.insert + p.text.slice(e.to),
    refSpann: p.refSpann.map(([a, b]) => [move(a), move(b)] as [number, number]),
    segment: p.segment.map((s) => ({ ...s, offset: move(s.offset) })),
  };
}

const key = (f: { plats?: { fil: string; rad: number; kolumn: number } }): string =>
  f.plats ? `${f.plats.fil}:${f.plats.rad}:${f.plats.kolumn}` : '';

/** What the checks said about the figure at `at` after the mutation. */
function judgeText(k: Kontrollresultat, at: string, before: Set<string>, was: string[]): Utfall {
  const b = k.belopp.find((x) => key(x) === at);
  // A finer figure that still rounds to the same cell ("13 401 tkr" for 13,4 mnkr) is not wrong.
  if (b?.verdikt === 'stämmer inom avrundning' && b.fakta.join() === was.join()) return 'inom avrundning';
  const newError = k.fynd.some(
    (f) =>
      f.allvarlighet === 'fel' &&
      !before.has(`${f.regel} ${key(f)} ${f.meddelande}`) &&
      key(f).startsWith(at.split(':').slice(0, 2).join(':')),
  );
  if (newError || b?.verdikt === 'motsäger') return 'fel';
  if (!b || b.verdikt === 'ej verifierbar') return 'ej verifierbar';
  return 'tyst accepterad';
}

const errorsOf = (k: Kontrollresultat): Set<string> =>
  new Set(k.fynd.filter((f) => f.allvarlighet === 'fel').map((f) => `${f.regel} ${key(f)} ${f.meddelande}`));

export function mutateText(d: Dokument): Mutation[] {
  const base = runChecks(d);
  const before = errorsOf(base);
  const verified = new Map(
    base.belopp
      .filter((b) => b.verdikt === 'stämmer' || b.verdikt === 'stämmer inom avrundning')
      .map((b) => [key(b), b.fakta]),
  );
  const out: Mutation[] = [];
  d.textstycken.forEach((p, pi) => {
    for (const a of findAmounts(p)) {
      // A hedge ("drygt 75 %") allows its last digit to move: only the other mutations apply.
      const edits = [
        ...numberEdits(p, a).filter((e) => !(a.hedge && e.slag === 'sista siffran')),
        signEdit(p, a),
      ].filter((x): x is TextEdit => !!x);
      const at = key({ plats: positionOf(p, a.start) });
      if (!verified.has(at)) continue;
      for (const e of edits) {
        const q = edited(p, e);
        const textstycken = d.textstycken.map((x, i) => (i === pi ? q : x));
        const k = runChecks({ ...d, textstycken });
        // A sign word of another length before the figure moves it along its line.
        const shift = e.to <= a.start ? e.insert.length - (e.to - e.from) : 0;
        const now = key({ plats: positionOf(q, a.start + shift) });
        out.push({
          slag: e.slag,
          var: at,
          före: a.text,
          efter: q.text.slice(Math.min(a.start, e.from), a.end + (e.insert.length - (e.to - e.from))),
          utfall: judgeText(k, now, before, verified.get(at) ?? []),
        });
      }
    }
  });
  return out;
}

/** Cells used by a calculation rule or a samband, each moved by 25 units of its last decimal. */
export function mutateCells(d: Dokument): Mutation[] {
  const base = runChecks(d);
  const before = errorsOf(base);
  const used = new Set<string>();
  for (const t of d.tabeller) {
    for (const r of t.regler) {
      const ids = r.är
        .split(/\s+[+-]\s+|^-\s*/)
        .map((x) => x.trim())
        .filter(Boolean);
      for (const row of t.rader) {
        for (const [ci, col] of t.kolumner.entries()) {
          const id = row.celler[ci];
          if (!id) continue;
          const inRule =
            r.rad !== undefined
              ? (row.id === r.rad || ids.includes(row.id)) && (!r.kolumner || r.kolumner.includes(col.id))
              : (col.id === r.kolumn || ids.includes(col.id)) && (!r.rader || r.rader.includes(row.id));
          if (inRule) used.add(id);
        }
      }
    }
  }
  for (const sb of d.samband)
    for (const f of d.fakta.values()) if (sb.rader.some((r) => f.id.startsWith(`${r}/`))) used.add(f.id);
  const out: Mutation[] = [];
  for (const id of used) {
    const f = d.fakta.get(id);
    if (!f || f.cell.typ !== 'tal') continue;
    const moved: Fakt = { ...f, cell: { ...f.cell, tal: f.cell.tal + 25 * 10 ** -f.decimaler } };
    const fakta = new Map(d.fakta);
    fakta.set(id, moved);
    const k = runChecks({ ...d, fakta });
    const hit = k.fynd.some(
      (x) => x.allvarlighet === 'fel' && x.fakta?.includes(id) && !before.has(`${x.regel} ${key(x)} ${x.meddelande}`),
    );
    out.push({
      slag: 'cell',
      var: id,
      före: formatNumber(f.cell.tal, f.decimaler),
      efter: formatNumber(moved.cell.typ === 'tal' ? moved.cell.tal : 0, f.decimaler),
      utfall: hit ? 'fel' : 'tyst accepterad',
    });
  }
  return out;
}

export interface Andelar {
  /** Mutations counted: those that still round to the same cell are left out. */
  antal: number;
  inomAvrundning: number;
  fel: number;
  ejVerifierbar: number;
  tyst: number;
}

export function shares(ms: Mutation[]): Andelar {
  const counted = ms.filter((m) => m.utfall !== 'inom avrundning');
  const n = counted.length || 1;
  const c = (u: Utfall): number => counted.filter((m) => m.utfall === u).length / n;
  return {
    antal: counted.length,
    inomAvrundning: ms.length - counted.length,
    fel: c('fel'),
    ejVerifierbar: c('ej verifierbar'),
    tyst: c('tyst accepterad'),
  };
}
