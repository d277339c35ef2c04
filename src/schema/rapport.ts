import { z } from 'zod';
import { datumSchema, idSchema, årSchema } from './common.js';

/** Report kinds; each has a generic template, templates/generisk/<kind>.hbs. */
export const RAPPORTTYPER = [
  'internbudget',
  'förvaltningsbudget',
  'budgetförslag',
  'verksamhetsplan',
  'delårsrapport',
  'tertialrapport',
  'månadsrapport',
  'verksamhetsberättelse',
] as const;
export type Rapporttyp = (typeof RAPPORTTYPER)[number];

/** Kinds that follow up a period: they carry bedömningar and uppdrag status. */
export const UPPFÖLJNINGAR: readonly Rapporttyp[] = [
  'delårsrapport',
  'tertialrapport',
  'månadsrapport',
  'verksamhetsberättelse',
];
/** Kinds that report part of a year and so need `period`. */
export const PERIODRAPPORTER: readonly Rapporttyp[] = ['delårsrapport', 'tertialrapport', 'månadsrapport'];
export const ärUppföljning = (t: Rapporttyp): boolean => UPPFÖLJNINGAR.includes(t);

export const rapportSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: idSchema,
    rapporttyp: z.enum(RAPPORTTYPER),
    titel: z.string().min(1),
    mall: z
      .string()
      .optional()
      .describe(
        'Mallen under templates/ (utan .hbs), t.ex. "linkoping-ks-internbudget"; standard är rapporttypens generiska mall, generisk/<rapporttyp>.',
      ),
    profil: z
      .string()
      .optional()
      .describe(
        'Kommunens profil (ordval och utseende) under data/profiler/ (utan .yaml); standard är kommunens namn som id, t.ex. "linkopings-kommun".',
      ),
    undertitel: z.string().optional(),
    kommun: z.string().min(1),
    nämnd: z.string().min(1),
    förvaltning: z.string().optional(),
    budgetår: årSchema,
    planår: z.strictObject({ från: årSchema, till: årSchema }).optional(),
    period: z
      .strictObject({ från: datumSchema.optional(), till: datumSchema, benämning: z.string().optional() })
      .optional()
      .describe('För en delårsrapport: periodens slutdatum (och början).'),
    status: z.enum(['utkast', 'förslag', 'beslutad']),
    datum: datumSchema.describe('Dokumentets datum; används också som byggdatum så att utdata blir byte-identiska.'),
    beslut: z
      .strictObject({
        organ: z.string().default('Kommunstyrelsen'),
        datum: datumSchema.optional(),
        paragraf: z.string().optional().describe('T.ex. "§ 283".'),
        diarienummer: z.string().optional().describe('T.ex. "KS 2023-0123".'),
      })
      .optional(),
    bilaga: z.number().int().min(1).optional().describe('Rapportens eget bilagenummer i sammanträdets handlingar.'),
    bilagor: z
      .array(
        z.strictObject({
          nummer: z.number().int().min(1).optional(),
          titel: z.string().min(1),
          tillhör: z.string().optional().describe('Vilken del bilagan hör till, t.ex. "Leanlinks internbudget".'),
        }),
      )
      .default([]),
    underskrifter: z
      .array(z.strictObject({ namn: z.string().min(1), parti: z.string().optional(), roll: z.string().min(1) }))
      .default([]),
    accepterade: z
      .array(
        z.strictObject({
          regel: z.string().min(1),
          fakta: z
            .string()
            .min(1)
            .describe(
              'Cellen fyndet gäller ("driftsammandrag/summa/budget_2024") eller textstället ("content/…/ekonomi.md:12").',
            ),
          text: z
            .string()
            .optional()
            .describe('Beloppet som det står i texten, t.ex. "8,5 mnkr", när flera fynd gäller samma cell.'),
          skäl: z.string().min(5),
        }),
      )
      .default([])
      .describe('Kontrollfynd som accepterats, med skäl.'),
  })
  .refine((r) => !PERIODRAPPORTER.includes(r.rapporttyp) || r.period !== undefined, {
    message: 'en delårs-, tertial- eller månadsrapport behöver "period" med slutdatum',
    path: ['period'],
  });

export type Rapport = z.output<typeof rapportSchema>;
