import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import { projectPaths } from '../src/load/load-report.js';
import type { Block } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { PATHS, ROOT } from './support/project.js';

/**
 * A verksamhetsberättelse of a fictional kommun written from scratch (test/fixtures/asvik, see its
 * README): the checks find its two deliberate errors, and call no correct figure wrong.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'asvik');

describe('an outsider report: Åsviks kommun, verksamhetsberättelse 2026', () => {
  const c = loadAndCompose({ ...projectPaths(FIXTURE), templates: PATHS.templates }, 'asvik-vb-2026');
  const k = runChecks(c.dokument!);

  it('finds exactly the two deliberate errors, at their file, line and column', () => {
    const fel = k.fynd
      .filter((f) => f.allvarlighet === 'fel')
      .map((f) => `${f.plats?.fil.split('/').pop()}:${f.plats?.rad}:${f.plats?.kolumn} ${f.meddelande}`);
    expect(fel).toEqual([
      expect.stringMatching(
        /^02-ekonomi\.md:5:217 "870 tkr" motsäger driftsammandrag: "Miljö- och hälsoskydd", Avvikelse = −820 tkr/,
      ),
      // "kostade" names the outcome column; "GIS-systemet" names the row "Nytt GIS-system".
      expect.stringMatching(
        /^02-ekonomi\.md:9:192 "1,9 mnkr" motsäger investeringar: "Nytt GIS-system", Utfall 2026 = 1,8 mnkr/,
      ),
    ]);
  });

  it('confirms the correct figures it can tie to a cell, and calls none of them wrong', () => {
    const v = (text: string): string[] => k.belopp.filter((b) => b.text === text).map((b) => b.verdikt);
    expect(v('44 160 tkr')).toEqual(['stämmer']);
    expect(v('550 tkr')).toEqual(['stämmer']);
    expect(v('3,1 mnkr')).toEqual(['stämmer']);
    // The sentence's other clause ("…, medan nettokostnaden ökade … jämfört med 2025") names 2025:
    // a year after a contrasting conjunction says nothing of the figure before it.
    expect(v('0,3 mnkr')).toEqual(['stämmer']);
    // "… nettokostnaden ökade med 310 tkr jämfört med 2025": the difference of the total's two bokslut cells.
    expect(k.belopp.find((b) => b.text === '310 tkr')?.fakta).toEqual([
      'driftsammandrag/summa/bokslut_2025',
      'driftsammandrag/summa/bokslut_2026',
    ]);
    expect(v('310 tkr')).toEqual(['stämmer']);
    expect(k.belopp.filter((b) => b.verdikt === 'motsäger').map((b) => b.text)).toEqual(['870 tkr', '1,9 mnkr']);
  });
});

describe("the generic template's goal follow-up", () => {
  it("prints each nämndmål's bedömning under its kommunövergripande mål, then that mål's indicator table", () => {
    const d = loadAndCompose({ ...projectPaths(FIXTURE), templates: PATHS.templates }, 'asvik-vb-2026').dokument!;
    const order: string[] = [];
    const walk = (bs: readonly Block[]): void => {
      for (const b of bs) {
        if (b.typ === 'avsnitt') {
          order.push(`rubrik ${b.rubrikText}`);
          walk(b.block);
        } else if (b.typ === 'mål') order.push(`${b.visning} ${b.nämndmål.map((n) => n.id).join(',')}`);
      }
    };
    walk(d.block);
    const from = order.indexOf('rubrik Målområde Hållbar samhällsbyggnad');
    expect(order.slice(from, from + 4)).toEqual([
      'rubrik Målområde Hållbar samhällsbyggnad',
      'rubrik Företag och invånare får snabb och rättssäker service',
      'målredovisning handlaggning,tillsyn',
      'indikatorer handlaggning,tillsyn',
    ]);
  });
});
