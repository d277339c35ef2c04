import { z } from 'zod';
import { cellInput, cellSchema } from './cell.js';
import { målFilSchema } from './mal.js';
import { rapportSchema } from './rapport.js';
import { tabellerFilSchema } from './tabell.js';
import { uppdragFilSchema } from './uppdrag.js';
import { uppgifterFilSchema } from './uppgifter.js';
import { profilSchema } from './profil.js';

/** The data files' JSON Schemas, generated from the zod schemas so editors complete and check YAML. */
export const JSON_SCHEMAS = {
  'rapport.schema.json': rapportSchema,
  'tabeller.schema.json': tabellerFilSchema,
  'mal.schema.json': målFilSchema,
  'uppdrag.schema.json': uppdragFilSchema,
  'uppgifter.schema.json': uppgifterFilSchema,
  'profil.schema.json': profilSchema,
} as const;

export function jsonSchemaOf(schema: z.ZodType, title: string): string {
  const cellJson = z.toJSONSchema(cellInput, { io: 'input', unrepresentable: 'any' });
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
    override: (ctx) => {
      // A cell is validated by a transform; show editors the forms it accepts instead of "anything".
      if (ctx.zodSchema === cellSchema) {
        const { $schema: _ignored, ...rest } = cellJson as Record<string, unknown>;
        Object.assign(ctx.jsonSchema, rest);
      }
    },
  });
  return `${JSON.stringify({ title, ...json }, null, 2)}\n`;
}
