import { runChecks } from '../src/check/index.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runNy } from '../src/cli/commands/ny.js';
import type { ProjectPaths } from '../src/load/load-report.js';
import type { Dokument } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { flyttaDatum, flyttaÅrIText } from '../src/rollforward/ar.js';
import { rullaFram, RullaFramFel, UTKAST_MARKÖR, UTKAST_MÖNSTER, utkastMarkering } from '../src/rollforward/index.js';
import { flyttaKolumner } from '../src/rollforward/kolumner.js';
import { rullaText } from '../src/rollforward/text.js';
import type { Cell } from '../src/schema/cell.js';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { scratchProject, writeFile } from './support/project.js';
import { fångaKonsol, utskrift } from './support/console.js';

const konsol = fångaKonsol();

/** Runs `ny` outside a test (while a describe block is collected) without printing. */
function tystNy(...args: Parameters<typeof runNy>): number {
  const l = vi.spyOn(console, 'log').mockImplementation(() => {});
  const e = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return runNy(...args);
  } finally {
    l.mockRestore();
    e.mockRestore();
  }
}

/** Every file under the report's two folders with its text and mtime. */
function ögonblick(paths: ProjectPaths, id: string): Record<string, string> {
  const ut: Record<string, string> = {};
  for (const dir of [join(paths.data, id), join(paths.content, id)]) {
    if (!existsSync(dir)) continue;
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      ut[p] = `${statSync(p).mtimeMs}\n${readFileSync(p, 'utf8')}`;
    }
  }
  return ut;
}

function tillfälligaMappar(paths: ProjectPaths): string[] {
  return [paths.data, paths.content].flatMap((d) => readdirSync(d).filter((n) => n.startsWith('.')));
}

function komponerad(paths: ProjectPaths, id: string): Dokument {
  const v = loadAndValidate(paths, id);
  expect(v.diagnostics.filter((d) => d.allvarlighet === 'fel')).toEqual([]);
  const c = loadAndCompose(paths, id);
  expect(c.diagnostics.filter((d) => d.allvarlighet === 'fel')).toEqual([]);
  expect(c.dokument).toBeDefined();
  return c.dokument!;
}

/** The cell of a table row by row id and column id. */
function cell(d: Dokument, tabell: string, rad: string, kolumn: string): Cell | undefined {
  return d.fakta.get(`${tabell}/${rad}/${kolumn}`)?.cell;
}
const tal = (c: Cell | undefined): number | null | undefined =>
  c === undefined ? undefined : c.typ === 'tal' ? c.tal : c.typ === 'tom' ? null : undefined;
const kolumnIds = (d: Dokument, tabell: string): string[] =>
  d.tabeller.find((t) => t.id === tabell)!.kolumner.map((k) => k.id);

describe('ny: ks-internbudget-2024 → ks-internbudget-2025', () => {
  const paths = scratchProject(['ks-internbudget-2024']);
  const kod = tystNy(paths.root, 'ks-internbudget-2025', { från: 'ks-internbudget-2024' });

  it('exits 0 and writes both folders', () => {
    expect(kod).toBe(0);
    expect(readdirSync(join(paths.data, 'ks-internbudget-2025')).sort()).toEqual([
      'mal.yaml',
      'rapport.yaml',
      'tabeller.yaml',
      'uppdrag.yaml',
      'uppgifter.yaml',
    ]);
    // Uppgifter state their own year and source: copied as they are.
    expect(readFileSync(join(paths.data, 'ks-internbudget-2025', 'uppgifter.yaml'), 'utf8')).toBe(
      readFileSync(join(paths.data, 'ks-internbudget-2024', 'uppgifter.yaml'), 'utf8'),
    );
    expect(readdirSync(join(paths.content, 'ks-internbudget-2025'))).toHaveLength(8);
    expect(tillfälligaMappar(paths)).toEqual([]);
  });

  it('validates and composes', () => {
    komponerad(paths, 'ks-internbudget-2025');
  });

  it('moves the manifest one year: id, budgetår, planår, titel, status, datum', () => {
    const r = loadAndValidate(paths, 'ks-internbudget-2025').rapport!;
    expect(r.id).toBe('ks-internbudget-2025');
    expect(r.budgetår).toBe(2025);
    expect(r.planår).toEqual({ från: 2026, till: 2030 });
    expect(r.titel).toBe('Kommunstyrelsens internbudget för 2025 med plan för 2026-2030');
    expect(r.status).toBe('utkast');
    expect(r.datum).toBe('2024-11-30');
    expect(r.accepterade).toEqual([]);
    expect(r.bilagor).toHaveLength(12);
    expect(r.underskrifter.map((u) => u.namn)).toEqual(['Kristina Edlund', 'Niklas Borg']);
    const text = readFileSync(join(paths.data, 'ks-internbudget-2025', 'rapport.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/rapport.schema.json');
    expect(text).toContain('# Publikationen anger inget datum');
  });

  it('moves the columns: last year’s budget is the comparison, last year’s plan the draft budget', () => {
    const d = komponerad(paths, 'ks-internbudget-2025');
    expect(kolumnIds(d, 'driftsammandrag')).toEqual([
      'utfall_2023',
      'budget_2024',
      'budget_2025',
      'plan_2026',
      'plan_2027',
      'plan_2028',
      'plan_2029',
      'plan_2030',
    ]);
    const t = d.tabeller.find((x) => x.id === 'driftsammandrag')!;
    expect(t.kolumner.map((k) => k.rubrik)).toEqual([
      'Utfall 2023',
      'Budget 2024',
      'Budget 2025',
      'Plan 2026',
      'Plan 2027',
      'Plan 2028',
      'Plan 2029',
      'Plan 2030',
    ]);
    expect(t.kolumner.map((k) => [k.mått, k.år])).toEqual([
      ['utfall', 2023],
      ['budget', 2024],
      ['budget', 2025],
      ['plan', 2026],
      ['plan', 2027],
      ['plan', 2028],
      ['plan', 2029],
      ['plan', 2030],
    ]);
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'budget_2025'))).toBe(673.7); // was plan_2025
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'budget_2024'))).toBe(666.8); // was budget_2024
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'plan_2026'))).toBe(680.0);
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'utfall_2023'))).toBeNull(); // not known: blank
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'plan_2030'))).toBeNull(); // no plan yet: blank
    // Decimals as written survive: 680.0 still prints with one decimal.
    expect(d.fakta.get('driftsammandrag/summa/plan_2026')!.decimaler).toBe(1);
    // A table without a comparison column keeps its structure: the plan becomes the budget.
    expect(kolumnIds(d, 'ekonomi')).toEqual([
      'budget_2025',
      'plan_2026',
      'plan_2027',
      'plan_2028',
      'plan_2029',
      'plan_2030',
    ]);
    expect(tal(cell(d, 'ekonomi', 'nettokostnader_ks_klf', 'budget_2025'))).toBe(673.7);
    // Verksamhetsområde tables had no plan: last year's budget moves to the comparison column, the new budget is blank.
    expect(kolumnIds(d, 'vo-kommunstyrelsen')).toEqual(['budget_2024', 'budget_2025']);
    expect(tal(cell(d, 'vo-kommunstyrelsen', 'summa', 'budget_2024'))).toBe(30164);
    expect(tal(cell(d, 'vo-kommunstyrelsen', 'summa', 'budget_2025'))).toBeNull();
    // Row structure, ids, labels and footnotes stay.
    const rader = (id: string, dd: Dokument) =>
      dd.tabeller.find((x) => x.id === id)!.rader.map((r) => [r.id, r.etikett, r.roll, r.fotnoter]);
    const gammal = komponerad(paths, 'ks-internbudget-2024');
    expect(rader('driftsammandrag', d)).toEqual(rader('driftsammandrag', gammal));
    expect(t.fotnoter).toEqual(gammal.tabeller.find((x) => x.id === 'driftsammandrag')!.fotnoter);
  });

  it('renames column ids in diagrams and rules, and moves the years in a diagram’s rubrik', () => {
    const d = komponerad(paths, 'ks-internbudget-2025');
    const diagram = d.diagram.find((x) => x.id === 'nettokostnad-per-stab')!;
    expect(diagram.rubrik).toBe('Nettokostnad per verksamhetsområde, utfall 2023 och budget 2024–2025');
    const text = readFileSync(join(paths.data, 'ks-internbudget-2025', 'tabeller.yaml'), 'utf8');
    expect(text).toContain('kolumner: [utfall_2023, budget_2024, budget_2025]');
    expect(text).toContain('# Rader som visar samma belopp i två tabeller');
    expect(text).not.toMatch(/plan_2025|utfall_2022|budget_2023/);
  });

  it('moves indicator values one column: the latest outcome to its year, the new year blank, targets with their year', () => {
    const r = loadAndValidate(paths, 'ks-internbudget-2025');
    expect(r.mål!.kolumner.map((k) => [k.id, k.rubrik])).toEqual([
      ['utfall_2023', '2023'],
      ['utfall_2024', '2024'],
      ['målvärde_2025', 'Önskvärd riktning /värde 2025'],
      ['målvärde_2026', 'Önskvärd riktning /värde 2026'],
    ]);
    const ntu = r.mål!.målområden[0]!.kommunövergripande_mål[0]!.nämndmål[0]!.indikatorer[0]!;
    expect(ntu.id).toBe('ntu-otrygghet-utevistelse');
    // Old: 2022 31 %, 2023 I.U., target 2024 30 %, target 2025 29 %.
    expect(ntu.värden).toEqual([
      { typ: 'iu', som: 'I.U.' },
      { typ: 'tom' },
      { typ: 'tal', tal: 29, enhet: '%' },
      { typ: 'tom' },
    ]);
  });

  it('carries the uppdrag over marked for review, without status or kommentar', () => {
    const u = loadAndValidate(paths, 'ks-internbudget-2025').uppdrag!;
    const alla = u.listor.flatMap((l) => l.uppdrag);
    expect(alla).toHaveLength(30);
    for (const x of alla) {
      expect(x.granska).toBe(true);
      expect(x.status).toBeUndefined();
      expect(x.kommentar).toBeUndefined();
    }
    expect(alla.find((x) => x.not?.includes('Leanlinks'))!.not).toBe(
      'Tas om hand i Leanlinks förvaltningsbudget och verksamhetsplan.',
    );
    // The checks list every uppdrag still to review, at its line in uppdrag.yaml.
    const d = loadAndCompose(paths, 'ks-internbudget-2025').dokument!;
    const review = runChecks(d).fynd.filter((f) => f.regel === 'uppdrag-granska');
    expect(review).toHaveLength(30);
    expect(review[0]!.plats).toMatchObject({ fil: 'data/ks-internbudget-2025/uppdrag.yaml' });
    expect(review[0]!.plats!.rad).toBeGreaterThan(1);
    expect(renderHtml(d)).toContain('<strong class="granska">[Att granska]</strong>');
  });

  it('copies the narrative as drafts with the marker right after the first heading', () => {
    const dir = join(paths.content, 'ks-internbudget-2025');
    const marker = utkastMarkering('ks-internbudget-2024', 2025);
    expect(marker).toBe(
      '> **UTKAST:** Texten är överförd från ks-internbudget-2024 och ska skrivas om för 2025. Ta bort denna rad när texten är granskad.',
    );
    for (const n of readdirSync(dir)) {
      const rader = readFileSync(join(dir, n), 'utf8').split('\n');
      expect(rader[0]).toMatch(/^# /);
      expect(rader.slice(1, 4)).toEqual(['', marker, '']);
      expect(rader[2]!.startsWith(UTKAST_MARKÖR)).toBe(true);
      expect(UTKAST_MÖNSTER.test(rader[2]!)).toBe(true);
      const gammal = readFileSync(join(paths.content, 'ks-internbudget-2024', n), 'utf8');
      expect([rader[0], ...rader.slice(4)].join('\n')).toBe(gammal.replace(/^(# [^\n]*)\n\n/, '$1\n'));
    }
  });

  it('keeps inline references on the same figure: Budget 2024 is still the comparison column', () => {
    const text = readFileSync(join(paths.content, 'ks-internbudget-2025', '05-ekonomi.md'), 'utf8');
    expect(text).toContain('{=driftsammandrag/summa/budget_2024 mnkr}');
    const d = komponerad(paths, 'ks-internbudget-2025');
    expect(d.referenser.map((r) => r.fakta[0])).toEqual([
      'driftsammandrag/summa/budget_2024',
      'vo-kommunstyrelsen/summa/budget_2024',
    ]);
    expect(d.referenser[0]!.text).toBe('666,8\u00a0mnkr');
  });

  it('rolls a rolled report again: one marker, for the newest year', () => {
    expect(runNy(paths.root, 'ks-internbudget-2026', { från: 'ks-internbudget-2025' })).toBe(0);
    const d = komponerad(paths, 'ks-internbudget-2026');
    expect(d.rapport.titel).toBe('Kommunstyrelsens internbudget för 2026 med plan för 2027-2031');
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'budget_2026'))).toBe(680.0);
    expect(tal(cell(d, 'driftsammandrag', 'summa', 'budget_2025'))).toBe(673.7);
    const text = readFileSync(join(paths.content, 'ks-internbudget-2026', '05-ekonomi.md'), 'utf8');
    expect(text.split('\n').filter((r) => r.startsWith(UTKAST_MARKÖR))).toEqual([
      utkastMarkering('ks-internbudget-2025', 2026),
    ]);
    expect(text.startsWith(`# Ekonomi\n\n${utkastMarkering('ks-internbudget-2025', 2026)}\n\n`)).toBe(true);
    const uppdrag = readFileSync(join(paths.data, 'ks-internbudget-2026', 'uppdrag.yaml'), 'utf8');
    expect(uppdrag.match(/granska: true/g)?.length).toBe(30);
    // Budget 2024 is gone from the tables now: the reference becomes the text it printed, and says so.
    expect(text).toContain(
      'För 2024 summerar nämndens internbudget till 666,8 mnkr, och av det avser 30,2 mnkr verksamhetsområdet Kommunstyrelsen.',
    );
    expect(utskrift(konsol.log)).toMatch(
      /05-ekonomi\.md:7:\d+: referensen \{=driftsammandrag\/summa\/budget_2024 mnkr\} ersattes med texten "666,8 mnkr"/,
    );
  });

  it('refuses to overwrite: running it again exits 1 and changes nothing', () => {
    const före = ögonblick(paths, 'ks-internbudget-2025');
    konsol.err.mockClear();
    expect(runNy(paths.root, 'ks-internbudget-2025', { från: 'ks-internbudget-2024' })).toBe(1);
    expect(utskrift(konsol.err)).toMatch(/data\/ks-internbudget-2025 och content\/ks-internbudget-2025 finns redan/);
    expect(ögonblick(paths, 'ks-internbudget-2025')).toEqual(före);
    expect(tillfälligaMappar(paths)).toEqual([]);
  });
});

describe('ny: the delårsrapport and the förvaltningsbudget roll too', () => {
  const paths = scratchProject(['ks-delarsrapport-2021-08', 'vss-forvaltningsbudget-2023']);

  it('ks-delarsrapport-2021-08 → ks-delarsrapport-2022-08', () => {
    expect(runNy(paths.root, 'ks-delarsrapport-2022-08', { från: 'ks-delarsrapport-2021-08' })).toBe(0);
    const d = komponerad(paths, 'ks-delarsrapport-2022-08');
    const r = d.rapport;
    expect(r.titel).toBe('Delårsrapport per den 31 augusti 2022');
    expect(r.period).toEqual({ från: '2022-01-01', till: '2022-08-31', benämning: 'per den 31 augusti 2022' });
    expect([r.budgetår, r.planår, r.status, r.datum]).toEqual([
      2022,
      { från: 2023, till: 2025 },
      'utkast',
      '2022-08-31',
    ]);
    expect(r.accepterade).toEqual([]);
    expect(r.bilagor).toHaveLength(5);
    // A new year has no assessment yet.
    expect(d.mål.flatMap((m) => m.nämndmål).filter((n) => n.bedömning)).toEqual([]);
    const v = loadAndValidate(paths, 'ks-delarsrapport-2022-08');
    expect(
      v.uppdrag!.listor.flatMap((l) => l.uppdrag).every((u) => u.status === undefined && u.kommentar === undefined),
    ).toBe(true);
    // "Augusti 2020" (the same period last year) now shows August 2021: last year's figures.
    expect(kolumnIds(d, 'personal')).toEqual(['målvärde_2022', 'utfall_augusti_2022', 'utfall_augusti_2021']);
    expect(tal(cell(d, 'personal', 'antal_tillsvidare_anställda', 'utfall_augusti_2021'))).toBe(139);
    expect(tal(cell(d, 'personal', 'antal_tillsvidare_anställda', 'utfall_augusti_2022'))).toBeNull();
    expect(kolumnIds(d, 'driftsammandrag-resultat')).toEqual([
      'redovisat_jan_aug_2022',
      'budget_jan_aug_2022',
      'avvikelse',
      'redovisat_jan_aug_2021',
    ]);
    expect(tal(cell(d, 'driftsammandrag-resultat', 'summa', 'redovisat_jan_aug_2021'))).toBe(324596);
    expect(tal(cell(d, 'driftsammandrag-resultat', 'summa', 'avvikelse'))).toBeNull();
    expect(d.tabeller.find((t) => t.id === 'driftsammandrag-resultat')!.rubrik).toBe('Resultat 31 augusti 2022');
    // Rules and samband name the new columns.
    const t = d.tabeller.find((x) => x.id === 'driftsammandrag-prognos')!;
    expect(t.regler.filter((x) => x.kolumn === 'avvikelse').map((x) => x.är)).toEqual([
      'budget_2022 - prognos_2022',
      'prognos_2022 - budget_2022',
    ]);
    expect(t.regler.find((x) => x.kolumner)!.kolumner).toEqual(['prognos_2022', 'budget_2022', 'bokslut_2021']);
    expect(d.diagram.find((x) => x.id === 'prognos-mot-budget-per-stab')!.rubrik).toBe(
      'Prognos för helår 2022 mot budget per stab',
    );
    expect(d.samband.find((s) => s.kolumner)!.kolumner).toEqual({
      prognos_2022: 'prognos_2022_netto',
      budget_2022: 'investeringsram_2022',
      avvikelse: 'avvikelse',
    });
    // Goal columns: the latest full-year outcome moves, part-year and new years are blank.
    expect(v.mål!.kolumner.map((k) => k.id)).toEqual([
      'utfall_2020',
      'utfall_2021',
      'utfall_augusti_2022',
      'målvärde_2022',
    ]);
    const delaktighet = v.mål!.målområden[0]!.kommunövergripande_mål[0]!.nämndmål[0]!.indikatorer[0]!;
    expect(delaktighet.värden).toEqual([{ typ: 'tal', tal: 53 }, { typ: 'tom' }, { typ: 'tom' }, { typ: 'tom' }]);
  });

  it('keeps the formatting of what it does not change', () => {
    const gammal = (f: string) => readFileSync(join(paths.data, 'ks-delarsrapport-2021-08', f), 'utf8');
    const ny = (f: string) => readFileSync(join(paths.data, 'ks-delarsrapport-2022-08', f), 'utf8');
    // Folded paragraphs keep their line breaks; flow mappings and sequences keep their spacing.
    const stycke = gammal('uppdrag.yaml').split('\n').slice(7, 11).join('\n');
    expect(stycke).toMatch(/^ {8}text: >-\n {10}Kommunstyrelsen ska/);
    expect(ny('uppdrag.yaml')).toContain(stycke);
    expect(ny('tabeller.yaml')).toContain(
      '      - { id: prognos_2022, rubrik: Prognos helår, mått: prognos, år: 2022 }\n',
    );
    expect(ny('tabeller.yaml')).toContain('        värden: [null, null, 139]\n');
    expect(ny('mal.yaml')).toContain('                värden: [2.40, null, null, null]\n');
    // Every line of the new tabeller.yaml that is not a moved column, value or rule is an old line.
    const gamla = new Set(gammal('tabeller.yaml').split('\n'));
    const nya = ny('tabeller.yaml')
      .split('\n')
      .filter((r) => !gamla.has(r));
    expect(nya.filter((r) => !/(\{ id: |värden: |är: |rubrik: |kolumner: |kolumn: )/.test(r))).toEqual([]);
  });

  it('vss-forvaltningsbudget-2023 → vss-forvaltningsbudget-2024', () => {
    expect(runNy(paths.root, 'vss-forvaltningsbudget-2024', { från: 'vss-forvaltningsbudget-2023' })).toBe(0);
    const d = komponerad(paths, 'vss-forvaltningsbudget-2024');
    expect(d.rapport.titel).toBe('Verksamhetsstöd och service förvaltningsbudget för 2024 med plan för 2025-2029');
    expect(d.rapport.status).toBe('utkast');
    expect(kolumnIds(d, 'investeringar')).toEqual([
      'budget_2023',
      'budget_forslag_2024',
      'plan_forslag_2025',
      'plan_forslag_2026',
      'plan_forslag_2027',
      'plan_forslag_2028',
      'plan_forslag_2029',
    ]);
    expect(tal(cell(d, 'investeringar', 'summa', 'budget_2023'))).toBe(60500); // was "Budget förslag 2023"
    expect(tal(cell(d, 'investeringar', 'summa', 'budget_forslag_2024'))).toBe(45000); // was "Plan förslag 2024"
    expect(d.samband.find((s) => s.kolumner)!.kolumner).toEqual({
      budget_2024: 'budget_forslag_2024',
      plan_2025: 'plan_forslag_2025',
      plan_2026: 'plan_forslag_2026',
      plan_2027: 'plan_forslag_2027',
      plan_2028: 'plan_forslag_2028',
      plan_2029: 'plan_forslag_2029',
    });
    const text = readFileSync(join(paths.data, 'vss-forvaltningsbudget-2024', 'tabeller.yaml'), 'utf8');
    expect(text).toContain('kolumner: [bokslut_2022, budget_2024]');
    expect(d.diagram.find((x) => x.id === 'kostnader-per-verksamhetsomrade')!.rubrik).toBe(
      'Förvaltningens kostnader per verksamhetsområde, bokslut 2022 och budget 2024',
    );
  });

  it('leaves no temporary folders behind', () => {
    expect(tillfälligaMappar(paths)).toEqual([]);
  });
});

describe('ny: errors', () => {
  it('an unknown source report is an error (exit 1) and nothing is written', () => {
    const paths = scratchProject([]);
    expect(runNy(paths.root, 'ks-internbudget-2025', { från: 'finns-inte-2024' })).toBe(1);
    expect(utskrift(konsol.err)).toContain('rapporten "finns-inte-2024" finns inte');
    expect(existsSync(join(paths.data, 'ks-internbudget-2025'))).toBe(false);
    expect(existsSync(join(paths.content, 'ks-internbudget-2025'))).toBe(false);
  });

  it('an id that is not a report id is wrong use (exit 2)', () => {
    const paths = scratchProject([]);
    expect(runNy(paths.root, 'KS Internbudget', { från: 'ks-internbudget-2024' })).toBe(2);
    expect(runNy(paths.root, 'ks-internbudget-2025', { från: '../ks-internbudget-2024' })).toBe(2);
    expect(utskrift(konsol.err)).toContain('är inget giltigt rapport-id');
  });

  it('refuses when only content/<ny> exists, and writes nothing', () => {
    const paths = scratchProject(['vss-forvaltningsbudget-2023']);
    writeFile(paths, 'content/vss-forvaltningsbudget-2024/01-mitt-utkast.md', '# Mitt utkast\n');
    expect(runNy(paths.root, 'vss-forvaltningsbudget-2024', { från: 'vss-forvaltningsbudget-2023' })).toBe(1);
    expect(utskrift(konsol.err)).toContain('content/vss-forvaltningsbudget-2024 finns redan');
    expect(existsSync(join(paths.data, 'vss-forvaltningsbudget-2024'))).toBe(false);
    expect(readdirSync(join(paths.content, 'vss-forvaltningsbudget-2024'))).toEqual(['01-mitt-utkast.md']);
  });

  it('a report that cannot be rolled leaves nothing half-written', () => {
    const paths = scratchProject(['vss-forvaltningsbudget-2023']);
    // A column whose id would collide with another's once the years move.
    const fil = join(paths.data, 'vss-forvaltningsbudget-2023', 'tabeller.yaml');
    const text = readFileSync(fil, 'utf8').replace(
      '      - { id: plan_2028, rubrik: Plan 2028, mått: plan, år: 2028 }\n    rader:\n      - id: tillsvidareanstallda',
      '      - { id: plan_2028, rubrik: Plan 2028, mått: plan, år: 2028 }\n      - { id: plan_2029, rubrik: Plan 2029, mått: annat }\n    rader:\n      - id: tillsvidareanstallda',
    );
    expect(text).not.toBe(readFileSync(fil, 'utf8'));
    writeFile(paths, 'data/vss-forvaltningsbudget-2023/tabeller.yaml', text);
    expect(runNy(paths.root, 'vss-forvaltningsbudget-2024', { från: 'vss-forvaltningsbudget-2023' })).toBe(1);
    expect(utskrift(konsol.err)).toMatch(
      /tabellen personal: kolumnerna "plan_2028" och "plan_2029" får båda id "plan_2029" när året flyttas.*Inget skrevs/,
    );
    expect(existsSync(join(paths.data, 'vss-forvaltningsbudget-2024'))).toBe(false);
    expect(existsSync(join(paths.content, 'vss-forvaltningsbudget-2024'))).toBe(false);
    expect(tillfälligaMappar(paths)).toEqual([]);
  });

  it('a source report with errors is not rolled', () => {
    const paths = scratchProject(['vss-forvaltningsbudget-2023']);
    const fil = join(paths.data, 'vss-forvaltningsbudget-2023', 'rapport.yaml');
    writeFile(
      paths,
      'data/vss-forvaltningsbudget-2023/rapport.yaml',
      readFileSync(fil, 'utf8').replace('status: förslag', 'status: klar'),
    );
    expect(runNy(paths.root, 'vss-forvaltningsbudget-2024', { från: 'vss-forvaltningsbudget-2023' })).toBe(1);
    expect(utskrift(konsol.err)).toContain('har fel; rätta dem innan den rullas fram');
    expect(existsSync(join(paths.data, 'vss-forvaltningsbudget-2024'))).toBe(false);
  });
});

describe('rollforward rules', () => {
  it('a budget column takes the old plan for its year; outcomes and frames not known are blank', () => {
    const { flyttar } = flyttaKolumner(
      [
        { id: 'utfall_2022', rubrik: 'Utfall 2022', mått: 'utfall', år: 2022 },
        { id: 'budget_2023', rubrik: 'Budget 2023', mått: 'budget', år: 2023 },
        { id: 'budget_2024', rubrik: 'Budget 2024', mått: 'budget', år: 2024 },
        { id: 'plan_2025', rubrik: 'Plan 2025', mått: 'plan', år: 2025 },
        { id: 'ram_2024', rubrik: 'Ram 2024', mått: 'ram', år: 2024 },
        { id: 'kommentar', rubrik: 'Kommentar', mått: 'annat' },
      ],
      'test',
    );
    expect(flyttar.map((f) => [f.nyId, f.nyRubrik, f.nyttÅr, f.källa])).toEqual([
      ['utfall_2023', 'Utfall 2023', 2023, null],
      ['budget_2024', 'Budget 2024', 2024, { index: 2, sätt: 'samma' }],
      ['budget_2025', 'Budget 2025', 2025, { index: 3, sätt: 'plan-som-budget' }],
      ['plan_2026', 'Plan 2026', 2026, null],
      ['ram_2025', 'Ram 2025', 2025, null],
      ['kommentar', 'Kommentar', undefined, null],
    ]);
  });

  it('moves only the years it should', () => {
    const inom = (y: number) => y >= 2024 && y <= 2029;
    expect(flyttaÅrIText('Internbudget 2024 med plan för 2025-2029 (beslut 2023, 20245)', inom)).toBe(
      'Internbudget 2025 med plan för 2026-2030 (beslut 2023, 20245)',
    );
    expect(flyttaDatum('2023-11-30')).toBe('2024-11-30');
    expect(flyttaDatum('2024-02-29')).toBe('2025-02-28');
    expect(flyttaDatum('2023-02-28')).toBe('2024-02-28');
  });

  it('puts the marker after a setext heading, or first when there is none, and never adds a heading', () => {
    const tom = { tabeller: new Map(), indikatorer: new Map() };
    const m = utkastMarkering('a-2024', 2025);
    expect(rullaText('Rubrik\n======\n\nText.\n', 'a-2024', 2025, tom).text).toBe(`Rubrik\n======\n\n${m}\n\nText.\n`);
    expect(rullaText('Text utan rubrik.\n', 'a-2024', 2025, tom).text).toBe(`${m}\n\nText utan rubrik.\n`);
    expect(rullaText('```\n# inte en rubrik\n```\n# Rubrik\n', 'a-2024', 2025, tom).text).toBe(
      `\`\`\`\n# inte en rubrik\n\`\`\`\n# Rubrik\n\n${m}\n`,
    );
    expect(rullaText('# R\r\n\r\nText.\r\n', 'a-2024', 2025, tom).text).toBe(`# R\r\n\r\n${m}\r\n\r\nText.\r\n`);
  });

  it('a reference whose figure is gone becomes the text it printed, or moves with its column, with a note', () => {
    const karta = { strukturell: new Map([['budget_2023', 'budget_2024']]), sammaSiffror: new Map<string, string>() };
    const r = rullaText('# R\n\nBudget {=t/summa/budget_2023  mnkr}.\n', 'a-2024', 2025, {
      tabeller: new Map([['t', karta]]),
      indikatorer: new Map(),
      texter: new Map([['t/summa/budget_2023  mnkr', '12,5\u00a0mnkr']]),
    });
    expect(r.text).toContain('Budget 12,5 mnkr.');
    expect(r.anteckningar).toEqual([
      '3:8: referensen {=t/summa/budget_2023  mnkr} ersattes med texten "12,5 mnkr": siffran finns inte längre i tabellerna',
    ]);
  });

  it('without the old text, a reference whose figure is gone moves with its column, with a note', () => {
    const karta = {
      strukturell: new Map([
        ['utfall_2022', 'utfall_2023'],
        ['budget_2023', 'budget_2024'],
        ['budget_2024', 'budget_2025'],
      ]),
      sammaSiffror: new Map([['budget_2024', 'budget_2024']]),
    };
    const r = rullaText(
      '# R\n\nUtfall {=t/summa/utfall_2022 mnkr} och budget {=t/summa/budget_2024} ({=antal/nämndmål}).\n',
      'a-2024',
      2025,
      {
        tabeller: new Map([['t', karta]]),
        indikatorer: new Map(),
      },
    );
    expect(r.text).toContain(
      'Utfall {=t/summa/utfall_2023 mnkr} och budget {=t/summa/budget_2024} ({=antal/nämndmål}).',
    );
    expect(r.anteckningar).toEqual([
      expect.stringMatching(/^3:8: referensen \{=t\/summa\/utfall_2022 mnkr\} visar inte längre samma siffra/),
    ]);
  });

  it('is pure: report texts in, report texts out, comments kept', () => {
    const ut = rullaFram(
      {
        id: 'x-2024',
        data: [
          {
            namn: 'rapport.yaml',
            text: '# yaml-language-server: $schema=../schema/rapport.schema.json\nid: x-2024\nrapporttyp: internbudget\ntitel: X 2024 med plan 2025-2026 (sedan 1998)\nkommun: K\nnämnd: N\nbudgetår: 2024\nplanår: {från: 2025, till: 2026}\nstatus: beslutad # beslutat i KS\ndatum: 2024-02-29\nbeslut: {organ: Kommunstyrelsen, datum: 2023-12-05, paragraf: "§ 283", diarienummer: "KS 2023-0123"}\n',
          },
        ],
        texter: [],
      },
      'x-2025',
    );
    expect(ut.data[0]!.text).toBe(
      '# yaml-language-server: $schema=../schema/rapport.schema.json\nid: x-2025\nrapporttyp: internbudget\ntitel: X 2025 med plan 2026-2027 (sedan 1998)\nkommun: K\nnämnd: N\nbudgetår: 2025\nplanår: {från: 2026, till: 2027}\nstatus: utkast # beslutat i KS\ndatum: 2025-02-28\nbeslut: {organ: Kommunstyrelsen}\n',
    );
    expect(() => rullaFram({ id: 'x', data: [], texter: [] }, 'y')).toThrow(RullaFramFel);
  });
});
