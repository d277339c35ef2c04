import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInit } from '../src/cli/commands/init.js';
import { initRapport } from '../src/start/init.js';
import { runNy } from '../src/cli/commands/ny.js';
import { hasErrors } from '../src/core/diagnostics/diagnostic.js';
import type { Block, Dokument } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { RAPPORTTYPER } from '../src/schema/rapport.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { REPORTS, scratchProject, writeFile } from './support/project.js';
import { fångaKonsol, utskrift } from './support/console.js';

const konsol = fångaKonsol();

/** The document's blocks in reading order, flattened: headings as "# text", data blocks as "tabell:id". */
function disposition(d: Dokument): string[] {
  const out: string[] = [];
  const visit = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.typ === 'avsnitt') {
        out.push(`# ${b.rubrikText}`);
        visit(b.block);
      } else if (b.typ === 'tabell' || b.typ === 'uppdrag' || b.typ === 'mål') out.push(`${b.typ}:${b.id}`);
    }
  };
  visit(d.block);
  return out;
}

const ekby = { kommun: 'Ekby kommun', nämnd: 'Kultur- och fritidsnämnden', år: '2026' };

describe('report kinds and their generic templates', () => {
  it.each(RAPPORTTYPER)('init writes a %s that validates and composes at once, its table after "Ekonomi"', (typ) => {
    const p = scratchProject();
    expect(runInit(p.root, 'ekby-1', { typ, ...ekby }), utskrift(konsol.err)).toBe(0);
    const c = loadAndCompose(p, 'ekby-1');
    expect(hasErrors(c.diagnostics), c.diagnostics.map((x) => x.meddelande).join('\n')).toBe(false);
    const d = c.dokument!;
    const ordning = disposition(d);
    // The table follows the text under its efter: heading, before the next subheading.
    expect(ordning.indexOf('tabell:driftsammandrag')).toBe(ordning.indexOf('# Ekonomi') + 1);
    expect(ordning).toContain('mål:kommunmal-1');
    expect(ordning).toContain('uppdrag:namnduppdrag');
    const html = renderHtml(d);
    expect(html).toContain('Kultur- och fritidsnämnden');
    // A follow-up's uppdrag list has a status column; a budget's does not.
    const uppföljning = ['delårsrapport', 'tertialrapport', 'månadsrapport', 'verksamhetsberättelse'].includes(typ);
    expect(d.uppdrag[0]!.medStatus).toBe(uppföljning);
    expect(readFileSync(join(p.data, 'ekby-1', 'rapport.yaml'), 'utf8')).toContain(`rapporttyp: ${typ}`);
  });

  it('a tertialrapport is dated at the end of April and titled by its period', () => {
    const p = scratchProject();
    expect(runInit(p.root, 'ekby-t', { typ: 'tertialrapport', ...ekby })).toBe(0);
    const d = loadAndCompose(p, 'ekby-t').dokument!;
    expect(d.titelsida.period).toBe('Tertialrapport per den 30 april 2026');
    expect(d.tabeller[0]!.kolumner.map((k) => k.rubrik)).toEqual([
      'Budget 2026',
      'Utfall jan–apr 2026',
      'Prognos 2026',
      'Avvikelse',
    ]);
  });

  it('dates a plan before its year and a follow-up after its period or year', () => {
    const datum = (typ: (typeof RAPPORTTYPER)[number]): string | undefined => {
      const r = initRapport({ id: 'x-2026', typ, kommun: 'Åsviks kommun', nämnd: 'Nämnden', år: 2026 });
      return /^datum: (\S+)/m.exec(r.data.find((f) => f.namn === 'rapport.yaml')!.text)?.[1];
    };
    expect(datum('budgetförslag')).toBe('2025-11-30');
    expect(datum('internbudget')).toBe('2025-11-30');
    expect(datum('verksamhetsberättelse')).toBe('2027-02-28');
    expect(datum('delårsrapport')).toBe('2026-08-31');
  });

  it('init never overwrites, and refuses an unknown kind with exit code 2', () => {
    const p = scratchProject();
    expect(runInit(p.root, 'ekby-1', { typ: 'internbudget', ...ekby })).toBe(0);
    writeFile(p, 'content/ekby-1/01-inledning.md', '# Min egen text\n');
    expect(runInit(p.root, 'ekby-1', { typ: 'internbudget', ...ekby })).toBe(1);
    expect(utskrift(konsol.err)).toContain('data/ekby-1 och content/ekby-1 finns redan');
    expect(readFileSync(join(p.content, 'ekby-1', '01-inledning.md'), 'utf8')).toBe('# Min egen text\n');
    expect(runInit(p.root, 'ekby-2', { typ: 'årsbok', ...ekby })).toBe(2);
    expect(utskrift(konsol.err)).toContain('--typ "årsbok" är ingen rapporttyp');
    expect(readdirSync(p.data)).toEqual(['ekby-1']);
  });

  it.each(REPORTS)('%s: the generic template of its kind places every table, goal and uppdrag list', (id) => {
    const p = scratchProject([id]);
    const manifest = join(p.data, id, 'rapport.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^mall:.*\n/m, ''));
    const c = loadAndCompose(p, id);
    expect(c.diagnostics.filter((x) => x.allvarlighet === 'fel').map((x) => x.meddelande)).toEqual([]);
    const own = loadAndCompose(scratchProject([id]), id).dokument!;
    expect(c.dokument!.tabeller.map((t) => t.id).sort()).toEqual(own.tabeller.map((t) => t.id).sort());
    expect(c.dokument!.mål.length).toBe(own.mål.length);
  });

  it('efter: naming a heading that is not there is an error at the efter: line', () => {
    const p = scratchProject();
    expect(runInit(p.root, 'ekby-1', { typ: 'budgetförslag', ...ekby })).toBe(0);
    const f = join(p.data, 'ekby-1', 'tabeller.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('efter: Ekonomi ', 'efter: Ekonomin'));
    const c = loadAndCompose(p, 'ekby-1');
    const fel = c.diagnostics.find((x) => x.meddelande.includes('"efter: Ekonomin"'));
    expect(fel?.plats).toMatchObject({ fil: 'data/ekby-1/tabeller.yaml', rad: 7 });
  });
});

describe("ny --typ: the year's follow-up from its budget", () => {
  it('carries goals, indicators, uppdrag and the budget column; outcome, prognos and avvikelse are empty', () => {
    const p = scratchProject(['ks-internbudget-2024']);
    expect(
      runNy(p.root, 'ks-delar-2024', { från: 'ks-internbudget-2024', typ: 'delårsrapport' }),
      utskrift(konsol.err),
    ).toBe(0);
    const c = loadAndCompose(p, 'ks-delar-2024');
    expect(hasErrors(c.diagnostics), c.diagnostics.map((x) => x.meddelande).join('\n')).toBe(false);
    const d = c.dokument!;
    const gammal = loadAndCompose(scratchProject(['ks-internbudget-2024']), 'ks-internbudget-2024').dokument!;
    expect(d.rapport.rapporttyp).toBe('delårsrapport');
    expect(d.rapport.period).toEqual({ från: '2024-01-01', till: '2024-08-31' });
    const ds = d.tabeller.find((t) => t.id === 'driftsammandrag')!;
    expect(ds.kolumner.map((k) => k.id)).toEqual(['budget_2024', 'utfall_2024', 'prognos_2024', 'avvikelse_2024']);
    // The budget figure is the internbudget's own; the new columns are blank.
    expect(d.fakta.get('driftsammandrag/summa/budget_2024')?.cell).toEqual(
      gammal.fakta.get('driftsammandrag/summa/budget_2024')?.cell,
    );
    expect(d.fakta.get('driftsammandrag/summa/prognos_2024')?.cell.typ).toBe('tom');
    expect(d.mål.flatMap((m) => m.nämndmål).length).toBe(gammal.mål.flatMap((m) => m.nämndmål).length);
    expect(d.uppdrag.reduce((n, u) => n + u.uppdrag.length, 0)).toBe(
      gammal.uppdrag.reduce((n, u) => n + u.uppdrag.length, 0),
    );
    expect(d.uppdrag.every((u) => u.medStatus)).toBe(true);
    expect(readdirSync(join(p.content, 'ks-delar-2024'))).toEqual([
      '01-sammanfattning.md',
      '02-ekonomi.md',
      '03-verksamhet.md',
    ]);
    expect(utskrift(konsol.log)).toContain('Utfall jan–aug 2024, Prognos 2024, Avvikelse är nya och tomma');
  });
});

describe('init in a kommun with a profile', () => {
  it("starts the goals and uppdrag with the profile's own words, so the new report builds at once", () => {
    const p = scratchProject(['norrvik-tertial-2026']);
    expect(
      runInit(p.root, 'norrvik-delar-2026', {
        typ: 'delårsrapport',
        kommun: 'Norrviks kommun',
        nämnd: 'Socialnämnden',
        år: '2026',
      }),
      utskrift(konsol.err),
    ).toBe(0);
    expect(readFileSync(join(p.data, 'norrvik-delar-2026', 'mal.yaml'), 'utf8')).toContain(
      'bedömning: {nivå: ej-bedömd,',
    );
    expect(readFileSync(join(p.data, 'norrvik-delar-2026', 'uppdrag.yaml'), 'utf8')).toContain('status: "påbörjat"');
    const c = loadAndCompose(p, 'norrvik-delar-2026');
    expect(hasErrors(c.diagnostics), c.diagnostics.map((x) => x.meddelande).join('\n')).toBe(false);
    expect(c.dokument!.profil.filer).toEqual(['data/profiler/norrviks-kommun.yaml']);
    expect(renderHtml(c.dokument!)).toContain('○</span> Bedömning: Ej bedömd');
  });
});
