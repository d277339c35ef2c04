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
    partikelverb: ordlista,
    kontrastord: ordlista,
    jämförelse_före_år: ordlista,
    intervall_före: ordlista,
    intervall_mellan: ordlista,
    reservationer: z.record(z.string(), z.tuple([z.number(), z.number()])),
    jämförelseord: z.record(z.string(), z.enum(['<', '>', '≥', '≤'])),
    summaord: ordlista,
    delord: ordlista,
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
