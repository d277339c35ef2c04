import { z } from 'zod';
import { KODNINGAR } from './encoding.js';

/**
 * The mapping file (YAML): which ledger rows of an export make which row and column of which
 * table. Keys other than those named here, on a row or under `urval`, are dimensions of the
 * export (ansvar, verksamhet, projekt …) with the object codes they take.
 */
const kod = z.union([z.string().min(1), z.number()]).transform(String);
/** "5000-5999", "5010" or 5010. */
const kontoSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((s) => /^\s*\d+\s*(-\s*\d+\s*)?$/.test(s), {
    message: 'förväntade ett konto (5010) eller ett intervall ("5000-5999")',
  });
/** A list of codes, or one code alone (`ansvar: 100`). */
const koder = z.union([z.array(kod).min(1), kod.transform((k) => [k])]);
const tecken = z
  .enum(['som-i-exporten', 'omvänt'])
  .describe('som-i-exporten: belopp som de står (kostnader positiva i SIE); omvänt: byt tecken.');

export const urvalSchema = z
  .record(z.string(), koder)
  .describe('Dimension → objektkoder, t.ex. ansvar: ["100", "110"]; intervall som "100-199".');

export const radMappningSchema = z
  .object({
    konton: z
      .union([z.array(kontoSchema).min(1), kontoSchema.transform((k) => [k])])
      .describe('Konton och kontointervall: en lista, eller ett enda som "3000-3999".'),
    tecken: tecken.optional(),
  })
  .catchall(koder);

export const kolumnMappningSchema = z.strictObject({
  art: z
    .enum(['utfall', 'budget'])
    .describe('utfall: #PSALDO eller en utfallskolumn; budget: #PBUDGET eller en budgetkolumn.'),
  perioder: z
    .union([z.string(), z.number()])
    .transform(String)
    .refine((s) => /^\d{4}(-\d{2})?(\.\.\d{4}(-\d{2})?)?$/.test(s), {
      message: 'förväntade ett år (2025), en period (2025-08) eller ett intervall ("2025-01..2025-08")',
    })
    .optional()
    .describe('Perioderna som summeras: "2025", "2025-08" eller "2025-01..2025-08".'),
});

export const tabellMappningSchema = z.strictObject({
  tabell: z.string().min(1).describe('Tabellens id i tabeller.yaml.'),
  urval: urvalSchema
    .optional()
    .describe('Vilka rader i exporten tabellen omfattar; exportens summa per kolumn räknas på dem.'),
  tecken: tecken.default('som-i-exporten'),
  kolumner: z.record(z.string(), kolumnMappningSchema).describe('Kolumn-id → vilka belopp kolumnen tar.'),
  rader: z.record(z.string(), radMappningSchema).describe('Rad-id → vilka konton och objekt raden tar.'),
});

export const mappningSchema = z.strictObject({
  $schema: z.string().optional(),
  källa: z
    .strictObject({
      kodning: z.enum(KODNINGAR).default('auto'),
      blad: z.string().optional().describe('Bladet i en .xlsx (standard: det första med en rubrikrad).'),
      rubrikrad: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Radnumret för kolumnrubrikerna (standard: den första raden med "Konto").'),
      kolumner: z
        .strictObject({
          konto: z.string().default('Konto'),
          kontonamn: z.string().optional(),
          period: z.string().optional(),
          dimensioner: z.record(z.string(), z.string()).default({}),
          belopp: z
            .array(
              z.strictObject({
                kolumn: z.string().min(1),
                art: z.enum(['utfall', 'budget']),
                period: z.string().optional(),
              }),
            )
            .min(1),
        })
        .optional(),
    })
    .default({ kodning: 'auto' }),
  enhet: z.enum(['kr', 'tkr', 'mnkr']).default('kr').describe('Enheten beloppen har i exporten.'),
  tabeller: z.array(tabellMappningSchema).min(1),
});

export type Mappning = z.output<typeof mappningSchema>;
export type TabellMappning = z.output<typeof tabellMappningSchema>;
export type RadMappning = z.output<typeof radMappningSchema>;
