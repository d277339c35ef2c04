import { z } from 'zod';
import { idSchema } from './common.js';

export const UPPDRAGSTYPER = ['kommungemensamt', 'nämndspecifikt', 'nämnduppdrag', 'förvaltningsuppdrag'] as const;
export const STATUSAR = [
  'pågår',
  'kvarstår',
  'genomfört',
  'ej påbörjat',
  'avslutat',
  'delvis genomfört',
  'ej genomfört',
] as const;

/** Columns an uppdrag list may choose to show. */
export const UPPDRAGSKOLUMNER = ['riktat_till', 'status', 'kommentar'] as const;

export const uppdragSchema = z.strictObject({
  nummer: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'Uppdragets nummer; utan nummer (i hela listan) blir listan en punktlista, eller en tabell utan kolumnen Nr.',
    ),
  text: z.string().min(1),
  riktat_till: z.string().optional().describe('Vem uppdraget riktas till, t.ex. "Samtliga nämnder".'),
  not: z.string().optional().describe('T.ex. "Hanteras i Leanlinks förvaltningsbudget och verksamhetsplan."'),
  status: z
    .string()
    .min(1)
    .optional()
    .describe(
      `I en uppföljning: uppdragets status, ett av profilens statusord (standard: ${STATUSAR.join(', ')}) eller fri text om profilen tillåter det.`,
    ),
  kommentar: z.string().optional().describe('I en delårsrapport: kommentar till status.'),
  granska: z
    .boolean()
    .optional()
    .describe(
      'Överfört från förra årets rapport och inte granskat ännu (sätts av `ny`; ta bort när uppdraget är granskat).',
    ),
});

export const uppdragslistaSchema = z.strictObject({
  id: idSchema,
  rubrik: z.string().min(1),
  typ: z.enum(UPPDRAGSTYPER),
  efter: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Den generiska mallen placerar listan direkt efter texten under denna rubrik; utan efter hamnar den under rubriken Uppdrag.',
    ),
  visa: z
    .array(z.enum(UPPDRAGSKOLUMNER))
    .optional()
    .describe(
      'Kolumnerna listan visas med, efter Nr och Uppdrag, t.ex. [riktat_till, status, kommentar]; standard: en numrerad lista, eller status och kommentar i en uppföljning.',
    ),
  uppdrag: z.array(uppdragSchema),
});

export const uppdragFilSchema = z.strictObject({
  $schema: z.string().optional(),
  listor: z.array(uppdragslistaSchema),
});

export type UppdragFil = z.output<typeof uppdragFilSchema>;
