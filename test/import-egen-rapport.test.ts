/**
 * `import` as an outsider would meet it: a report written from scratch for another kommun and
 * another kind (Bergviks kommun, Tekniska nämndens delårsrapport per augusti 2026), with an
 * utfall column for January–August and a budget column for the year, in mnkr, income printed
 * positive; a SIE 4 export whose kostnadsställen (the standard's dimension 1, undeclared) have
 * letter codes; rows that have no values yet; and the narrative checked after the import.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { runImport } from '../src/cli/commands/import.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { fångaKonsol, utskrift } from './support/console.js';

const konsol = fångaKonsol();

const TABELLER = `# Tekniska nämndens driftredovisning. Utfall och budget hämtas ur ekonomisystemet;
# prognosen skrivs för hand.
tabeller:
  - id: driftredovisning
    rubrik: Driftredovisning per verksamhet
    typ: driftsammandrag
    enhet: mnkr
    decimaler: 1
    förspalt: Nettokostnad, mnkr
    teckenkonvention: intäkter-positiva
    kolumner:
      - {id: utfall_jan_aug, rubrik: Utfall jan–aug 2026, mått: utfall, år: 2026, period: jan-aug}
      - {id: budget_2026, rubrik: Budget 2026, mått: budget, år: 2026}
      - {id: prognos_2026, rubrik: Prognos 2026, mått: prognos, år: 2026}
    rader:
      - {id: gata-park, etikett: Gata och park, värden: [null, null, 24.5]}
      - {id: fastighet, etikett: Fastighet, värden: [null, null, 35.0]}   # lokaler åt hela kommunen
      - {id: administration, etikett: Administration, värden: {prognos_2026: 4.0}}
      - {id: summa, etikett: Summa nämnden, roll: summa, värden: [null, null, 63.5]}
      - {id: intakter, etikett: varav intäkter, roll: varav, varav: intäkter, värden: {prognos_2026: 36.5}}
      - {id: kostnader, etikett: varav kostnader, roll: varav, varav: kostnader, värden: {prognos_2026: 100.0}}
    regler:
      - {rad: summa, är: gata-park + fastighet + administration, kolumner: [utfall_jan_aug, budget_2026]}
      - {rad: summa, är: kostnader - intakter, kolumner: [utfall_jan_aug, budget_2026]}
`;

const MAPPNING = `enhet: kr
tabeller:
  - tabell: driftredovisning
    kolumner:
      utfall_jan_aug: {art: utfall, perioder: "2026-01..2026-08"}
      budget_2026: {art: budget, perioder: "2026"}
    rader:
      gata-park: {konton: "3000-7999", kostnadsställe: GP}   # one alone needs no list
      fastighet: {konton: ["3000-7999"], kostnadsställe: [FA]}
      administration: {konton: ["3000-7999"], kostnadsställe: [AD]}
      summa: {konton: ["3000-7999"]}
      intakter: {konton: ["3000-3999"], tecken: omvänt}
      kostnader: {konton: ["4000-7999"]}
`;

/** kostnadsställe, konto, budget for the year, utfall per month (kr). */
const POSTER: [string, string, number, number][] = [
  ['GP', '3110', -6_000_000, -450_000],
  ['GP', '5010', 18_000_000, 1_480_000],
  ['GP', '6110', 12_000_000, 1_100_000],
  ['FA', '3110', -30_000_000, -2_600_000],
  ['FA', '5010', 9_000_000, 760_000],
  ['FA', '7010', 57_000_000, 4_600_000],
  ['AD', '5010', 4_000_000, 340_000],
];

function sie(): Buffer {
  const l = [
    '#FLAGGA 0',
    '#FORMAT PC8',
    '#SIETYP 4',
    '#FNAMN "Bergviks kommun"',
    '#RAR 0 20260101 20261231',
    '#RAR -1 20250101 20251231',
  ];
  l.push(
    '#KONTO 3110 "Försäljning av tjänster"',
    '#KONTO 5010 "Löner"',
    '#KONTO 6110 "Entreprenad och köp av verksamhet"',
    '#KONTO 7010 "Lokalhyror"',
  );
  l.push('#OBJEKT 1 "GP" "Gata och park"', '#OBJEKT 1 "FA" "Fastighet"', '#OBJEKT 1 "AD" "Administration"');
  for (const [ks, konto, budget, utfall] of POSTER) {
    const öre = Math.round((budget * 100) / 12);
    for (let m = 1; m <= 12; m++)
      l.push(
        `#PBUDGET 0 2026${String(m).padStart(2, '0')} ${konto} {1 "${ks}"} ${((m < 12 ? öre : budget * 100 - 11 * öre) / 100).toFixed(2)}`,
      );
    for (let m = 1; m <= 8; m++)
      l.push(`#PSALDO 0 2026${String(m).padStart(2, '0')} ${konto} {1 "${ks}"} ${utfall.toFixed(2)} 0`);
    l.push(`#PSALDO -1 202508 ${konto} {1 "${ks}"} ${(utfall * 0.97).toFixed(2)} 0`);
  }
  return iconv.encode(`${l.join('\r\n')}\r\n`, 'cp437');
}

it('a delårsrapport of another kommun, from scratch: utfall for the period and the year’s budget, in mnkr, and the narrative agrees', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-bergvik-'));
  const id = 'tn-delarsrapport-2026-08';
  const skriv = (rel: string, text: string | Buffer): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  skriv(
    `data/${id}/rapport.yaml`,
    [
      `id: ${id}`,
      'rapporttyp: delårsrapport',
      'mall: delar',
      'titel: Tekniska nämndens delårsrapport per augusti 2026',
      'kommun: Bergviks kommun',
      'nämnd: Tekniska nämnden',
      'budgetår: 2026',
      'period: {från: 2026-01-01, till: 2026-08-31}',
      'status: utkast',
      'datum: 2026-09-20',
      '',
    ].join('\n'),
  );
  skriv(`data/${id}/tabeller.yaml`, TABELLER);
  skriv(`data/${id}/mappning.yaml`, MAPPNING);
  skriv('templates/delar.hbs', '{{titelsida}}\n{{text "01"}}\n{{tabell "driftredovisning"}}\n');
  skriv(
    `content/${id}/01-ekonomi.md`,
    '# Ekonomi\n\nTill och med augusti blev nämndens nettokostnad 41,8 mnkr, mot en budget för helåret på 64,0 mnkr. Fastigheterna kostade netto 22,1 mnkr och intäkterna uppgick till 24,4 mnkr.\n',
  );
  skriv('export/tn-2026-08.se', sie());

  const cwd = process.cwd();
  process.chdir(root);
  let kod: number;
  try {
    kod = await runImport(root, id, { från: 'export/tn-2026-08.se' });
  } finally {
    process.chdir(cwd);
  }
  const ut = utskrift(konsol.log);
  expect(kod, konsol.err.mock.calls.join('\n')).toBe(0);
  expect(ut).toContain('12 celler ändras (före → efter):');
  expect(ut).toMatch(/driftredovisning\/fastighet\/utfall_jan_aug +\(tom\) +→ +22,1/);
  expect(ut).toMatch(
    /driftredovisning\/utfall_jan_aug +41\u00a0840\u00a0000 kr +41\u00a0840\u00a0000 kr +0 kr +allt mappat/,
  );
  expect(ut).toMatch(
    /driftredovisning\/budget_2026 +64\u00a0000\u00a0000 kr +64\u00a0000\u00a0000 kr +0 kr +allt mappat/,
  );
  // Last year's August is in the file but in no column: listed, not lost.
  expect(ut).toMatch(
    /konto 3110 kostnadsställe FA \(utfall\) +−2\u00a0522\u00a0000 kr +1 rad, export\/tn-2026-08\.se:\d+/,
  );
  expect(ut).toContain('Alla siffror i texten som kan kontrolleras stämmer med tabellerna efter importen.');
  expect(ut).toContain(`${id} efter importen: 0 fel`);

  const text = readFileSync(join(root, 'data', id, 'tabeller.yaml'), 'utf8');
  expect(text).toContain(
    '      - {id: fastighet, etikett: Fastighet, värden: [22.1, 36.0, 35.0]}   # lokaler åt hela kommunen',
  );
  expect(text).toContain(
    '      - {id: administration, etikett: Administration, värden: {prognos_2026: 4.0, utfall_jan_aug: 2.7, budget_2026: 4.0}}',
  );
  expect(text).toContain('      - {id: summa, etikett: Summa nämnden, roll: summa, värden: [41.8, 64.0, 63.5]}');
  expect(text).toContain(
    '      - {id: intakter, etikett: varav intäkter, roll: varav, varav: intäkter, värden: {prognos_2026: 36.5, utfall_jan_aug: 24.4, budget_2026: 36.0}}',
  );
  expect(text.startsWith('# Tekniska nämndens driftredovisning.')).toBe(true);
  // The report builds from the imported tables, and its calculation rules hold.
  const c = loadAndCompose(projectPaths(root), id);
  expect(c.diagnostics.filter((d) => d.allvarlighet === 'fel')).toEqual([]);
});
