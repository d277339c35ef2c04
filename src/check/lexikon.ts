import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { packageRoot } from '../util/package-root.js';
import { lexikonSchema, mergeLexikon, type LexikonData, type LexikonTillägg } from '../schema/lexikon.js';

/**
 * The Swedish words the figure checks read, as data: `lexikon/standard.yaml`, extended by a
 * kommun's or a report's own `lexikon.yaml`. Nothing here is specific to one publication.
 */
export { lexikonSchema, lexikonTilläggSchema, type LexikonData, type LexikonTillägg } from '../schema/lexikon.js';

/** The bundled default; it stays in `src/` (tsc copies no YAML). */
function standardPath(): string {
  return join(packageRoot(), 'src', 'check', 'lexikon', 'standard.yaml');
}

let standardData: LexikonData | undefined;
export function standardLexikon(): LexikonData {
  // js-yaml: the bundled file needs no positions, and `yaml` took 30-50 ms of every cold build
  // here (a test checks both read it alike).
  standardData ??= lexikonSchema.parse(jsyaml.load(readFileSync(standardPath(), 'utf8')));
  return standardData;
}

/** The default with additions: lists are joined, maps merged (the addition wins). */
export function extendLexikon(base: LexikonData, add: LexikonTillägg | undefined): LexikonData {
  return add ? mergeLexikon(base, add) : base;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Letters and digits on both sides end a word, for å, ä, ö as for a–z. */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** A phrase as a pattern: `*` is the rest of a word, spaces match any run of spaces and dashes are either dash. */
export function phrasePattern(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .split('*')
    .map((part) => escape(part).replace(/\s+/g, '\\s+').replace(/[-–]/g, '[-–]'))
    .join('[\\p{L}\\p{N}]*');
}

/** One regex for a list of phrases, with Unicode word boundaries. */
export function phrasesRegex(phrases: string[], flags = 'u'): RegExp {
  const alts = [...phrases].sort((a, b) => b.length - a.length).map(phrasePattern);
  return new RegExp(alts.length ? `${B}(?:${alts.join('|')})${E}` : '(?!)', flags);
}

/** The lexicon made ready to read text with. */
export interface Lexikon {
  data: LexikonData;
  mått: [RegExp, string][];
  /** Each measure's words, by measure. */
  måttOrd: Map<string, RegExp>;
  period: RegExp;
  relativaÅr: [RegExp, number][];
  positiv: RegExp;
  negativ: RegExp;
  förändring: RegExp;
  /** A change word right before a number, and a hedge between them if any. */
  förändringFöreTal: RegExp;
  /** A word right before a figure (a hedge may come between) that makes it a level: "sjönk till 6,5 %". */
  nivåFöreTal: RegExp;
  /** A verb right before a hedge word ("föra över"): the word is its particle, not a hedge. */
  partikelverb: RegExp;
  /** A comma and a contrasting conjunction ("…, medan …"): a new claim with its own time begins (global). */
  kontrast: RegExp;
  /** A comparison word and a year after it ("lägre än samma period 2026"): the year is the change's other side (global; group 1 is the year). */
  jämförelseÅr: RegExp;
  /** A word before a range's lower end ("mellan"), at the end of the text before it. */
  intervallFöre: RegExp;
  /** What joins a range's two ends ("och", a dash), the whole text between them. */
  intervallMellan: RegExp;
  /** A hedge right before a number: its word and its range. */
  reservation: RegExp;
  summaord: RegExp;
  /** The words for the whole nämnd or förvaltning ("nämndens"), without those for a sum ("sammantaget"). */
  nämndHelhet: RegExp;
  /** Right after a figure (nothing between), what it is set aside for ("för ett projekt"): group 1 is what. */
  ändamål: RegExp;
  /** A word saying the figure after it is a part of something larger (global: the last one counts). */
  delord: RegExp;
  /** Words naming the whole nämnd: a sentence with one speaks of a total. */
  helhet: RegExp;
  /** A target written in words, "Mindre än 23": operator and number. */
  jämförelse: RegExp;
  /** A comparison word right after a figure ("1,4 mnkr lägre än budget", "2,2 mnkr under ramen"): its word. */
  jämförelseEfter: RegExp;
  talord: Record<string, number>;
  stoppord: Set<string>;
  alias: [RegExp, string[]][];
}

const compiled = new WeakMap<LexikonData, Lexikon>();
export function compileLexikon(data: LexikonData): Lexikon {
  let l = compiled.get(data);
  if (l) return l;
  const hedges = Object.keys(data.reservationer)
    .sort((a, b) => b.length - a.length)
    .map((h) => escape(h.toLowerCase()));
  const comparisons =
    Object.keys(data.jämförelseord)
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|') || '(?!)';
  l = {
    data,
    mått: Object.entries(data.mått).map(([m, words]) => [phrasesRegex(words), m]),
    måttOrd: new Map(Object.entries(data.mått).map(([m, words]) => [m, phrasesRegex(words)])),
    period: phrasesRegex(data.period),
    relativaÅr: Object.entries(data.relativa_år).map(([w, n]) => [phrasesRegex([w]), n]),
    positiv: phrasesRegex(data.tecken.positiv, 'gu'),
    negativ: phrasesRegex(data.tecken.negativ, 'gu'),
    förändring: phrasesRegex(data.förändring),
    förändringFöreTal: new RegExp(
      `${B}(?:${data.förändring_före_tal.map(phrasePattern).join('|') || '(?!)'})\\s+(?:[\\p{L}.]+\\s+)?$`,
      'u',
    ),
    nivåFöreTal: new RegExp(
      `${B}(?:${data.nivå_före_tal.map(phrasePattern).join('|') || '(?!)'})\\s+(?:[\\p{L}.]+\\s+)?$`,
      'u',
    ),
    partikelverb: new RegExp(`${B}(?:${data.partikelverb.map(phrasePattern).join('|') || '(?!)'})\\s+$`, 'u'),
    kontrast: new RegExp(
      `[,;]\\s+(?:${data.kontrastord.map(phrasePattern).join('|') || '(?!)'})(?![\\p{L}\\p{N}])`,
      'gu',
    ),
    reservation: new RegExp(`${B}(${hedges.join('|') || '(?!)'})\\s+$`, 'u'),
    intervallFöre: new RegExp(`${B}(?:${data.intervall_före.map(phrasePattern).join('|') || '(?!)'})\\s+$`, 'u'),
    intervallMellan: new RegExp(`^\\s*(?:${data.intervall_mellan.map(phrasePattern).join('|') || '(?!)'})\\s*$`, 'u'),
    jämförelseÅr: new RegExp(
      `${B}(?:${data.jämförelse_före_år.map(phrasePattern).join('|') || '(?!)'})\\s+(?:\\p{L}+\\s+){0,3}(19[5-9]\\d|20\\d\\d)${E}`,
      'gu',
    ),
    jämförelse: new RegExp(`^\\s*(${comparisons})\\s+(-?\\d+(?:[.,]\\d+)?)\\s*(%|procent)?\\s*$`, 'iu'),
    jämförelseEfter: new RegExp(`^\\s+(${comparisons})${E}`, 'iu'),
    summaord: new RegExp(`${B}(?:${data.summaord.map(phrasePattern).join('|') || '(?!)'})\\s+(?:\\S+\\s+){0,2}$`, 'u'),
    delord: phrasesRegex(data.delord, 'gu'),
    ändamål: new RegExp(`^\\s+(?:${data.ändamålsord.map(phrasePattern).join('|') || '(?!)'})\\s+([^,;.]{3,80})`, 'u'),
    helhet: phrasesRegex(data.helhet),
    nämndHelhet: phrasesRegex(
      data.helhet.filter((w) => !data.summaord.some((x) => x.toLowerCase() === w.toLowerCase())),
    ),
    talord: Object.fromEntries(Object.entries(data.talord).map(([k, v]) => [k.toLowerCase(), v])),
    stoppord: new Set(data.stoppord.map((w) => w.toLowerCase())),
    alias: Object.entries(data.alias).map(([w, targets]) => [phrasesRegex([w]), targets]),
  };
  compiled.set(data, l);
  return l;
}

/** A target in words ("Mindre än 23") as a comparison cell, or undefined. */
export function comparisonInWords(
  text: string,
  lex: Lexikon,
): { operator: '<' | '>' | '≥' | '≤'; tal: number; decimaler: number } | undefined {
  const m = lex.jämförelse.exec(text);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
  const operator = lex.data.jämförelseord[word];
  const num = m[2]!.replace(',', '.');
  return operator ? { operator, tal: Number(num), decimaler: num.split('.')[1]?.length ?? 0 } : undefined;
}

let standardCompiled: Lexikon | undefined;
/** The lexicon for a report: the default, extended by the report's own additions if any. */
export function lexikonFor(add?: LexikonTillägg): Lexikon {
  if (!add) return (standardCompiled ??= compileLexikon(standardLexikon()));
  return compileLexikon(extendLexikon(standardLexikon(), add));
}
