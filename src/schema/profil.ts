import { z } from 'zod';
import { lexikonTilläggSchema } from './lexikon.js';

const färg = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'förväntade en färg som "#0b3a5d" (# och sex hexadecimala siffror)');

/** A bedömning level: its id (used in mal.yaml), the word printed, its colour and symbol. */
export const bedömningsnivåSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9åäö][a-z0-9åäö_-]*$/, 'ett id får bara innehålla små bokstäver, siffror, - och _'),
  text: z.string().min(1).describe('Ordet som trycks, t.ex. "Uppnås delvis".'),
  färg: färg.describe('Färgen i dokumentet (används som textfärg: måste klara WCAG AA mot vitt).'),
  symbol: z.string().min(1).default('●').describe('Symbolen framför ordet, t.ex. ● ▲ ■ ◆.'),
});

/**
 * A kommun's profile (data/profiler/<id>.yaml): its words and its look, shared by all its reports.
 * A report may override parts of it in data/<rapport>/profil.yaml.
 */
export const profilSchema = z.strictObject({
  $schema: z.string().optional(),
  namn: z.string().min(1).optional().describe('Kommunens namn, som i rapport.yaml.'),
  bedömning: z
    .array(bedömningsnivåSchema)
    .min(2)
    .max(6)
    .optional()
    .describe('Bedömningsskalan i ordning, bäst först: 3, 4 eller 5 nivåer och gärna en för "kan ej bedömas".'),
  uppdragsstatus: z
    .strictObject({
      ord: z
        .array(z.strictObject({ id: z.string().min(1), text: z.string().min(1) }))
        .min(1)
        .describe('Tillåtna statusord: id i uppdrag.yaml och ordet som trycks.'),
      fritext: z.boolean().default(false).describe('true: en status får också vara fri text, som trycks som den står.'),
    })
    .optional(),
  benämningar: z
    .strictObject({
      målområde: z.string().min(1).optional().describe('T.ex. "Målområde" eller "Perspektiv".'),
      kommunmål: z
        .string()
        .min(1)
        .optional()
        .describe('T.ex. "Kommunövergripande mål" eller "Kommunfullmäktiges mål".'),
      målkapitel: z
        .string()
        .min(1)
        .optional()
        .describe('Rubriken över målen i de generiska mallarna, t.ex. "Mål och indikatorer".'),
      uppdrag: z.string().min(1).optional().describe('Rubriken över uppdragen, t.ex. "Uppdrag".'),
      tabeller: z.string().min(1).optional().describe('Rubriken över tabeller utan efter:, t.ex. "Tabeller".'),
    })
    .optional(),
  lexikon: z
    .union([z.string().min(1), lexikonTilläggSchema])
    .optional()
    .describe(
      'Kommunens egna ord för sifferkontrollerna: samma listor som en rapports lexikon.yaml, eller namnet på en sådan fil bredvid profilen. Rapportens lexikon.yaml lägger till.',
    ),
  markörer: z
    .array(z.strictObject({ markör: z.string().min(1), betydelse: z.string().min(1) }))
    .optional()
    .describe(
      'Indikatormarkörer och vad de betyder, t.ex. {markör: "*", betydelse: "Obligatorisk indikator för alla nämnder"}.',
    ),
  utseende: z
    .strictObject({
      logotyp: z.string().min(1).optional().describe('SVG- eller PNG-fil, relativt profilfilen.'),
      logotypbredd: z
        .number()
        .min(10)
        .max(120)
        .optional()
        .describe('Logotypens bredd på titelsidan i millimeter (standard 40).'),
      färger: z
        .strictObject({
          rubrik: färg.optional(),
          text: färg.optional(),
          länk: färg.optional(),
          tabellhuvud: färg.optional().describe('Bakgrunden i tabellhuvuden.'),
          linje: färg.optional(),
        })
        .optional(),
      typsnitt: z
        .strictObject({
          normal: z.string().min(1).describe('TTF- eller OTF-fil, relativt profilfilen.'),
          fet: z.string().min(1).optional(),
          kursiv: z.string().min(1).optional(),
          fetkursiv: z.string().min(1).optional(),
        })
        .optional()
        .describe('Kommunens typsnitt; utan det används Roboto.'),
      titelsida: z.strictObject({ överrubrik: z.string().optional(), text: z.string().optional() }).optional(),
      sidhuvud: z
        .string()
        .optional()
        .describe('Text i sidhuvudet efter titelsidan; {titel}, {kommun}, {nämnd} byts ut.'),
      sidfot: z.string().optional().describe('Text i sidfoten; {sida} och {sidor} byts mot sidnumren.'),
    })
    .optional(),
});
export type ProfilFil = z.output<typeof profilSchema>;
