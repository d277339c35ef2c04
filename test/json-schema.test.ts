import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMAS, jsonSchemaOf } from '../src/schema/json-schema.js';
import { ALL_REPORTS, ROOT } from './support/project.js';

const FILES: Record<string, string> = {
  'rapport.schema.json': 'rapport.yaml',
  'tabeller.schema.json': 'tabeller.yaml',
  'mal.schema.json': 'mal.yaml',
  'uppdrag.schema.json': 'uppdrag.yaml',
  'uppgifter.schema.json': 'uppgifter.yaml',
  'profil.schema.json': 'profil.yaml',
};

describe('JSON Schema for editors', () => {
  it.each(Object.keys(JSON_SCHEMAS))('data/schema/%s is generated from the zod schema (run npm run schema)', (file) => {
    const committed = readFileSync(join(ROOT, 'data', 'schema', file), 'utf8');
    expect(committed).toBe(
      jsonSchemaOf(JSON_SCHEMAS[file as keyof typeof JSON_SCHEMAS], `kommunrapport: ${FILES[file]}`),
    );
  });

  it.each(ALL_REPORTS)('the bundled data of %s passes the JSON Schema, and a bad cell does not', (report) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const [schemaFile, dataFile] of Object.entries(FILES)) {
      // uppgifter.yaml and a report's own profil.yaml are optional.
      if (!existsSync(join(ROOT, 'data', report, dataFile))) continue;
      const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'data', 'schema', schemaFile), 'utf8')));
      const data = parse(readFileSync(join(ROOT, 'data', report, dataFile), 'utf8'));
      const ok = validate(JSON.parse(JSON.stringify(data)));
      expect(validate.errors ?? [], `${report}/${dataFile}`).toEqual([]);
      expect(ok).toBe(true);
    }
    const t = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'data', 'schema', 'tabeller.schema.json'), 'utf8')));
    expect(
      t({
        tabeller: [
          {
            id: 'x',
            rubrik: 'X',
            typ: 'övrig',
            enhet: 'tkr',
            kolumner: [{ id: 'a', rubrik: 'A', mått: 'budget' }],
            rader: [{ id: 'r', etikett: 'R', värden: [{ tal: 'tolv' }] }],
          },
        ],
      }),
    ).toBe(false);
  });

  it('every kommun profile under data/profiler passes its JSON Schema, and a bad colour does not', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync(join(ROOT, 'data', 'schema', 'profil.schema.json'), 'utf8')),
    );
    const profiler = readdirSync(join(ROOT, 'data', 'profiler')).filter((f) => f.endsWith('.yaml'));
    expect(profiler).toContain('norrviks-kommun.yaml');
    for (const f of profiler) {
      validate(JSON.parse(JSON.stringify(parse(readFileSync(join(ROOT, 'data', 'profiler', f), 'utf8')))));
      expect(validate.errors ?? [], f).toEqual([]);
    }
    expect(validate({ utseende: { färger: { rubrik: 'grön' } } })).toBe(false);
  });
});
