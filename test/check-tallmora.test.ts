import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import { lexikonFor } from '../src/check/lexikon.js';
import { namedPairs } from '../src/check/rules/text-mot-tabell/relations.js';
import type { Dokument, TabellBlock } from '../src/core/model/dokument.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { mutateText, shares } from './support/mutation.js';
import { PATHS, ROOT } from './support/project.js';

/**
 * A tertialrapport of a fictional kommun written from scratch (test/fixtures/tallmora, see its
 * README): changes between years and against the budget, percentages and percentage points, a
 * range, and three deliberate errors the checks must find — and nothing else.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'tallmora');
const c = loadAndCompose({ ...projectPaths(FIXTURE), templates: PATHS.templates }, 'tallm-tertial-2027');
const d: Dokument = c.dokument!;
const k = runChecks(d);
/** Messages print thousands with a no-break space; compared here with a plain one. */
const plain = (s: string): string => s.replace(/\u00a0/g, ' ');
const verdict = (text: string): string[] =>
  k.belopp.filter((b) => b.text === text).map((b) => `${b.verdikt} ${b.fakta.join(' ')}`);

describe('an outsider report: Tallmora kommun, tertialrapport april 2027', () => {
  it('loads without errors', () => {
    expect(c.diagnostics.filter((x) => x.allvarlighet === 'fel')).toEqual([]);
  });

  it('finds exactly the three deliberate errors, at their file, line and column, naming both cells of a change', () => {
    const fel = k.fynd
      .filter((f) => f.allvarlighet === 'fel')
      .map(
        (f) => `${f.plats?.fil.split('/').pop()}:${f.plats?.rad}:${f.plats?.kolumn} ${f.regel} ${plain(f.meddelande)}`,
      );
    expect(fel).toEqual([
      '02-ekonomi.md:7:29 text-mot-tabell "0,4 mnkr" motsäger driftsammandrag: "Kulturskola", förändring från Utfall jan–apr 2026 (8 230) till Utfall jan–apr 2027 (8 420) = 190 tkr (≈ 0,2 mnkr)',
      '02-ekonomi.md:7:109 text-mot-tabell "24,8 mnkr" motsäger driftsammandrag: "Kulturskola", Prognos 2027 = 24 500 tkr (≈ 24,5 mnkr)',
      '02-ekonomi.md:11:121 text-tecken "0,1 mnkr" beskrivs som en ökning (högre, mer), men driftsammandrag: "Fritidsgårdar", förändring från Budget 2027 (15 600) till Prognos 2027 (15 500) = −100 tkr',
    ]);
    expect(k.fynd.find((f) => f.meddelande.startsWith('"0,4 mnkr"'))?.fakta).toEqual([
      'driftsammandrag/kulturskola/utfall_2026',
      'driftsammandrag/kulturskola/utfall_2027',
    ]);
  });

  it('confirms a correct change with both cells as evidence', () => {
    // Two part-year columns: 46 220 − 44 900 = 1 320 tkr, printed as 1,3 mnkr.
    expect(verdict('1,3 mnkr')).toEqual([
      'stämmer driftsammandrag/summa/utfall_2026 driftsammandrag/summa/utfall_2027',
    ]);
    // In percent of the earlier cell: 490 / 12 460 = 3,9 %, printed as 4 procent.
    expect(verdict('4 procent')).toEqual([
      'stämmer driftsammandrag/bibliotek/utfall_2026 driftsammandrag/bibliotek/utfall_2027',
    ]);
    expect(verdict('0,8 mnkr')).toEqual([
      'stämmer driftsammandrag/idrott/utfall_2026 driftsammandrag/idrott/utfall_2027',
    ]);
    // "minskade … jämfört med samma period föregående år": the report year less one.
    expect(verdict('150 tkr')).toEqual([
      'stämmer driftsammandrag/fritidsgardar/utfall_2026 driftsammandrag/fritidsgardar/utfall_2027',
    ]);
    expect(verdict('0,6 procentenheter')).toEqual([
      'stämmer personal/sjukfranvaro/jan_apr_2026 personal/sjukfranvaro/jan_apr_2027',
    ]);
  });

  it('gives a level before a comparison its own year, not the compared one', () => {
    // "Sjukfrånvaron sjönk till 6,5 % under perioden, 0,6 procentenheter lägre än samma period 2026."
    expect(verdict('6,5 %')).toEqual(['stämmer personal/sjukfranvaro/jan_apr_2027']);
  });

  it('confirms both ends of a range, and leaves a figure from outside the tables unverifiable, not wrong', () => {
    expect(verdict('2 %')).toEqual(['stämmer uppgifter/avgifter-lagst/värde']);
    expect(verdict('4 %')).toEqual(['stämmer uppgifter/avgifter-hogst/värde']);
    // "Nämnden har dessutom sökt ett statsbidrag på 0,7 mnkr": the nämnd is the subject, not the claim.
    expect(verdict('0,7 mnkr')).toEqual(['ej verifierbar driftsammandrag/summa/avvikelse_2027']);
  });

  it("reads a qualified value's year from avser: a sentence naming that year quotes it, one naming another does not", () => {
    // "{tal: 44, referensår: 2025}" in the 2026 column; the analysis says the survey was made 2025.
    expect(verdict('44 procent')).toEqual(['stämmer mål/bibliotek-andel/utfall_2026']);
    expect(k.belopp.find((b) => b.text === '44 procent')?.kommentar).toContain('(avser 2025)');
    const p = d.textstycken.find((x) => x.text.includes('gjordes 2025'))!;
    const other = { ...p, text: p.text.replace('gjordes 2025', 'gjordes 2026') };
    const k2 = runChecks({ ...d, textstycken: d.textstycken.map((x) => (x === p ? other : x)) });
    expect(k2.belopp.find((b) => b.text === '44 procent')?.verdikt).not.toMatch(/^stämmer/);
  });

  it('a wrong direction of a year-on-year change is a sign error', () => {
    const p = d.textstycken.find((x) => x.text.includes('ökade nettokostnaden med 1,3 mnkr'))!;
    const flipped = { ...p, text: p.text.replace('ökade nettokostnaden', 'minskade nettokostnaden') };
    const k2 = runChecks({ ...d, textstycken: d.textstycken.map((x) => (x === p ? flipped : x)) });
    expect(k2.fynd.filter((f) => f.regel === 'text-tecken').map((f) => plain(f.meddelande))).toContainEqual(
      '"1,3 mnkr" beskrivs som en minskning (lägre, mindre), men driftsammandrag: "Summa nämnden", förändring från Utfall jan–apr 2026 (44 900) till Utfall jan–apr 2027 (46 220) = 1 320 tkr',
    );
  });

  it('a range end moved onto the other end contradicts the lowest of the named candidates', () => {
    const p = d.textstycken.find((x) => x.text.includes('mellan 2 % och 4 %'))!;
    const moved = { ...p, text: p.text.replace('mellan 2 % och 4 %', 'mellan 4 % och 4 %') };
    const k2 = runChecks({ ...d, textstycken: d.textstycken.map((x) => (x === p ? moved : x)) });
    expect(k2.belopp.filter((b) => b.text === '4 %').map((b) => [b.verdikt, b.fakta.join()])).toEqual([
      ['motsäger', 'uppgifter/avgifter-lagst/värde'],
      ['stämmer', 'uppgifter/avgifter-hogst/värde'],
    ]);
  });

  it('mutated figures: most reported as errors, none silently accepted', () => {
    const s = shares(mutateText(d));
    // Measured with npm run mutation -- --rapport test/fixtures/tallmora (README, "Measured by mutation").
    expect(s.antal).toBeGreaterThan(40);
    expect(s.fel).toBeGreaterThanOrEqual(0.95);
    expect(s.tyst).toBe(0);
  });
});

describe('which two columns a sentence about a change compares', () => {
  const t = d.tabeller.find((x) => x.id === 'driftsammandrag') as TabellBlock;
  const lex = lexikonFor();
  const pairs = (years: number[], measures: string[]): string[] =>
    namedPairs(t, new Set(years), new Set(measures), 2027).map((p) => `${p.kind} ${p.from.id}→${p.to.id}`);

  it('a year named: that year against the report year, like with like (part-year with part-year)', () => {
    expect(pairs([2026], [])).toEqual(['år utfall_2026→utfall_2027']);
    // Two years named: the earlier against the later.
    expect(pairs([2026, 2027], ['utfall'])).toEqual(['år utfall_2026→utfall_2027']);
  });

  it('a budget named: the outcome or prognos of its year against it', () => {
    expect(pairs([], ['budget', 'plan'])).toEqual(['budget budget_2027→prognos_2027']);
    expect(lex.jämförelseEfter.exec(' lägre än budget')?.[1]).toBe('lägre än');
  });
});
