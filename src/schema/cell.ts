import { z } from 'zod';

/**
 * A published cell value, typed. Writers type plain YAML numbers, the markers as published
 * ("I.U.", "-", blank) and target expressions ("≥4,0", "Öka"); validation turns them into
 * these variants so no later stage has to guess what a string means.
 */
export type Cell =
  | {
      typ: 'tal';
      tal: number;
      /** The year the value refers to when it is not the column's: "49 (2020)", or "2020: 49" with `avserFörst`. */
      referensår?: number;
      period?: string;
      /** Printed with its year first, "2020: 49", as the writer wrote it. */
      avserFörst?: boolean;
      /** Decimals as written in a string form ("2020: 4,50"), where the YAML number is not there to read them from. */
      decimaler?: number;
      fotnot?: string;
      enhet?: string;
      not?: string;
    }
  | { typ: 'flera'; tal: number[]; skiljetecken: string; fotnot?: string }
  | { typ: 'intervall'; från: number; till: number; fotnot?: string }
  | { typ: 'iu'; som: string; fotnot?: string }
  | { typ: 'streck'; som: string }
  | { typ: 'tom' }
  | { typ: 'text'; text: string; fotnot?: string }
  | {
      typ: 'jämförelse';
      operator: Operator;
      tal: number;
      decimaler: number;
      enhet?: string;
      tillägg?: string;
      fotnot?: string;
      /** The target as written in words ("Minst 90 %"), printed so. */ som?: string;
    }
  | { typ: 'riktning'; riktning: Riktning; som: string; fotnot?: string };

export const OPERATORER = ['≥', '≤', '>', '<', '≤±', '±'] as const;
export type Operator = (typeof OPERATORER)[number];
export type Riktning = 'öka' | 'minska' | 'bibehålla' | 'positiv trend';

const IU = /^(I\.?U\.?|i\.?u\.?)$/;
const STRECK = /^[-–—]+$/;
const RIKTNINGAR: Record<string, Riktning> = {
  öka: 'öka',
  minska: 'minska',
  bibehålla: 'bibehålla',
  'positiv trend': 'positiv trend',
};
const JAMFORELSE = /^(≥|≤±|≤|>|<|±)\s*(-?\d+(?:[.,]\d+)?)\s*(%|procent)?\s*(.*)$/;

/** Targets in words, as kommuner write them: the word's comparison, so the checks can use it. */
const ORD_OPERATOR: [RegExp, Operator][] = [
  [/^(mindre än|färre än|lägre än|under)$/i, '<'],
  [/^(högst|max|maximalt|som mest)$/i, '≤'],
  [/^(mer än|fler än|större än|högre än|över)$/i, '>'],
  [/^(minst|lägst|min|minimum|som minst)$/i, '≥'],
];
const ORD_JAMFORELSE =
  /^(mindre än|färre än|lägre än|under|högst|max|maximalt|som mest|mer än|fler än|större än|högre än|över|minst|lägst|min|minimum|som minst)\s+(-?\d+(?:[.,]\d+)?)\s*(%|procent)?\s*(.*)$/i;
const ORD_NOLL: Record<string, Operator> = {
  'ej negativ': '≥',
  'inte negativ': '≥',
  'ej negativt': '≥',
  'inte negativt': '≥',
};

/** "Mindre än 23" → < 23, "Minst 90 %" → ≥ 90, "Ej negativ" → ≥ 0; undefined when not such words. */
function jämförelseIOrd(t: string): Cell | undefined {
  const noll = ORD_NOLL[t.toLowerCase()];
  if (noll) return { typ: 'jämförelse', operator: noll, tal: 0, decimaler: 0, som: t };
  const m = ORD_JAMFORELSE.exec(t);
  if (!m) return undefined;
  const op = ORD_OPERATOR.find(([re]) => re.test(m[1]!))![1];
  const num = m[2]!.replace(',', '.');
  const cell: Cell = {
    typ: 'jämförelse',
    operator: op,
    tal: Number(num),
    decimaler: num.includes('.') ? num.split('.')[1]!.length : 0,
    som: t,
  };
  if (m[3]) cell.enhet = '%';
  if (m[4]) cell.tillägg = m[4];
  return cell;
}

const TAL = String.raw`(-?\d+(?:[.,]\d+)?)`;
/** "2020: 49", "2020: 4,5 %": a value with the year it refers to, first. */
const ÅR_FÖRST = new RegExp(String.raw`^(\d{4})\s*:\s*${TAL}\s*(%)?$`);
/** "49 (2020)", "4,5 % (2020)": the same, the year after. */
const ÅR_EFTER = new RegExp(String.raw`^${TAL}\s*(%)?\s*\((\d{4})\)$`);
/** "49*", "12,5 **": a value with a footnote mark. */
const MED_FOTNOT = new RegExp(String.raw`^${TAL}\s*(%)?\s*(\*+)$`);
/** "I.U. I.U.", "- -", "I.U./-": several markers in one cell (two measurements, both missing). */
const MARKÖR = String.raw`(?:I\.?U\.?|i\.?u\.?|[-–—]+)`;
const FLERA_MARKÖRER = new RegExp(String.raw`^${MARKÖR}(?:(?:\s*\/\s*|\s+)${MARKÖR})+$`);
const ÅR_MIN = 1900;
const ÅR_MAX = 2100;

/** A number written in a string ("4,5" or "4.5"), with the decimals as written. */
function talIText(num: string): { tal: number; decimaler: number } {
  const n = num.replace(',', '.');
  return { tal: Number(n), decimaler: n.includes('.') ? n.split('.')[1]!.length : 0 };
}

/** A value with its year ("2020: 49", "49 (2020)") or footnote mark ("49*"); a message for a year out of range. */
function kvalificeratTal(t: string): Cell | string | undefined {
  const före = ÅR_FÖRST.exec(t);
  const efter = före ? undefined : ÅR_EFTER.exec(t);
  if (före || efter) {
    const [år, num, procent] = före ? [före[1]!, före[2]!, före[3]] : [efter![3]!, efter![1]!, efter![2]];
    const y = Number(år);
    if (y < ÅR_MIN || y > ÅR_MAX)
      return `året ${år} i "${t}" är inte ett rimligt år; skriv året värdet avser, t.ex. "2020: 49"`;
    return {
      typ: 'tal',
      ...talIText(num),
      referensår: y,
      ...(före ? { avserFörst: true } : {}),
      ...(procent ? { enhet: '%' } : {}),
    };
  }
  const fn = MED_FOTNOT.exec(t);
  if (fn) return { typ: 'tal', ...talIText(fn[1]!), ...(fn[2] ? { enhet: '%' } : {}), fotnot: fn[3]! };
  // Looks like a year and a value but is not one: say what the form is, not the general list.
  if (/^\d{4}\s*:/.test(t))
    return `efter "${t.slice(0, t.indexOf(':') + 1)}" förväntades ett tal, t.ex. "2020: 49" eller "2020: 4,5 %"; fick "${t}"`;
  if (/^-?\d+(?:[.,]\d+)?\s*%?\s*\(/.test(t))
    return `inom parentesen förväntades året värdet avser, t.ex. "49 (2020)"; fick "${t}"`;
  return undefined;
}

/** Parses the string forms of a cell; returns a message when the string is not one of them. */
export function parseCellString(s: string): Cell | string {
  const t = s.trim();
  if (t === '') return { typ: 'tom' };
  if (IU.test(t)) return { typ: 'iu', som: t };
  if (STRECK.test(t)) return { typ: 'streck', som: t };
  if (FLERA_MARKÖRER.test(t)) return /^[-–—\s/]+$/.test(t) ? { typ: 'streck', som: t } : { typ: 'iu', som: t };
  const kval = kvalificeratTal(t);
  if (kval) return kval;
  const dir = RIKTNINGAR[t.toLowerCase()];
  if (dir) return { typ: 'riktning', riktning: dir, som: t };
  const m = JAMFORELSE.exec(t);
  if (m) {
    const num = m[2]!.replace(',', '.');
    const decimals = num.includes('.') ? num.split('.')[1]!.length : 0;
    const cell: Cell = { typ: 'jämförelse', operator: m[1] as Operator, tal: Number(num), decimaler: decimals };
    if (m[3]) cell.enhet = '%';
    if (m[4]) cell.tillägg = m[4];
    return cell;
  }
  const ord = jämförelseIOrd(t);
  if (ord) return ord;
  return `förväntade ett tal, en markör (I.U., -, "I.U. I.U."), ett tal med sitt år ("2020: 49", "49 (2020)"), en riktning (Öka, Minska) eller ett jämförelsevärde (≥ 4, Minst 90 %, Mindre än 23), fick "${s}"`;
}

const fotnot = z.string().min(1).optional().describe('Fotnotsmarkör vid värdet, t.ex. "*" eller "2".');

const talObjekt = z.strictObject({
  tal: z.number(),
  referensår: z
    .number()
    .int()
    .optional()
    .describe('Året värdet avser när det inte är kolumnens, t.ex. 2020 i "65 (2020)".'),
  period: z.string().optional().describe('Perioden värdet avser, t.ex. "per den 1 april".'),
  enhet: z.string().optional().describe('Enhet som skrivs ut vid värdet, t.ex. "%".'),
  not: z.string().optional(),
  fotnot,
});
const fleraObjekt = z.strictObject({
  tal: z.array(z.number()).min(2),
  skiljetecken: z.string().default('/'),
  fotnot,
});
const intervallObjekt = z.strictObject({ från: z.number(), till: z.number(), fotnot });
const textObjekt = z.strictObject({ text: z.string().min(1), fotnot });
const markörObjekt = z.strictObject({
  markör: z.string().describe('I.U., -, Öka, ≥ 4 …'),
  fotnot,
});

/** The YAML forms a cell may take; the JSON Schema shows these to editors. */
export const cellInput = z.union([
  z.number(),
  z.null(),
  z
    .string()
    .describe(
      'En markör (I.U., -, "I.U. I.U."), ett tal med sitt år ("2020: 49", "49 (2020)"), ett tal med fotnot ("49*"), en riktning (Öka, Minska) eller ett jämförelsevärde (≥ 4, Minst 90 %).',
    ),
  talObjekt,
  fleraObjekt,
  intervallObjekt,
  textObjekt,
  markörObjekt,
]);

export const cellSchema = z.unknown().transform((v, ctx): Cell => {
  const fail = (message: string): Cell => {
    ctx.addIssue({ code: 'custom', message, input: v });
    return z.NEVER;
  };
  if (typeof v === 'number')
    return Number.isFinite(v) ? { typ: 'tal', tal: v } : fail(`förväntade ett tal, fick ${String(v)}`);
  if (v === null || v === undefined) return { typ: 'tom' };
  if (typeof v === 'string') {
    const c = parseCellString(v);
    return typeof c === 'string' ? fail(c) : c;
  }
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if ('text' in o) {
      const r = textObjekt.safeParse(o);
      return r.success ? { typ: 'text', ...r.data } : fail(firstMessage(r.error));
    }
    if ('från' in o) {
      const r = intervallObjekt.safeParse(o);
      return r.success ? { typ: 'intervall', ...r.data } : fail(firstMessage(r.error));
    }
    if ('markör' in o) {
      const r = markörObjekt.safeParse(o);
      if (!r.success) return fail(firstMessage(r.error));
      const c = parseCellString(r.data.markör);
      if (typeof c === 'string') return fail(c);
      return r.data.fotnot && c.typ !== 'tom' && c.typ !== 'streck' ? { ...c, fotnot: r.data.fotnot } : c;
    }
    if (Array.isArray(o.tal)) {
      const r = fleraObjekt.safeParse(o);
      return r.success ? { typ: 'flera', ...r.data } : fail(firstMessage(r.error));
    }
    const r = talObjekt.safeParse(o);
    return r.success ? { typ: 'tal', ...r.data } : fail(firstMessage(r.error));
  }
  return fail(`förväntade ett tal eller en markör, fick ${JSON.stringify(v)}`);
});

function firstMessage(e: z.ZodError): string {
  const i = e.issues[0];
  if (!i) return 'ogiltigt värde';
  const where = i.path.length ? `${i.path.join('.')}: ` : '';
  if (i.code === 'unrecognized_keys') return `${where}okänd nyckel ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_type') return `${where}förväntade ${i.expected === 'number' ? 'ett tal' : i.expected}`;
  return `${where}${i.message}`;
}

/**
 * Values of a row: a list in column order, or a mapping from column id to value (blank columns
 * may be left out). Both are normalised to a list once the table's columns are known.
 */
export const värdenSchema = z.union([z.array(cellSchema), z.record(z.string(), cellSchema)]);
export type VärdenInput = z.output<typeof värdenSchema>;

/** Normalises `värden` to one cell per column; reports unknown column ids. */
export function normaliseVärden(
  v: VärdenInput,
  columnIds: readonly string[],
  report: (key: string, message: string) => void,
): Cell[] {
  if (Array.isArray(v)) return v;
  for (const k of Object.keys(v)) {
    if (!columnIds.includes(k)) report(k, `okänd kolumn "${k}" (kolumnerna är ${columnIds.join(', ')})`);
  }
  return columnIds.map((id) => v[id] ?? { typ: 'tom' });
}
