import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import type { Dokument } from '../src/core/model/dokument.js';
import type { Kontrollresultat } from '../src/core/model/kontroll.js';
import { projectPaths, type ProjectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { joinLexikon } from '../src/profil/lexikon.js';
import { mutateCells, mutateText, shares } from './support/mutation.js';
import { PATHS, ROOT, scratchProject } from './support/project.js';

/**
 * Two reports of a fictional kommun written from scratch (test/fixtures/sjobacka, see its
 * README): a budgetförslag and a månadsrapport, with a kommun lexicon in the profile, figures in
 * a caption and a chart title, and deliberate errors the checks must find — and nothing else.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'sjobacka');
const paths = (root: string): ProjectPaths => ({ ...projectPaths(root), templates: PATHS.templates });
const load = (id: string, root = FIXTURE): Dokument => {
  const c = loadAndCompose(paths(root), id);
  expect(c.diagnostics.filter((x) => x.allvarlighet === 'fel')).toEqual([]);
  return c.dokument!;
};
const budget = load('sjob-budget-2027');
const månad = load('sjob-manad-2026-10');
const kb = runChecks(budget);
const km = runChecks(månad);
const verdict = (k: Kontrollresultat, text: string): string[] =>
  k.belopp.filter((b) => b.text === text).map((b) => `${b.verdikt} ${b.fakta[0] ?? ''}`);
const findings = (k: Kontrollresultat, level: 'fel' | 'varning'): string[] =>
  k.fynd
    .filter((f) => f.allvarlighet === level)
    .map((f) => `${f.plats?.fil.split('/').pop()}:${f.plats?.rad} ${f.regel} ${f.meddelande.split(' ')[0]}`);

describe('a kommun lexicon in the profile', () => {
  it("is read from the file the profile names, and the kommun's words name rows", () => {
    expect(budget.lexikon?.alias).toEqual({
      'gatuenhet*': ['Gator och vägar'],
      'parkenhet*': ['Parker och grönytor'],
    });
    expect(månad.lexikon?.mått).toEqual({ prognos: ['helårsbedömning*'] });
    // "Gatuenheten får 50,1 mnkr": only the profile's alias names Gator och vägar.
    expect(verdict(kb, '50,1 mnkr')).toEqual(['stämmer drift/gator/budget_2027']);
  });

  it("can be written in the profile itself, and the report's lexikon.yaml extends it", () => {
    const p = scratchProject();
    cpSync(FIXTURE, p.root, { recursive: true });
    writeFileSync(
      join(p.data, 'profiler', 'sjobacka-kommun.yaml'),
      'namn: Sjöbacka kommun\nlexikon:\n  alias:\n    gatuenhet*: [Gator och vägar]\n',
    );
    writeFileSync(join(p.data, 'sjob-budget-2027', 'lexikon.yaml'), 'alias:\n  gatuenhet*: [Parker och grönytor]\n');
    const d = load('sjob-budget-2027', p.root);
    expect(d.lexikon?.alias).toEqual({ 'gatuenhet*': ['Gator och vägar', 'Parker och grönytor'] });
  });

  it('a lexicon file that does not exist is an error at the profile line naming it', () => {
    const p = scratchProject();
    cpSync(FIXTURE, p.root, { recursive: true });
    writeFileSync(join(p.data, 'profiler', 'sjobacka-kommun.yaml'), 'namn: Sjöbacka kommun\nlexikon: saknas.yaml\n');
    const c = loadAndCompose(paths(p.root), 'sjob-budget-2027');
    expect(c.diagnostics.filter((x) => x.allvarlighet === 'fel').map((x) => [x.plats?.fil, x.plats?.rad])).toEqual([
      ['data/profiler/sjobacka-kommun.yaml', 2],
    ]);
    expect(c.diagnostics[0]?.meddelande).toContain('lexikonet data/profiler/saknas.yaml finns inte');
  });

  it('joins two additions: lists joined, maps merged, the later one winning', () => {
    expect(
      joinLexikon(
        { summaord: ['i allt'], relativa_år: { ifjol: -1 } },
        { summaord: ['totalt'], relativa_år: { ifjol: -2 } },
      ),
    ).toMatchObject({ summaord: ['i allt', 'totalt'], relativa_år: { ifjol: -2 } });
  });
});

describe('captions and chart titles are checked text, at their YAML line', () => {
  it('confirms a chart title quoting its table, and finds a wrong one', () => {
    expect(kb.belopp.find((b) => b.plats.fil.endsWith('tabeller.yaml'))).toMatchObject({
      text: '37,9 mnkr',
      verdikt: 'stämmer',
      plats: { fil: 'data/sjob-budget-2027/tabeller.yaml', rad: 24 },
    });
    expect(verdict(km, '716,0 mnkr')).toEqual(['motsäger drift/summa/budget_2026']);
  });
});

describe('the deliberate errors of the two reports, and no other', () => {
  it('budgetförslag: a row of a two-row sentence, judged in the column its sibling figure was confirmed in; a total', () => {
    expect(findings(kb, 'fel')).toEqual([
      '01-ekonomi.md:7 text-mot-tabell "22,5',
      '01-ekonomi.md:15 text-mot-tabell "28,7',
    ]);
    expect(verdict(kb, '22,5 mnkr')).toEqual(['motsäger drift/parker/budget_2027']);
    expect(findings(kb, 'varning')).toEqual([]);
  });

  it('månadsrapport: a digit, a sign word, a chart title and a goal analysis; a part and an outside figure stay unverified', () => {
    expect(findings(km, 'fel')).toEqual([
      '01-ekonomi.md:9 text-mot-tabell "4,7',
      '01-ekonomi.md:11 text-tecken "0,5',
      'mal.yaml:21 text-mot-tabell "91',
      'tabeller.yaml:27 text-mot-tabell "716,0',
    ]);
    // A total whose only subject is the nämnd is its table's sum row.
    expect(verdict(km, '11,9 mnkr')).toEqual(['stämmer drift/summa/avvikelse']);
    // "beror främst på … omkring 6,2 mnkr" is a part of the row's deficit, not a contradiction of it.
    expect(findings(km, 'varning')).toEqual([
      '01-ekonomi.md:15 ej-verifierbar "3,0',
      'tabeller.yaml:23 ej-verifierbar "omkring',
    ]);
  });
});

describe('a table repeated under another id', () => {
  it('changes no verdict: its cells are offered once', () => {
    const copy = budget.tabeller.map((t) => ({ ...t, id: `${t.id}-kopia` }));
    const fakta = new Map(budget.fakta);
    for (const f of budget.fakta.values())
      if (f.tabell !== 'mål')
        fakta.set(`${f.tabell}-kopia/${f.rad}/${f.kolumn}`, { ...f, tabell: `${f.tabell}-kopia` });
    const twice = runChecks({ ...budget, tabeller: [...budget.tabeller, ...copy], fakta });
    expect(twice.belopp.map((b) => `${b.text} ${b.verdikt} ${b.fakta[0]}`)).toEqual(
      kb.belopp.map((b) => `${b.text} ${b.verdikt} ${b.fakta[0]}`),
    );
  });
});

describe('the mutation harness on reports it was not written for', () => {
  it('reports every rule-cell mutation and most text mutations, and silently accepts none', () => {
    const text = shares([...mutateText(budget), ...mutateText(månad)]);
    const cells = shares([...mutateCells(budget), ...mutateCells(månad)]);
    expect(cells.fel).toBe(1);
    expect(text.antal).toBeGreaterThan(50);
    // Measured with npm run mutation -- --rapport test/fixtures/sjobacka (README, "Measured by mutation").
    expect(text.fel).toBeGreaterThanOrEqual(0.95);
    expect(text.tyst).toBeLessThanOrEqual(0.02);
  });
});
