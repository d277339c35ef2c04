import { z } from 'zod';
import { idSchema, årSchema } from './common.js';

export const UPPGIFT_ENHETER = ['kr', 'tkr', 'mnkr', 'mdkr', '%'] as const;

/**
 * A figure the narrative quotes that stands in no table of the report: a decision, a budget
 * assumption, a figure from another document. Declared here with its source, it becomes a fact
 * like a table cell: the check verifies the text against it and the workbook lists it.
 */
export const uppgiftSchema = z.strictObject({
  id: idSchema,
  namn: z.string().min(1).describe('Vad uppgiften är, med de ord texten använder, t.ex. "Priskompensation".'),
  värde: z.number().describe('Värdet som det publiceras, med decimalerna som de skrivs (2.5, 3.0).'),
  enhet: z.enum(UPPGIFT_ENHETER),
  år: årSchema.optional().describe('Året uppgiften avser, om den avser ett år.'),
  mått: z.string().optional().describe('Som en tabellkolumns mått: budget, utfall, prognos, avvikelse, ram …'),
  källa: z.string().min(1).describe('Var uppgiften kommer från: beslut, dokument eller system, så att den kan spåras.'),
});

export const uppgifterFilSchema = z.strictObject({
  $schema: z.string().optional(),
  uppgifter: z.array(uppgiftSchema),
});

export type Uppgift = z.output<typeof uppgiftSchema>;
export type UppgifterFil = z.output<typeof uppgifterFilSchema>;
