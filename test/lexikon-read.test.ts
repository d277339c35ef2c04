import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { standardLexikon } from '../src/check/lexikon.js';
import { lexikonSchema } from '../src/schema/lexikon.js';
import { ROOT } from './support/project.js';

describe('the default lexicon', () => {
  it('is read by js-yaml (fast, in every cold build) to what YAML 1.2 (the yaml package) reads', () => {
    const text = readFileSync(join(ROOT, 'src', 'check', 'lexikon', 'standard.yaml'), 'utf8');
    const lex = standardLexikon();
    expect(lex).toEqual(lexikonSchema.parse(parse(text)));
    // Not an empty read: the measures and number words are there.
    expect(Object.keys(lex.talord).length).toBeGreaterThan(5);
  });
});
