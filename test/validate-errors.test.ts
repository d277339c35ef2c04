import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { ROOT, scratchProject, writeFile } from './support/project.js';

const RAPPORT = `id: x
rapporttyp: internbudget
titel: Test
kommun: Linköpings kommun
nämnd: Kommunstyrelsen
budgetår: 2024
status: förslag
datum: 2023-11-30
`;

const TABELLER = `tabeller:
  - id: driftsammandrag
    rubrik: Driftsammandrag
    typ: driftsammandrag
    enhet: mnkr
    decimaler: 1
    kolumner:
      - {id: budget_2023, rubrik: Budget 2023, mått: budget, år: 2023}
      - {id: budget_2024, rubrik: Budget 2024, mått: budget, år: 2024}
    rader:
      - {id: a, etikett: A, värden: [1.0, 2.0]}
      - {id: b, etikett: B, värden: [1.0, 3.0]}
      - {id: summa, etikett: Summa, roll: summa, värden: [2.0, 5.0]}
    regler:
      - {rad: summa, är: a + b}
`;

function project(tabeller = TABELLER, rapport = RAPPORT) {
  const p = scratchProject();
  writeFile(p, 'data/x/rapport.yaml', rapport);
  writeFile(p, 'data/x/tabeller.yaml', tabeller);
  return p;
}

const errorsOf = (tabeller?: string, rapport?: string) =>
  loadAndValidate(project(tabeller, rapport), 'x').diagnostics.filter((d) => d.allvarlighet === 'fel');

describe('validate: messages name file, line, column and field', () => {
  it('accepts the valid report', () => {
    expect(errorsOf()).toEqual([]);
  });

  it('a wrong type: the cell, with its column id in the field path', () => {
    const [e, ...rest] = errorsOf(TABELLER.replace('[1.0, 3.0]', '[1.0, "12,3x"]'));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      regel: 'schema',
      fält: 'driftsammandrag.rader[1].värden.budget_2024',
      plats: { fil: 'data/x/tabeller.yaml', rad: 12, kolumn: 43 },
    });
    expect(e!.meddelande).toContain('förväntade ett tal');
    expect(e!.meddelande).toContain('"12,3x"');
  });

  it('malformed YAML', () => {
    const [e] = errorsOf(
      TABELLER.replace(
        '      - {id: b, etikett: B, värden: [1.0, 3.0]}',
        '      - {id: b, etikett: B, värden: [1.0, 3.0}',
      ),
    );
    expect(e).toMatchObject({ regel: 'yaml-syntax', plats: { fil: 'data/x/tabeller.yaml', rad: 12 } });
    expect(e!.meddelande).toMatch(/^ogiltig YAML/);
  });

  it('an unknown key, at the key', () => {
    const [e] = errorsOf(undefined, `${RAPPORT}färg: blå\n`);
    expect(e).toMatchObject({
      regel: 'schema',
      fält: '(filen)',
      plats: { fil: 'data/x/rapport.yaml', rad: 9, kolumn: 1 },
    });
    expect(e!.meddelande).toBe('okänd nyckel "färg"');
  });

  it('a missing required field', () => {
    const [e] = errorsOf(undefined, RAPPORT.replace('budgetår: 2024\n', ''));
    expect(e).toMatchObject({ regel: 'schema', fält: 'budgetår', plats: { fil: 'data/x/rapport.yaml' } });
    expect(e!.meddelande).toContain('fältet saknas');
  });

  it('a missing file', () => {
    const p = scratchProject();
    writeFile(p, 'data/x/tabeller.yaml', TABELLER);
    const [e] = loadAndValidate(p, 'x').diagnostics;
    expect(e).toMatchObject({ regel: 'saknad-fil', plats: { fil: 'data/x/rapport.yaml', rad: 1 } });
  });

  it('a duplicate id', () => {
    const [e] = errorsOf(TABELLER.replace('{id: b, etikett: B', '{id: a, etikett: B'));
    expect(e).toMatchObject({
      regel: 'dubblett-id',
      fält: 'driftsammandrag.rader[1].id',
      plats: { fil: 'data/x/tabeller.yaml', rad: 12 },
    });
  });

  it('uppgifter.yaml: a unit it does not know, and an id used twice', () => {
    const p = project();
    const UPPGIFTER = `uppgifter:
  - {id: pris, namn: Priskompensation, värde: 2.5, enhet: "%", källa: Prisärendet}
  - {id: pris, namn: Lönekompensation, värde: 3.0, enhet: procent, källa: Prisärendet}
`;
    writeFile(p, 'data/x/uppgifter.yaml', UPPGIFTER);
    const [e] = loadAndValidate(p, 'x').diagnostics.filter((d) => d.allvarlighet === 'fel');
    expect(e).toMatchObject({ regel: 'schema', plats: { fil: 'data/x/uppgifter.yaml', rad: 3 } });
    expect(e!.meddelande).toContain('mnkr');
    writeFile(p, 'data/x/uppgifter.yaml', UPPGIFTER.replace('enhet: procent', 'enhet: "%"'));
    const [d] = loadAndValidate(p, 'x').diagnostics.filter((x) => x.allvarlighet === 'fel');
    expect(d).toMatchObject({
      regel: 'dubblett-id',
      fält: 'uppgifter[1].id',
      plats: { fil: 'data/x/uppgifter.yaml', rad: 3, kolumn: 10 },
    });
    expect(d!.meddelande).toBe('uppgift-id "pris" används redan (uppgifter[0])');
  });

  it('a duplicate key in a mapping', () => {
    const [e] = errorsOf(undefined, `${RAPPORT}titel: Igen\n`);
    expect(e).toMatchObject({ regel: 'yaml-syntax', plats: { rad: 9 } });
    expect(e!.meddelande).toContain('två gånger');
  });

  it('a rule naming a row that does not exist', () => {
    const [e] = errorsOf(TABELLER.replace('är: a + b', 'är: a + c'));
    expect(e).toMatchObject({
      regel: 'okänd-referens',
      fält: 'driftsammandrag.regler[0].är',
      plats: { fil: 'data/x/tabeller.yaml', rad: 15 },
    });
    expect(e!.meddelande).toContain('"c"');
  });

  it('a row with the wrong number of values', () => {
    const [e] = errorsOf(TABELLER.replace('[2.0, 5.0]', '[2.0]'));
    expect(e).toMatchObject({ regel: 'antal-värden', fält: 'driftsammandrag.rader[2].värden', plats: { rad: 13 } });
  });
});

describe('kommunrapport validate (the command)', () => {
  const cli = join(ROOT, 'node_modules', '.bin', 'tsx');
  const main = join(ROOT, 'src', 'cli', 'main.ts');
  it('prints compiler-style lines and exits 1 on bad input, without a stack trace', () => {
    const p = project(TABELLER.replace('[1.0, 3.0]', '[1.0, "12,3x"]'));
    const r = spawnSync(cli, [main, '--rot', p.root, 'validate', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'data/x/tabeller.yaml:12:43 fel schema: driftsammandrag.rader[1].värden.budget_2024: förväntade ett tal',
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it('exits 0 on the bundled reports and 2 on an unknown option', () => {
    expect(execFileSync(cli, [main, 'validate'], { encoding: 'utf8', cwd: ROOT })).toContain(
      'ks-internbudget-2024: giltig',
    );
    const r = spawnSync(cli, [main, 'validate', '--okänd'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("okänd flagga '--okänd'");
  });
});
