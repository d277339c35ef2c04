import { describe, expect, it } from 'vitest';
import { hasErrors } from '../src/core/diagnostics/diagnostic.js';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { bundled, fact, num } from './support/lookup.js';
import { ALL_REPORTS, PATHS } from './support/project.js';

const count = (d: ReturnType<typeof bundled>) => ({
  nämndmål: d.mål.reduce((n, m) => n + m.nämndmål.length, 0),
  uppdrag: Object.fromEntries(d.uppdrag.map((u) => [u.id, u.uppdrag.length])),
});

describe.each(ALL_REPORTS)('%s', (id) => {
  it('validates and composes without errors', () => {
    expect(hasErrors(loadAndValidate(PATHS, id).diagnostics)).toBe(false);
    expect(bundled(id).diagnostics.filter((d) => d.allvarlighet === 'fel')).toEqual([]);
  });
});

describe('ks-internbudget-2024 holds the publication', () => {
  const d = bundled('ks-internbudget-2024');
  it('has 18 nämndmål, 12 + 12 uppdrag and 6 nämnduppdrag', () => {
    const c = count(d);
    expect(c.nämndmål).toBe(18);
    expect(c.uppdrag).toEqual({ kommungemensamma: 12, nämndspecifika: 12, nämnduppdrag: 6 });
  });
  it('has the 8 verksamhetsområde tables with their published sums', () => {
    const vo = d.tabeller.filter((t) => t.tabelltyp === 'verksamhetsområde');
    expect(vo).toHaveLength(8);
    const sums = vo.map((t) => {
      const summa = t.rader.find((r) => r.roll === 'summa')!;
      return num(d.fakta.get(summa.celler[1]!)!);
    });
    expect(sums).toEqual([30164, 297124, 113161, 41435, 44866, 34766, 50209, 55054]);
  });
  it('keeps spot values from every table exactly as published', () => {
    expect(num(fact(d, 'ekonomi', 'Nettokostnader KS/KLF', 'budget_2024'))).toBe(666.8);
    expect(num(fact(d, 'ekonomi', 'Investeringar netto Leanlink', 'budget_2024'))).toBe(4400);
    expect(num(fact(d, 'ekonomi', 'varav kostnader', 'budget_2024', 2))).toBe(1597);
    expect(num(fact(d, 'driftsammandrag', 'Kommungemensamt', 'utfall_2022'))).toBe(206.0);
    expect(num(fact(d, 'driftsammandrag', 'Summa nämndens internbudget', 'budget_2024'))).toBe(666.8);
    expect(num(fact(d, 'driftsammandrag', 'Intern ränta (höjs från 1 % till 2 %)', 'plan_2029'))).toBe(22.3);
    expect(num(fact(d, 'vo-kommunledningsstaben', '- ers MSB intäkt', 'budget_2024'))).toBe(-4800);
    // The publication's own slip: varav kostnader 2023 does not add up; it stays as printed.
    expect(num(fact(d, 'vo-ekonomistaben', 'varav kostnader', 'budget_2023'))).toBe(15947);
    expect(num(fact(d, 'investeringar', 'Summa investeringar', 'budget_2023'))).toBe(419.0);
    expect(num(fact(d, 'investeringar', 'varav utgifter', 'budget_2023'))).toBe(419.9);
    expect(num(fact(d, 'personal', 'Antal tillsvidareanställda', 'utfall_2022'))).toBe(130);
    const sjuk = fact(d, 'personal', 'Total sjukfrånvaro', 'budget_2023');
    expect([num(sjuk), sjuk.decimaler]).toEqual([3, 1]);
    expect(fact(d, 'personal', 'Externa personalavgångar', 'budget_2023').cell).toEqual({ typ: 'streck', som: '-' });
  });
  it('keeps indicator values, targets, markers and sub-rows', () => {
    const ntu = d.fakta.get(
      [...d.fakta.keys()].find(
        (k) => k.startsWith('mål/') && d.fakta.get(k)!.radEtikett.startsWith('Nationella trygghetsundersökningen'),
      )!,
    )!;
    expect(ntu.cell).toMatchObject({ typ: 'tal', tal: 31 });
    const goal = d.mål.flatMap((m) => m.nämndmål).find((n) => n.namn === 'God trygghet och säkerhet')!;
    const est = goal.indikatorer.find((i) => i.namn.startsWith('Trygghetsbedömning'))!;
    expect(est.delrader.map((r) => r.namn)).toEqual(['Skäggetorp', 'Ryd', 'Berga']);
    expect(est.delrader[0]!.värden[0]).toMatchObject({ cell: { typ: 'tal', tal: 2.17 }, decimaler: 2 });
    const ind = d.mål.flatMap((m) => m.nämndmål).flatMap((n) => n.indikatorer);
    expect(ind.filter((i) => i.obligatorisk).length).toBeGreaterThanOrEqual(4);
    expect(ind.find((i) => i.namn.startsWith('Ungdomar'))!.värden[0]!.cell).toEqual({
      typ: 'flera',
      tal: [8, 7],
      skiljetecken: '/',
    });
  });
});

describe('ks-delarsrapport-2021-08 holds the publication', () => {
  const d = bundled('ks-delarsrapport-2021-08');
  it('has 18 nämndmål with a bedömning each: 8 uppfylls, 10 uppfylls delvis', () => {
    const goals = d.mål.flatMap((m) => m.nämndmål);
    expect(goals).toHaveLength(18);
    const levels = goals.map((g) => g.bedömning?.nivå);
    expect(levels.filter((l) => l === 'uppfylls')).toHaveLength(8);
    expect(levels.filter((l) => l === 'uppfylls-delvis')).toHaveLength(10);
  });
  it('has the uppdrag status table', () => {
    const u = d.uppdrag.flatMap((l) => l.uppdrag);
    expect(u).toHaveLength(7);
    expect(u.every((x) => x.status && x.kommentar)).toBe(true);
  });
  it('keeps spot values from every table exactly as published', () => {
    expect(num(fact(d, 'ekonomi', 'Verksamhetens nettokostnader', 'avvikelse'))).toBe(12842);
    expect(num(fact(d, 'personal', 'Total sjukfrånvaro', 'utfall_augusti_2021'))).toBe(1.8);
    expect(num(fact(d, 'driftsammandrag-resultat', 'Summa', 'redovisat_jan_aug_2021'))).toBe(324596);
    expect(num(fact(d, 'driftsammandrag-prognos', 'Kommunstyrelsen', 'bokslut_2020'))).toBe(153510);
    expect(num(fact(d, 'driftsammandrag-prognos', 'varav kostnader', 'avvikelse', 1))).toBe(354881);
    expect(num(fact(d, 'investeringar', 'KS, ny simhall', 'avvikelse'))).toBe(-55789);
  });
});

describe('vss-forvaltningsbudget-2023 holds the publication', () => {
  const d = bundled('vss-forvaltningsbudget-2023');
  it('has 10 förvaltningsmål and the uppdrag lists', () => {
    const c = count(d);
    expect(c.nämndmål).toBe(10);
    expect(Object.values(c.uppdrag)).toEqual([12, 2]);
    expect(d.mål[0]!.benämning).toEqual({ mål: 'Förvaltningsmål', indikator: 'Förvaltningsindikator' });
  });
  it('keeps spot values from every table exactly as published', () => {
    expect(num(fact(d, 'ekonomi', 'Investeringar, netto', 'budget_2023'))).toBe(60500);
    expect(num(fact(d, 'volymer', 'Antal lönespecifikationer', 'utfall_2021'))).toBe(154207);
    expect(num(fact(d, 'personal', 'Antal tillsvidareanställda', 'budget_2022'))).toBe(516);
    expect(num(fact(d, 'driftsammandrag', 'Summa förvaltningsbudget', 'bokslut_2021'))).toBe(5868);
    expect(num(fact(d, 'investeringar', 'Summa investeringar', 'budget_2022'))).toBe(46000);
  });
});
