import { describe, expect, it } from 'vitest';
import { roundedDigits, roundHalfAway } from '../src/core/format/number.js';
import { labelStems, stemIn } from '../src/check/text/context.js';
import { StemIndex } from '../src/check/text/stem-index.js';
import { loadAndCompose } from '../src/pipeline.js';
import { PATHS, REPORTS } from './support/project.js';

const namedBy = (index: StemIndex<string>, text: string): Set<string> => {
  const out = new Set<string>();
  index.named(text, (x) => out.add(x));
  return out;
};

describe('the stem index (which rows a text can name, in one pass)', () => {
  const index = new StemIndex<string>([
    [['investeringar'], 'Investeringar'],
    [['staben'], 'Staben'],
    [['a'], 'Stab A'],
    [['överförmyn', 'nämnd'], 'Överförmyndarnämnden'],
  ]);

  it('finds a long stem inside a compound, a short one only where a word starts', () => {
    expect(namedBy(index, 'nettoinvesteringarna ökar')).toEqual(new Set(['Investeringar']));
    expect(namedBy(index, 'planeringsstaben')).toEqual(new Set());
    expect(namedBy(index, 'staben och överförmyndaren')).toEqual(new Set(['Staben', 'Överförmyndarnämnden']));
    expect(namedBy(index, '(stab a)')).toEqual(new Set(['Stab A']));
  });

  it('always names an item whose stem is not letters and digits only', () => {
    const odd = new StemIndex<string>([[['i\u0307nkomst'], 'odd']]);
    expect(namedBy(odd, 'ingenting här')).toEqual(new Set(['odd']));
  });

  // What it leaves out must be named nowhere by `stemIn`, the test the mentions use: checked on
  // every paragraph and heading of the bundled reports against every row's stems.
  it.each(REPORTS)('finds every row stemIn finds, in %s', (id) => {
    const d = loadAndCompose(PATHS, id).dokument!;
    const labels = [...new Set([...d.fakta.values()].map((f) => f.radEtikett))];
    const stems = new Map(labels.map((l) => [l, labelStems(l)]));
    const idx = new StemIndex([...stems].map(([l, s]) => [s, l] as const));
    let checked = 0;
    for (const p of d.textstycken)
      for (const text of [p.text.toLowerCase(), p.rubriker.join(' ').toLowerCase()]) {
        const found = namedBy(idx, text);
        for (const [label, s] of stems)
          if (s.some((st) => stemIn(st, text))) {
            expect(found.has(label), `${label} in "${text.slice(0, 80)}"`).toBe(true);
            checked++;
          }
      }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('rounding without digit strings', () => {
  // The slow path: the decimal digits, rounded, parsed back.
  const byDigits = (v: number, d: number): number => {
    const r = roundedDigits(v, d);
    const n = Number(`${r.neg ? '-' : ''}${r.int}${r.frac ? `.${r.frac}` : ''}`);
    return n === 0 ? 0 : n;
  };
  it('gives what the digits give, halves and near-halves included', () => {
    const values = [30.15, 1.005, 2.675, -0.25, -2.5, 0.5, -0.04, 999.95, 0.125, 1e-7, 4503599627370495.5];
    // A fixed pseudo-random walk (no Math.random: the same values every run).
    let x = 12345;
    const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 20000; i++) {
      const d = next() % 5;
      const base = next() % 10 ** (1 + (next() % 8));
      values.push(base / 10 ** d, (base + 0.5) / 10 ** (d + 1), -(base + 0.5) / 10 ** d, base / 7000, base * 1.0000001);
    }
    const differ: string[] = [];
    for (const v of values)
      for (const d of [0, 1, 2, 3, 6]) if (!Object.is(roundHalfAway(v, d), byDigits(v, d))) differ.push(`${v} to ${d}`);
    expect(values.length).toBeGreaterThan(100000);
    expect(differ).toEqual([]);
  });
});
