import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/runner/build-report.js';
import { FORMATS } from '../src/runner/formats.js';
import { ALL_REPORTS, PATHS, ROOT } from './support/project.js';

/**
 * Every output of every bundled report, byte for byte, against the SHA-256 sums recorded in
 * test/fixtures/utdata-sha256.json. A restructure that changes no behaviour must leave them all
 * equal; a change that is meant to change an output updates the file (run this test with
 * UPPDATERA_UTDATA=1) and says in its commit which outputs changed and why.
 */
const FILE = join(ROOT, 'test', 'fixtures', 'utdata-sha256.json');
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('the bundled reports give the recorded bytes', () => {
  it('in every format', async () => {
    const now: Record<string, string> = {};
    for (const id of ALL_REPORTS) {
      const r = await buildReport(
        PATHS,
        id,
        { formats: [...FORMATS], strict: false, pdfa: false, tyst: true },
        () => {},
      );
      expect(r.failed, id).toBe(false);
      for (const o of r.outputs ?? []) now[`${id}/${o.namn}`] = sha(o.bytes);
    }
    if (process.env.UPPDATERA_UTDATA === '1') writeFileSync(FILE, `${JSON.stringify(now, null, 2)}\n`);
    const recorded = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, string>;
    expect(now).toEqual(recorded);
  }, 300_000);
});
