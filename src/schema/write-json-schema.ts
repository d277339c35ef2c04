import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMAS, jsonSchemaOf } from './json-schema.js';

const dir = join(process.cwd(), 'data', 'schema');
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
  writeFileSync(join(dir, file), jsonSchemaOf(schema, `kommunrapport: ${file.replace('.schema.json', '.yaml')}`));
  console.log(`skrev data/schema/${file}`);
}
