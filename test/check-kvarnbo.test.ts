import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import type { Dokument } from '../src/core/model/dokument.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { mutateCells, mutateText, shares } from './support/mutation.js';
import { PATHS, ROOT } from './support/project.js';

/**
 * A delårsrapport of a fictional kommun written from scratch (test/fixtures/kvarnbo, see its
 * README): other row labels, an investment table in mnkr, a staff table and a goal; four
 * deliberate errors the checks must find at their place, naming the cell — and nothing else.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'kvarnbo');
const c = loadAndCompose({ ...projectPaths(FIXTURE), templates: PATHS.templates }, 'kvarnb-delar-2028-08');
const d: Dokument = c.dokument!;
const k = runChecks(d);
const plain = (s: string): string => s.replace(/\u00a0/g, ' ');
const verdict = (text: string): string[] =>
  k.belopp.filter((b) => b.text === text).map((b) => `${b.verdikt} ${b.fakta.join(' ')}`);

describe('an outsider report: Kvarnbo kommun, delårsrapport augusti 2028', () => {
  it('loads without errors', () => {
    expect(c.diagnostics.filter((x) => x.allvarlighet === 'fel')).toEqual([]);
  });

  it('finds exactly the four deliberate errors, at their line and column, naming the cell', () => {
    const fel = k.fynd
      .filter((f) => f.allvarlighet === 'fel')
      .map(
        (f) =>
          `${f.plats?.fil.split('/').pop()}:${f.plats?.rad}:${f.plats?.kolumn} ${f.regel} ${plain(f.meddelande)} [${f.fakta?.join(' ')}]`,
      );
    expect(fel).toEqual([
      '02-ekonomi.md:5:194 text-mot-tabell "4,2 mnkr" motsäger drift: "Bygglov", Prognos 2028 = 4 350 tkr (≈ 4,4 mnkr) [drift/bygglov/prognos_2028]',
      '02-ekonomi.md:7:46 text-tecken "0,6 mnkr" beskrivs som negativt (underskott/minskning), men drift: "Miljötillsyn", Avvikelse mot budget = 600 tkr [drift/miljotillsyn/avvikelse_2028]',
      '02-ekonomi.md:9:39 text-mot-tabell "0,5 mnkr" motsäger drift: "Kart och mät", förändring från Utfall jan–aug 2027 (3 540) till Utfall jan–aug 2028 (3 840) = 300 tkr (≈ 0,3 mnkr) [drift/kartomat/utfall_2027 drift/kartomat/utfall_2028]',
      '03-personal.md:5:41 text-mot-tabell "5,9 %" motsäger personal: "Sjukfrånvaro", Jan–aug 2028 = 5,4 % (≈ 5,4 %) [personal/sjukfranvaro/jan_aug_2028]',
    ]);
  });

  it('confirms every other figure against the cell its sentence names, and leaves none unverifiable', () => {
    expect(k.belopp.filter((b) => b.verdikt === 'ej verifierbar')).toEqual([]);
    expect(verdict('12,8 mnkr')).toEqual(['stämmer drift/summa/utfall_2028']);
    // 850 tkr rounds half away from zero to 0,9 mnkr.
    expect(verdict('0,9 mnkr')).toEqual(['stämmer drift/summa/avvikelse_2028']);
    expect(verdict('370 tkr')).toEqual(['stämmer drift/bygglov/utfall_2027 drift/bygglov/utfall_2028']);
    expect(verdict('0,3 mnkr')).toEqual(['stämmer drift/kartomat/avvikelse_2028']);
    expect(verdict('4,5 %')).toEqual(['stämmer uppgifter/taxehojning/värde']);
    // "… 1,9 mnkr mot en ram på 2,4 mnkr": the ram is the second figure's measure, not the first's.
    expect(verdict('1,9 mnkr')).toEqual(['stämmer investeringar/karta/prognos_2028']);
    expect(verdict('2,4 mnkr')).toEqual(['stämmer investeringar/karta/ram_2028']);
    expect(verdict('0,7 procentenheter')).toEqual([
      'stämmer personal/sjukfranvaro/jan_aug_2027 personal/sjukfranvaro/jan_aug_2028',
    ]);
    expect(verdict('88 %')).toEqual(['stämmer mål/bygglov-andel/utfall_2028']);
  });

  it('a changed figure whose sentence names one cell is that cell’s contradiction, not ej verifierbar', () => {
    const p = d.textstycken.find((x) => x.text.includes('prognos på 3,2 mnkr'))!;
    const q = { ...p, text: p.text.replace('3,2 mnkr', '3,6 mnkr') };
    const k2 = runChecks({ ...d, textstycken: d.textstycken.map((x) => (x === p ? q : x)) });
    expect(k2.belopp.find((b) => b.text === '3,6 mnkr')).toMatchObject({
      verdikt: 'motsäger',
      fakta: ['drift/namnd/prognos_2028'],
    });
  });

  it('an amount set aside for something no row names is a part: never a contradiction of the row', () => {
    // Added to the Miljötillsyn paragraph: a grant for a project, which no table holds.
    const p = d.textstycken.find((x) => x.text.startsWith('Miljötillsynen väntas'))!;
    const q = {
      ...p,
      text: `${p.text} Miljötillsynen har fått ett statsbidrag på 0,4 mnkr för ett projekt om förorenad mark.`,
    };
    const k2 = runChecks({ ...d, textstycken: d.textstycken.map((x) => (x === p ? q : x)) });
    expect(k2.belopp.find((b) => b.text === '0,4 mnkr')?.verdikt).toBe('ej verifierbar');
    expect(k2.fynd.filter((f) => f.allvarlighet === 'fel' && f.meddelande.startsWith('"0,4 mnkr"'))).toEqual([]);
  });

  it('figures about something no row is (a grant, premises, a one-off cost) are not contradictions', () => {
    // Each of these was called a contradiction of "Nämnd och förvaltningsledning" or "Miljötillsyn"
    // before: "nämndens" named the row, "för ett projekt" was not read as what the amount is for.
    const p = d.textstycken.find((x) => x.text.startsWith('Nämnd och förvaltningsledning'))!;
    const extra =
      ' Miljötillsynen har fått ett statsbidrag på 0,4 mnkr för ett projekt om förorenad mark.' +
      ' Nämndens kostnader för lokaler är 2,1 mnkr per år.' +
      ' Utfallet för nämnden påverkas av en engångskostnad på 1,5 mnkr.';
    const q = { ...p, text: `${p.text}${extra}` };
    const k2 = runChecks({ ...d, textstycken: d.textstycken.map((x) => (x === p ? q : x)) });
    for (const text of ['0,4 mnkr', '2,1 mnkr', '1,5 mnkr'])
      expect([text, k2.belopp.find((b) => b.text === text)?.verdikt]).toEqual([text, 'ej verifierbar']);
    expect(k2.fynd.filter((f) => f.allvarlighet === 'fel')).toHaveLength(4);
  });

  it('mutated figures: nearly all reported as errors, none silently accepted, every rule cell reported', () => {
    // Measured with npm run mutation -- --rapport test/fixtures/kvarnbo (README, "Measured by mutation").
    const s = shares(mutateText(d));
    expect(s.antal).toBeGreaterThan(35);
    expect(s.fel).toBeGreaterThanOrEqual(0.9);
    expect(s.tyst).toBe(0);
    expect(shares(mutateCells(d)).fel).toBe(1);
  });
});
