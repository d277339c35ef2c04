import type { Lexikon } from '../../lexikon.js';
import { aliasesOf, factEntity, labelStems, mentionScore, stemIn } from '../../text/context.js';
import type { Candidate } from './candidates.js';
import type { Context, Mention, SentenceFacts } from './context.js';

/** The stems a candidate is about (its row or table subject, and the lexicon's aliases of its row), and the varav kind. */
export interface Entity {
  entity: string[];
  /** A total's own label ("Summa nämnden"), named instead of its table's subject. */
  own: string[];
  aliases: readonly RegExp[];
  /** Identifies entity and aliases together: candidates sharing it share their mentions. */
  key: string;
  kind?: string;
}
export const entityCache = new WeakMap<Candidate, Entity>();
export function entityOf(c: Candidate, ctx: Pick<Context, 'lex' | 'nämnd'>): Entity {
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

/** Where the sentence, its paragraph and its headings name the candidate's subject: the evidence for a match. */
export function mentions(c: Candidate, ctx: Context, sf: SentenceFacts): Mention {
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
export const wholeTotal = (c: Candidate): boolean =>
  c.fakt.roll === 'summa' &&
  c.tabell !== undefined &&
  !c.tabell.avser &&
  !['investeringar', 'personal', 'volymer'].includes(c.tabell.tabelltyp);

/** Whether the sentence speaks of the whole: a lexicon word for it ("nämnden", "totalt"), or no row, indicator or uppgift named at all. */
export function namesWhole(ctx: Context, sf: SentenceFacts): boolean {
  sf.whole ??= ctx.inSentence.whole ??= ctx.lex.helhet.test(sf.lower) || namesNoRow(ctx, sf.lower);
  return sf.whole;
}

/** Whether a (lower-cased) text names no row of any table. */
export const namesNoRow = (ctx: Pick<Context, 'rowStems'>, lower: string): boolean =>
  !ctx.rowStems.some((st) => stemIn(st, lower));

export const rowNamedIn = (c: Candidate, text: string, lex: Lexikon): boolean =>
  mentionScore(labelStems(c.fakt.radEtikett, lex), text, true) > 0;
