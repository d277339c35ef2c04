import { z } from 'zod';

/** Ids are referenced from rules, templates and inline references: keep them simple. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9åäö][a-z0-9åäö_-]*$/, 'ett id får bara innehålla små bokstäver, siffror, - och _');

export const fotnotSchema = z.strictObject({
  markör: z.string().min(1).describe('Markören som den står i tabellen: "*", "**", "1", "²".'),
  text: z.string().min(1),
});

export const årSchema = z.number().int().min(1900).max(2200);

/** ISO date written as a YAML date or string; kept as the string `YYYY-MM-DD`. */
export const datumSchema = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'förväntade ett datum ÅÅÅÅ-MM-DD'),
);
