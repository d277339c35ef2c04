import { z } from 'zod';
import { cellSchema, normaliseVärden, värdenSchema, type Cell } from './cell.js';
import { fotnotSchema, idSchema, årSchema } from './common.js';

export const MÅTT = [
  'utfall',
  'bokslut',
  'budget',
  'plan',
  'prognos',
  'redovisat',
  'avvikelse',
  'målvärde',
  'ram',
  'annat',
] as const;

export const kolumnSchema = z.strictObject({
  id: idSchema,
  rubrik: z.string().min(1).describe('Kolumnrubriken som den står i publikationen.'),
  mått: z.enum(MÅTT),
  år: årSchema.optional(),
  period: z.string().optional().describe('Del av år, t.ex. "jan-aug" eller "augusti".'),
  delmått: z.string().optional().describe('T.ex. "utgifter", "inkomster", "netto" i en investeringstabell.'),
  enhet: z.string().optional().describe('Om kolumnen har en annan enhet än tabellen.'),
  decimaler: z.number().int().min(0).max(4).optional(),
});

export const RADROLLER = [
  'grupp',
  'post',
  'specifikation',
  'varav',
  'summa',
  'delsumma',
  'jämförelse',
  'text',
  'mellanrum',
] as const;
export const VARAV = ['kostnader', 'intäkter', 'utgifter', 'inkomster', 'annat'] as const;

export interface RadInput {
  id: string;
  etikett: string;
  roll: (typeof RADROLLER)[number];
  varav?: (typeof VARAV)[number];
  värden?: unknown[];
  fotnoter?: string[];
  kursiv?: boolean;
  fet?: boolean;
  enhet?: string;
  decimaler?: number;
  rader?: RadInput[];
}

const radBas = z.strictObject({
  id: idSchema,
  etikett: z
    .string()
    .default('')
    .describe('Radens text som den står i publikationen (utan fotnotsmarkör); får saknas bara på en mellanrumsrad.'),
  roll: z
    .enum(RADROLLER)
    .default('post')
    .describe(
      'grupp: rubrikrad utan värden; post: vanlig rad; specifikation: specifikation av förändring; varav: varav-rad; summa/delsumma; jämförelse: t.ex. ram; text: rad med bara etikett, utan värden, i vanlig stil; mellanrum: tom rad som luft mellan delar av tabellen, utan värden.',
    ),
  varav: z.enum(VARAV).optional().describe('För varav-rader: vad raden anger.'),
  värden: värdenSchema
    .optional()
    .describe('Ett värde per kolumn: en lista i kolumnernas ordning, eller en mappning kolumn-id: värde.'),
  fotnoter: z.array(z.string().min(1)).optional().describe('Fotnotsmarkörer vid radens etikett.'),
  kursiv: z.boolean().optional(),
  fet: z.boolean().optional(),
  enhet: z
    .string()
    .min(1)
    .optional()
    .describe('Radens enhet om den skiljer sig från tabellens, t.ex. "%", "antal" eller "år" i en personaltabell.'),
  decimaler: z.number().int().min(0).max(4).optional().describe('Radens decimaler om de skiljer sig från tabellens.'),
});

export type RadIn = z.output<typeof radBas> & { rader?: RadIn[] };
export type Rad = Omit<RadIn, 'värden' | 'rader'> & { värden?: Cell[]; rader?: Rad[] };

export const radSchema: z.ZodType<RadIn> = radBas.extend({
  get rader(): z.ZodOptional<z.ZodArray<z.ZodType<RadIn>>> {
    return z.array(radSchema).optional();
  },
}) as unknown as z.ZodType<RadIn>;

export const regelSchema = z
  .strictObject({
    rad: idSchema.optional().describe('Raden som regeln räknar fram (gäller i alla kolumner, eller de i "kolumner").'),
    kolumn: idSchema.optional().describe('Kolumnen som regeln räknar fram (gäller på alla rader, eller de i "rader").'),
    är: z
      .string()
      .regex(
        /^\s*(-\s+)?[a-z0-9åäö_-]+(\/[a-z0-9åäö_-]+\/[a-z0-9åäö_-]+)?(\s+[+-]\s+[a-z0-9åäö_-]+(\/[a-z0-9åäö_-]+\/[a-z0-9åäö_-]+)?)*\s*$/,
        'förväntade ett uttryck som "a + b - c" av rad- eller kolumn-id (eller en cell i en annan tabell, "tabell/rad/kolumn"), med mellanslag runt + och -',
      )
      .describe(
        'Uttryck av id med + och −, t.ex. "varav_kostnader - varav_intakter"; en term "tabell/rad/kolumn" är en cell i en annan tabell.',
      ),
    kolumner: z.array(idSchema).optional(),
    rader: z.array(idSchema).optional(),
    beskrivning: z.string().optional(),
  })
  .refine((r) => (r.rad === undefined) !== (r.kolumn === undefined), {
    message: 'en regel anger antingen "rad" eller "kolumn"',
  });

export const TABELLTYPER = [
  'sammanfattning',
  'driftsammandrag',
  'verksamhetsområde',
  'investeringar',
  'personal',
  'volymer',
  'ekonomi',
  'övrig',
] as const;

export const DIAGRAMTYPER = ['grupperade-staplar', 'liggande-staplar'] as const;

export const diagramSchema = z.strictObject({
  id: idSchema,
  typ: z
    .enum(DIAGRAMTYPER)
    .describe('grupperade-staplar: lodräta staplar per rad, en serie per kolumn; liggande-staplar: vågräta staplar.'),
  rubrik: z.string().min(1),
  rader: z
    .array(idSchema)
    .optional()
    .describe('Raderna som visas (kategorier); standard: tabellens post-rader på översta nivån.'),
  kolumner: z.array(idSchema).min(1).describe('Kolumnerna som visas (serier).'),
  enhet: z
    .enum(['tkr', 'mnkr', 'mdkr', 'kr', '%', 'antal'])
    .optional()
    .describe('Visa i en annan enhet än tabellens, t.ex. mnkr för en tkr-tabell.'),
});

const tabellBas = z.strictObject({
  id: idSchema,
  rubrik: z.string().min(1).describe('Tabellens rubrik (bildtext).'),
  typ: z.enum(TABELLTYPER),
  avser: z.string().optional().describe('Verksamhet eller förvaltning som tabellen gäller, t.ex. "Planeringsstaben".'),
  efter: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Den generiska mallen placerar tabellen direkt efter texten under denna rubrik, t.ex. "Ekonomi > Driftsammandrag"; utan efter hamnar den under rubriken Tabeller.',
    ),
  visas: z
    .boolean()
    .default(true)
    .describe('false: tabellen är bara data, för diagram och kontroller; den trycks inte men finns i arbetsboken.'),
  enhet: z.enum(['tkr', 'mnkr', 'mdkr', 'kr', '%', 'antal', 'blandad']),
  decimaler: z.number().int().min(0).max(4).default(0),
  förspalt: z.string().default('').describe('Rubriken över radetiketterna, t.ex. "Nettokostnad, belopp mnkr".'),
  teckenkonvention: z
    .enum(['intäkter-negativa', 'intäkter-positiva', 'ej-tillämplig'])
    .default('ej-tillämplig')
    .describe('Hur intäkter skrivs i tabellen: med minustecken eller som positiva belopp.'),
  kolumner: z.array(kolumnSchema).min(1),
  kolumngrupper: z
    .array(z.strictObject({ rubrik: z.string().min(1), kolumner: z.array(idSchema).min(1) }))
    .default([])
    .describe(
      'Rubriker över flera kolumner i ett rubrikrad ovanför, t.ex. {rubrik: Budget, kolumner: [budget_2024, budget_2025, budget_2026]}; kolumnerna står i följd.',
    ),
  rader: z.array(radSchema).min(1),
  fotnoter: z.array(fotnotSchema).default([]),
  regler: z.array(regelSchema).default([]),
  kommentar: z.string().optional().describe('Kort text direkt under tabellen.'),
  diagram: z
    .array(diagramSchema)
    .default([])
    .describe('Diagram som visar tabellens data; placeras av mallen med {{diagram "id"}}.'),
});

/** Row values given as a mapping are turned into lists in column order. */
export const tabellSchema = tabellBas.transform((t, ctx) => {
  const ids = t.kolumner.map((c) => c.id);
  // A group spans columns that stand next to each other, each in one group at most.
  const iGrupp = new Set<string>();
  t.kolumngrupper.forEach((g, gi) => {
    const index = g.kolumner.map((k) => ids.indexOf(k));
    const saknad = g.kolumner.find((_, i) => index[i]! < 0);
    const dubbel = g.kolumner.find((k) => iGrupp.has(k));
    g.kolumner.forEach((k) => iGrupp.add(k));
    const message = saknad
      ? `kolumnen "${saknad}" finns inte i tabellen; skriv en av ${ids.join(', ')}`
      : dubbel
        ? `kolumnen "${dubbel}" står redan i en annan grupp`
        : index.some((x, i) => i > 0 && x !== index[i - 1]! + 1)
          ? 'en grupps kolumner ska stå i följd, i tabellens ordning'
          : undefined;
    if (message) ctx.addIssue({ code: 'custom', message, path: ['kolumngrupper', gi, 'kolumner'], input: g.kolumner });
  });
  const norm = (rows: RadIn[], path: (string | number)[]): Rad[] =>
    rows.map((r, i) => {
      const { värden, rader, ...rest } = r;
      // A spacer row is only air; every other row is read by its label.
      if (r.roll !== 'mellanrum' && r.etikett.trim() === '')
        // Said as a missing field, so that a misspelt "etiket" is reported once, as a typo.
        ctx.addIssue({
          code: 'invalid_type',
          expected: 'string',
          message: 'raden saknar etikett',
          path: [...path, i, 'etikett'],
          input: undefined,
        });
      const fel =
        (r.roll === 'mellanrum' || r.roll === 'text') && (värden !== undefined || rader !== undefined)
          ? [
              'värden',
              `en ${r.roll === 'text' ? 'textrad' : 'mellanrumsrad'} har inga värden eller underrader; ta bort dem eller välj en annan roll`,
            ]
          : undefined;
      if (fel) ctx.addIssue({ code: 'custom', message: fel[1]!, path: [...path, i, fel[0]!], input: r });
      const out: Rad = { ...rest };
      if (värden !== undefined) {
        out.värden = normaliseVärden(värden, ids, (key, message) =>
          ctx.addIssue({ code: 'custom', message, path: [...path, i, 'värden', key], input: värden }),
        );
      }
      if (rader) out.rader = norm(rader, [...path, i, 'rader']);
      return out;
    });
  return { ...t, rader: norm(t.rader, ['rader']) };
});

/** The same figure shown in two tables: checked with unit conversion and rounding. */
export const sambandSchema = z.strictObject({
  rader: z
    .tuple([
      z.string().regex(/^[^/]+\/[^/]+$/, 'förväntade "tabell/rad"'),
      z.string().regex(/^[^/]+\/[^/]+$/, 'förväntade "tabell/rad"'),
    ])
    .describe('Två rader, "tabell/rad", som visar samma belopp.'),
  kolumner: z
    .record(z.string(), z.string())
    .optional()
    .describe('Kolumn i den första tabellen → kolumn i den andra, där de inte har samma id eller samma mått och år.'),
  beskrivning: z.string().optional(),
});

/** A named series of a chart with its own data: one value per category. */
export const serieSchema = z.strictObject({
  id: idSchema.optional().describe('Seriens id i faktanamnet (diagram/kategori/serie); standard: namnet som id.'),
  namn: z.string().min(1).describe('Seriens namn i teckenförklaringen och datatabellen, t.ex. "Utfall 2025".'),
  mått: z.enum(MÅTT).optional().describe('Vad värdena är (utfall, budget …): kontrollerna läser det som en kolumns.'),
  år: årSchema.optional().describe('Året värdena avser: en text som nämner ett annat år stämmer inte mot dem.'),
  värden: z.array(cellSchema).describe('Ett värde per kategori, i kategoriernas ordning; null där värde saknas.'),
});

/**
 * A chart with its own series, not drawn from a placed table: categories and one or more named
 * series with a unit. Compose keeps its data as a table that is not printed (the workbook shows
 * it, the checks read its figures), so everything a table's chart has, this has too.
 */
export const serieDiagramSchema = z
  .strictObject({
    id: idSchema,
    typ: z.enum(DIAGRAMTYPER),
    rubrik: z.string().min(1),
    efter: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Den generiska mallen placerar diagrammet direkt efter texten under denna rubrik; en egen mall med {{diagram "id"}}.',
      ),
    enhet: z.enum(['tkr', 'mnkr', 'mdkr', 'kr', '%', 'antal']),
    decimaler: z.number().int().min(0).max(4).default(0),
    kategorier: z
      .array(z.union([z.string().min(1), z.number()]))
      .min(1)
      .describe('Kategorierna längs axeln, t.ex. [Bibliotek, Fritidsgårdar] eller [2023, 2024, 2025].'),
    serier: z.array(serieSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.kategorier.forEach((k, i) => {
      if (seen.has(String(k)))
        ctx.addIssue({
          code: 'custom',
          message: `kategorin "${k}" står två gånger`,
          path: ['kategorier', i],
          input: k,
        });
      seen.add(String(k));
    });
    const ids = new Set<string>();
    d.serier.forEach((s, si) => {
      if (s.värden.length !== d.kategorier.length)
        ctx.addIssue({
          code: 'custom',
          message: `serien "${s.namn}" har ${s.värden.length} värden men diagrammet har ${d.kategorier.length} kategorier; skriv ett värde per kategori (null där det saknas)`,
          path: ['serier', si, 'värden'],
          input: s.värden,
        });
      const id = s.id ?? s.namn;
      if (ids.has(id))
        ctx.addIssue({
          code: 'custom',
          message: `serien "${s.namn}" har samma namn som en annan serie; ge den ett eget id`,
          path: ['serier', si],
          input: s,
        });
      ids.add(id);
    });
  });

export const tabellerFilSchema = z
  .strictObject({
    $schema: z.string().optional(),
    tabeller: z.array(tabellSchema),
    samband: z.array(sambandSchema).default([]).describe('Rader i olika tabeller som ska visa samma belopp.'),
    diagram: z
      .array(serieDiagramSchema)
      .optional()
      .describe('Diagram med egna serier (kategorier och värden), inte ritade ur en tabell.'),
  })
  .superRefine((f, ctx) => {
    // A chart's data is kept as a table of the chart's id: it must not share an id with a table or another chart.
    const ids = new Set<string>();
    for (const t of f.tabeller) {
      ids.add(t.id);
      for (const d of t.diagram) ids.add(d.id);
    }
    (f.diagram ?? []).forEach((d, di) => {
      if (ids.has(d.id))
        ctx.addIssue({
          code: 'custom',
          message: `id "${d.id}" används redan av en tabell eller ett diagram; ge diagrammet ett eget id`,
          path: ['diagram', di, 'id'],
          input: d.id,
        });
      ids.add(d.id);
    });
  });
export type SerieDiagram = z.output<typeof serieDiagramSchema>;
export type Samband = z.output<typeof sambandSchema>;

export type Tabell = z.output<typeof tabellSchema>;
export type Kolumn = z.output<typeof kolumnSchema>;
export type Regel = z.output<typeof regelSchema>;
