import type { Textstycke } from '../../core/model/dokument.js';
import type { Interval } from '../interval.js';
import { halfUnit } from '../interval.js';
import { lexikonFor, type Lexikon } from '../lexikon.js';
import { parseSwedishNumber } from './numbers.js';
import { inRef } from './position.js';

export type UnitFamily = 'kr' | '%' | 'procentenheter';

export interface TextAmount {
  /** As written, e.g. "drygt 12,8 mnkr". */
  text: string;
  start: number;
  end: number;
  value: number;
  decimals: number;
  /** tkr, mnkr, mdkr, kr, %, procentenheter. */
  unit: string;
  family: UnitFamily;
  /** An explicit sign written before the number ("−2,4", "+1,7"). */
  sign?: 1 | -1;
  hedge?: string;
  /** What the words say about the sign: överskott, positiv avvikelse, ökning (+) or underskott, negativ avvikelse, minskning (−). */
  riktning?: 'positiv' | 'negativ';
  /** The values the written figure can stand for, in `unit`. */
  interval: Interval;
}

const UNITS: [RegExp, string][] = [
  [/^(tkr|tusen kronor)/, 'tkr'],
  [/^(mnkr|mkr|miljoner kronor|miljoner|milj\. kr|milj\.)/, 'mnkr'],
  [/^(mdkr|miljarder kronor|miljarder)/, 'mdkr'],
  [/^(kronor|kr)\b/, 'kr'],
  [/^(procentenheter|%-enheter)/, 'procentenheter'],
  [/^(%|procent)/, '%'],
];

const AMOUNT =
  /(?<![\p{L}\d,.:/])([−+-]\s?)?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:,(\d+))?(?:\s*)(?=[\p{L}%])/gu;

/** Every amount with a unit in a paragraph, except inline references (they are not claims). */
export function findAmounts(p: Textstycke, lex: Lexikon = lexikonFor()): TextAmount[] {
  const out: TextAmount[] = [];
  for (const m of p.text.matchAll(AMOUNT)) {
    const start = m.index ?? 0;
    // The longest unit ("miljarder kronor") and the letter after it: no need to lower-case the rest.
    const after = p.text.slice(start + m[0].length, start + m[0].length + 40).toLowerCase();
    const u = UNITS.find(([re]) => re.test(after));
    if (!u) continue;
    const unitText = (u[0].exec(after) ?? [''])[0];
    const end = start + m[0].length + unitText.length;
    if (inRef(p, start, end)) continue;
    const parsed = parseSwedishNumber(`${m[2]}${m[3] ? `,${m[3]}` : ''}`);
    if (!parsed) continue;
    const signChar = m[1]?.trim();
    const sign: 1 | -1 | undefined = signChar === '+' ? 1 : signChar ? -1 : undefined;
    const before = p.text.slice(Math.max(0, start - 24), start).toLowerCase();
    const hedgeFound = signChar ? null : lex.reservation.exec(before);
    // "föra över 13,4 mnkr": a verb's particle, not a hedge.
    const hedgeMatch = hedgeFound && lex.partikelverb.test(before.slice(0, hedgeFound.index)) ? null : hedgeFound;
    const hedge = hedgeMatch?.[1];
    const v = parsed.value;
    const h = halfUnit(parsed.decimals);
    const range = hedge ? lex.data.reservationer[hedge] : undefined;
    const interval = range
      ? { lo: range[0] ? v * (1 - range[0]) - h : v, hi: range[1] ? v * (1 + range[1]) + h : v }
      : { lo: v - h, hi: v + h };
    const riktning = signWords(p.text.slice(Math.max(0, start - 60), start), lex);
    out.push({
      ...(riktning ? { riktning } : {}),
      text: `${hedgeMatch ? hedgeMatch[0] : ''}${p.text.slice(start, end)}`.trim(),
      start,
      end,
      value: v,
      decimals: parsed.decimals,
      unit: u[1],
      family: u[1] === '%' ? '%' : u[1] === 'procentenheter' ? 'procentenheter' : 'kr',
      ...(sign ? { sign } : {}),
      ...(hedge ? { hedge: hedge.replace(/\.$/, '') } : {}),
      interval,
    });
  }
  return out;
}

/** The sign lexicon: the last sign word before the amount (within its clause) decides. */
export function signWords(before: string, lex: Lexikon = lexikonFor()): 'positiv' | 'negativ' | undefined {
  const clause =
    before
      .toLowerCase()
      .split(/[.;:!?]/)
      .pop() ?? '';
  const last = (re: RegExp): number => Math.max(-1, ...[...clause.matchAll(re)].map((m) => m.index ?? -1));
  const p = last(lex.positiv);
  const n = last(lex.negativ);
  if (p < 0 && n < 0) return undefined;
  return p > n ? 'positiv' : 'negativ';
}
