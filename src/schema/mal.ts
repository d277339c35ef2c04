import { z } from 'zod';
import { normaliseVärden, värdenSchema, type Cell } from './cell.js';
import { fotnotSchema, idSchema } from './common.js';
import { kolumnSchema } from './tabell.js';

/** The default bedömning scale; a kommun's profile may have its own (data/profiler/<kommun>.yaml). */
export const BEDÖMNINGAR = ['uppfylls', 'uppfylls-delvis', 'uppfylls-ej', 'kan-ej-bedömas'] as const;
/** A level id of the profile's scale; checked against the profile when the report is validated. */
export type Bedömning = string;

const delradSchema = z.strictObject({
  namn: z.string().min(1).describe('T.ex. "Män", "Kvinnor" eller ett område.'),
  värden: värdenSchema,
  fotnoter: z.array(z.string()).optional(),
});

export const indikatorSchema = z.strictObject({
  id: idSchema,
  namn: z.string().min(1),
  förklaring: z.string().optional().describe('Den kursiva förklaringen under indikatorns namn.'),
  enhet: z.string().optional().describe('%, antal, index, kWh/m², …'),
  obligatorisk: z.boolean().default(false).describe('Markerad med * i publikationen: obligatorisk för alla nämnder.'),
  fotnoter: z.array(z.string()).optional().describe('Fotnotsmarkörer vid indikatorns namn.'),
  värden: värdenSchema.describe(
    'Ett värde per kolumn (utfall och målvärden): en lista i kolumnernas ordning, eller kolumn-id: värde.',
  ),
  delrader: z.array(delradSchema).default([]),
  bedömning: idSchema
    .optional()
    .describe(
      'Indikatorns egen bedömning, en nivå i profilens skala; visas i en kolumn Bedömning i indikatortabellen.',
    ),
});

/** A list item: a text, or a text with items of its own (one level of nesting, as reports print them). */
const punktSchema = z.union([
  z.string().min(1),
  z.strictObject({ text: z.string().min(1), punkter: z.array(z.string().min(1)).min(1) }),
]);

/** A named result list with its own lead-in, as a kommun writes it under a goal. */
export const resultatlistaSchema = z.strictObject({
  rubrik: z.string().min(1).optional().describe('T.ex. "Genomförda aktiviteter".'),
  inledning: z
    .string()
    .min(1)
    .optional()
    .describe('Meningen före listan, t.ex. "Under perioden har nämnden bland annat:".'),
  punkter: z.array(punktSchema).min(1).describe('Punkterna: text, eller {text, punkter: [...]} för en underlista.'),
});

export const bedömningSchema = z.strictObject({
  nivå: idSchema.describe(
    'En nivå i profilens bedömningsskala; standard: uppfylls | uppfylls-delvis | uppfylls-ej | kan-ej-bedömas.',
  ),
  analys: z.string().optional().describe('Bedömningens motivering (Markdown).'),
  resultat: z.array(z.string()).default([]).describe('Exempel på aktiviteter som bidragit till måluppfyllelse.'),
  avvikelser: z.array(z.string()).default([]).describe('Avvikelser inom aktiviteterna i verksamhetsplanen.'),
  listor: z
    .array(resultatlistaSchema)
    .default([])
    .describe('Fler listor med egna rubriker och inledningar, efter analysen och före Resultat och Avvikelser.'),
});

export const nämndmålSchema = z.strictObject({
  id: idSchema,
  namn: z.string().min(1),
  beskrivning: z.string().optional(),
  fotnoter: z.array(z.string()).optional(),
  indikatorer: z.array(indikatorSchema).default([]),
  ingen_indikator: z.boolean().default(false).describe('Publikationen anger "Ingen nämndindikator".'),
  bedömning: bedömningSchema.optional(),
});

export const kommunmålSchema = z.strictObject({
  id: idSchema,
  namn: z.string().min(1),
  kolumner: z.array(kolumnSchema).optional().describe('Om tabellen för detta mål har andra kolumner än filens.'),
  fotnoter: z.array(fotnotSchema).default([]),
  nämndmål: z.array(nämndmålSchema),
});

export const målområdeSchema = z.strictObject({
  id: idSchema,
  namn: z.string().min(1).describe('T.ex. "Samhälle".'),
  kommunövergripande_mål: z.array(kommunmålSchema).default([]),
  nämndmål: z
    .array(nämndmålSchema)
    .optional()
    .describe(
      'Nämndmål utan koppling till ett kommunövergripande mål, direkt under målområdet (i en egen indikatortabell).',
    ),
  kolumner: z
    .array(kolumnSchema)
    .optional()
    .describe('Kolumnerna för tabellen med målområdets egna nämndmål, om de är andra än filens.'),
});

const målFilBas = z.strictObject({
  $schema: z.string().optional(),
  benämning: z
    .strictObject({ mål: z.string().default('Nämndmål'), indikator: z.string().default('Nämndindikator') })
    .default({ mål: 'Nämndmål', indikator: 'Nämndindikator' })
    .describe('En förvaltningsbudget säger Förvaltningsmål/Förvaltningsindikator.'),
  kolumner: z.array(kolumnSchema).min(1).describe('Kolumnerna i indikatortabellerna.'),
  fotnoter: z.array(fotnotSchema).default([]).describe('Fotnoter som gäller alla indikatortabeller.'),
  målområden: z.array(målområdeSchema),
});

export type MålFil = z.output<typeof målFilSchema>;
export type Nämndmål = z.output<typeof nämndmålSchema>;
export type Indikator = z.output<typeof indikatorSchema>;

/** Indicator values given as mappings become lists in the order of the goal table's columns. */
export const målFilSchema = målFilBas.transform((f, ctx) => ({
  ...f,
  målområden: f.målområden.map(({ nämndmål: egna, kolumner: egnaKolumner, ...o }, oi) => ({
    ...o,
    // A målområde's own nämndmål (no kommunövergripande mål) become a goal table of their own,
    // with no kommunmål name; `källväg` says where in the file they stand.
    kommunövergripande_mål: [
      ...o.kommunövergripande_mål.map((k, ki) => ({
        ...k,
        källväg: ['målområden', oi, 'kommunövergripande_mål', ki] as (string | number)[],
      })),
      ...(egna?.length
        ? [
            {
              id: o.id,
              namn: '',
              fotnoter: [],
              nämndmål: egna,
              ...(egnaKolumner ? { kolumner: egnaKolumner } : {}),
              källväg: ['målområden', oi] as (string | number)[],
            },
          ]
        : []),
    ].map((k) => {
      const ids = (k.kolumner ?? f.kolumner).map((c) => c.id);
      const base = [...k.källväg, 'nämndmål'];
      return {
        ...k,
        nämndmål: k.nämndmål.map((n, ni) => ({
          ...n,
          indikatorer: n.indikatorer.map((ind, ii) => {
            const p = [...base, ni, 'indikatorer', ii];
            const fix = (v: typeof ind.värden, path: (string | number)[]): Cell[] =>
              normaliseVärden(v, ids, (key, message) =>
                ctx.addIssue({ code: 'custom', message, path: [...path, key], input: v }),
              );
            return {
              ...ind,
              värden: fix(ind.värden, [...p, 'värden']),
              delrader: ind.delrader.map((d, di) => ({
                ...d,
                värden: fix(d.värden, [...p, 'delrader', di, 'värden']),
              })),
            };
          }),
        })),
      };
    }),
  })),
}));
