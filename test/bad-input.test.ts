import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCli, CORPUS, ENGLISH, errorLines, prepare, run, warningLines, type Fall } from './support/bad-input.js';

/**
 * The bad-input corpus (test/bad-input/*.json): each case is a change to a copy of the small,
 * valid report in test/fixtures/exempel, the command to run, and what the real CLI must answer:
 * the exit code, the Swedish message at its file:line:column, and how many errors (one, not a
 * cascade). Every case also asserts that no English from a library or the operating system,
 * no stack trace and no internal error (exit 3) reaches the user.
 */

const cases = readdirSync(CORPUS)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((n) => ({ namn: n.replace(/\.json$/, ''), fall: JSON.parse(readFileSync(join(CORPUS, n), 'utf8')) as Fall }));

describe('the bad-input corpus, through the real CLI', () => {
  let js = '';
  beforeAll(() => {
    js = compileCli();
  });
  it('holds at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.concurrent.each(cases)('$namn', async ({ fall }) => {
    const { root, unprivileged } = prepare(fall);
    try {
      const r = await run(root, fall.kommando ?? ['validate', 'exempel-2025'], unprivileged, js);
      const v = fall.väntat;
      expect(r.status, r.out).toBe(v.kod);
      expect(r.out).not.toMatch(ENGLISH);
      const warnings = warningLines(r.out);
      if (v.varning) {
        const w = warnings.find((l) => l.includes(v.varning!));
        expect(w, r.out).toBeDefined();
        if (v.varning_plats) expect(w!.startsWith(`${v.varning_plats} `), w).toBe(true);
      }
      if (v.inga_varningar) expect(warnings, r.out).toEqual([]);
      if (v.utdata) {
        const file = join(root, v.utdata.fil);
        expect(existsSync(file), file).toBe(true);
        const text = readFileSync(file, 'utf8');
        if (v.utdata.saknar) expect(text).not.toContain(v.utdata.saknar);
        if (v.utdata.innehåller) expect(text).toContain(v.utdata.innehåller);
      }
      const errors = errorLines(r.out);
      if (v.meddelande === undefined) {
        expect(errors, r.out).toEqual([]);
        return;
      }
      expect(errors.length, r.out).toBe(v.antal_fel ?? 1);
      const line = errors.find((l) => l.includes(v.meddelande!));
      expect(line, r.out).toBeDefined();
      if (v.plats) expect(line!.startsWith(v.plats.includes(':') ? `${v.plats} ` : `${v.plats}:`), line).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
