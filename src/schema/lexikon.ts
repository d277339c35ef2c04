import { z } from 'zod';

/**
 * The check lexicon (`src/check/lexikon/standard.yaml`): the Swedish words the figure checks
 * read. A kommun's or a report's `lexikon.yaml` adds to any part of it.
 */
const ordlista = z.array(z.string());
export const lexikonSchema = z
  .object({
    mått: z.record(z.string(), ordlista),
    period: ordlista,
    relativa_år: z.record(z.string(), z.number().int()),
    tecken: z.object({ positiv: ordlista, negativ: ordlista }).strict(),
    förändring: ordlista,
    förändring_före_tal: ordlista,
    nivå_före_tal: ordlista,
    partikelverb: ordlista,
    kontrastord: ordlista,
    jämförelse_före_år: ordlista,
    intervall_före: ordlista,
    intervall_mellan: ordlista,
    reservationer: z.record(z.string(), z.tuple([z.number(), z.number()])),
    jämförelseord: z.record(z.string(), z.enum(['<', '>', '≥', '≤'])),
    summaord: ordlista,
    delord: ordlista,
    ändamålsord: ordlista,
    helhet: ordlista,
    talord: z.record(z.string(), z.number().int()),
    stoppord: ordlista,
    alias: z.record(z.string(), ordlista),
  })
  .strict();
export type LexikonData = z.infer<typeof lexikonSchema>;

/** What a kommun or report may add: any part of the lexicon; `tecken` one sign at a time. */
export const lexikonTilläggSchema = lexikonSchema
  .extend({ tecken: z.object({ positiv: ordlista, negativ: ordlista }).partial().strict() })
  .partial()
  .strict();
export type LexikonTillägg = z.infer<typeof lexikonTilläggSchema>;

/**
 * Two lexicons as one, entry by entry: lists are joined without repeats, maps merged with the
 * later value winning, and a map of lists (`mått`, `alias`, `tecken`) joined per key. It follows
 * the values, not a list of keys, so a list added to the schema needs nothing here.
 */
export function mergeLexikon<T extends LexikonTillägg>(a: T, b: LexikonTillägg): T {
  return join(a, b) as T;
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function join(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (a === undefined) return b;
  if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...(a as unknown[]), ...(b as unknown[])])];
  if (isMap(a) && isMap(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = join(out[k], v);
    return out;
  }
  return b;
}
