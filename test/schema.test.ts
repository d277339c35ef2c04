import { STANDARDPROFIL } from '../src/core/model/profil.js';
import { granskaOrdval } from '../src/profil/ladda.js';
import { describe, expect, it } from 'vitest';
import { cellSchema, parseCellString } from '../src/schema/cell.js';
import { målFilSchema } from '../src/schema/mal.js';
import { rapportSchema } from '../src/schema/rapport.js';
import { tabellSchema } from '../src/schema/tabell.js';
import { uppdragFilSchema } from '../src/schema/uppdrag.js';

describe('cell', () => {
  it('types the published forms', () => {
    expect(cellSchema.parse(1.7)).toEqual({ typ: 'tal', tal: 1.7 });
    expect(cellSchema.parse(null)).toEqual({ typ: 'tom' });
    expect(cellSchema.parse('I.U.')).toEqual({ typ: 'iu', som: 'I.U.' });
    expect(cellSchema.parse('IU')).toEqual({ typ: 'iu', som: 'IU' });
    expect(cellSchema.parse('-')).toEqual({ typ: 'streck', som: '-' });
    expect(cellSchema.parse('Öka')).toEqual({ typ: 'riktning', riktning: 'öka', som: 'Öka' });
    expect(cellSchema.parse('≥4,0')).toEqual({ typ: 'jämförelse', operator: '≥', tal: 4, decimaler: 1 });
    expect(cellSchema.parse('≤±5')).toMatchObject({ typ: 'jämförelse', operator: '≤±', tal: 5 });
    expect(cellSchema.parse('≥ 4% Positiv trend')).toMatchObject({
      operator: '≥',
      tal: 4,
      enhet: '%',
      tillägg: 'Positiv trend',
    });
    expect(cellSchema.parse({ tal: 65, referensår: 2020 })).toEqual({ typ: 'tal', tal: 65, referensår: 2020 });
    expect(cellSchema.parse({ tal: [8, 7], skiljetecken: '/' })).toEqual({
      typ: 'flera',
      tal: [8, 7],
      skiljetecken: '/',
    });
    expect(cellSchema.parse({ text: '(Mäts Q4 2023)' })).toEqual({ typ: 'text', text: '(Mäts Q4 2023)' });
    expect(cellSchema.parse({ från: 98, till: 100 })).toEqual({ typ: 'intervall', från: 98, till: 100 });
    expect(cellSchema.parse({ markör: 'I.U.', fotnot: '*' })).toEqual({ typ: 'iu', som: 'I.U.', fotnot: '*' });
  });

  it('rejects strings that are not a marker, direction or comparison', () => {
    const r = cellSchema.safeParse('12,3x');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('förväntade ett tal');
    expect(r.error?.issues[0]?.message).toContain('"12,3x"');
    expect(typeof parseCellString('tolv')).toBe('string');
    expect(cellSchema.safeParse({ tal: 'x' }).success).toBe(false);
    expect(cellSchema.safeParse({ tal: 3, okänd: 1 }).success).toBe(false);
  });
});

const table = {
  id: 'drift',
  rubrik: 'Driftsammandrag',
  typ: 'driftsammandrag',
  enhet: 'mnkr',
  decimaler: 1,
  kolumner: [
    { id: 'budget_2023', rubrik: 'Budget 2023', mått: 'budget', år: 2023 },
    { id: 'budget_2024', rubrik: 'Budget 2024', mått: 'budget', år: 2024 },
  ],
  rader: [
    { id: 'a', etikett: 'A', värden: [1, 2] },
    { id: 'b', etikett: 'B', värden: { budget_2024: 3 } },
    { id: 'summa', etikett: 'Summa', roll: 'summa', värden: [1, 5] },
  ],
  regler: [{ rad: 'summa', är: 'a + b' }],
};

describe('tabell', () => {
  it('accepts lists and mappings of values and normalises both to one cell per column', () => {
    const t = tabellSchema.parse(table);
    expect(t.rader[1]!.värden).toEqual([{ typ: 'tom' }, { typ: 'tal', tal: 3 }]);
    expect(t.rader[0]!.roll).toBe('post');
    expect(t.teckenkonvention).toBe('ej-tillämplig');
  });
  it('rejects an unknown column id in a mapping, with its path', () => {
    const r = tabellSchema.safeParse({ ...table, rader: [{ id: 'a', etikett: 'A', värden: { budget_2025: 1 } }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['rader', 0, 'värden', 'budget_2025']);
  });
  it('rejects a rule naming both a row and a column, and a malformed expression', () => {
    expect(tabellSchema.safeParse({ ...table, regler: [{ rad: 'summa', kolumn: 'x', är: 'a' }] }).success).toBe(false);
    expect(tabellSchema.safeParse({ ...table, regler: [{ rad: 'summa', är: 'a +' }] }).success).toBe(false);
  });
  it('rejects an unknown role and an unknown key', () => {
    expect(
      tabellSchema.safeParse({ ...table, rader: [{ id: 'a', etikett: 'A', roll: 'total', värden: [1, 2] }] }).success,
    ).toBe(false);
    expect(tabellSchema.safeParse({ ...table, färg: 'blå' }).success).toBe(false);
  });
});

describe('mål', () => {
  const mål = {
    kolumner: [
      { id: 'u2022', rubrik: '2022', mått: 'utfall', år: 2022 },
      { id: 'm2024', rubrik: 'Önskvärd riktning /värde 2024', mått: 'målvärde', år: 2024 },
    ],
    målområden: [
      {
        id: 'samhalle',
        namn: 'Samhälle',
        kommunövergripande_mål: [
          {
            id: 'trygg',
            namn: 'Ett tryggt och säkert Linköping',
            nämndmål: [
              {
                id: 'god-trygghet',
                namn: 'God trygghet och säkerhet',
                indikatorer: [
                  {
                    id: 'ntu',
                    namn: 'NTU',
                    värden: { u2022: { tal: 31, enhet: '%' }, m2024: 'Minska' },
                    delrader: [{ namn: 'Män', värden: [1, '-'] }],
                  },
                ],
                bedömning: { nivå: 'uppfylls-delvis' },
              },
            ],
          },
        ],
      },
    ],
  };
  it('accepts goals, indicators with sub-rows and a bedömning', () => {
    const m = målFilSchema.parse(mål);
    const ind = m.målområden[0]!.kommunövergripande_mål[0]!.nämndmål[0]!.indikatorer[0]!;
    expect(ind.värden[1]).toEqual({ typ: 'riktning', riktning: 'minska', som: 'Minska' });
    expect(ind.obligatorisk).toBe(false);
    expect(m.benämning.mål).toBe('Nämndmål');
  });
  it('rejects a bedömning outside the scale (the default one, without a kommun profile)', () => {
    const bad = structuredClone(mål);
    (bad.målområden[0]!.kommunövergripande_mål[0]!.nämndmål[0]!.bedömning as { nivå: string }).nivå = 'grönt';
    // The scale is the kommun's (its profile), so the file's schema takes any level id and validation checks it.
    const parsed = målFilSchema.safeParse(bad);
    expect(parsed.success).toBe(true);
    const fel = granskaOrdval(
      {
        id: 'x',
        tabeller: { tabeller: [], samband: [] },
        narrative: [],
        sources: {},
        files: [],
        diagnostics: [],
        mål: parsed.data!,
      },
      STANDARDPROFIL,
    );
    expect(fel.map((d) => d.meddelande)).toEqual([
      'bedömningen "grönt" finns inte i profilens skala; skriv en av uppfylls, uppfylls-delvis, uppfylls-ej, kan-ej-bedömas',
    ]);
  });
});

describe('uppdrag and rapport', () => {
  it('accepts a status list and rejects an unknown status', () => {
    const ok = {
      listor: [
        {
          id: 'ks',
          rubrik: 'Nämndspecifika',
          typ: 'nämndspecifikt',
          uppdrag: [{ nummer: 1, text: 'Utred X.', status: 'pågår', kommentar: 'Arbetet pågår.' }],
        },
      ],
    };
    expect(uppdragFilSchema.safeParse(ok).success).toBe(true);
    const bad = structuredClone(ok);
    (bad.listor[0]!.uppdrag[0] as { status: string }).status = 'klart';
    const parsed = uppdragFilSchema.safeParse(bad);
    expect(parsed.success).toBe(true);
    const fel = granskaOrdval(
      {
        id: 'x',
        tabeller: { tabeller: [], samband: [] },
        narrative: [],
        sources: {},
        files: [],
        diagnostics: [],
        uppdrag: parsed.data!,
      },
      STANDARDPROFIL,
    );
    expect(fel.map((d) => d.meddelande)).toEqual([
      'statusen "klart" finns inte bland profilens statusord; skriv en av pågår, kvarstår, genomfört, ej påbörjat, avslutat, delvis genomfört, ej genomfört, eller tillåt fri text med uppdragsstatus: {fritext: true}',
    ]);
  });
  it('requires a period for a delårsrapport and a date', () => {
    const base = {
      id: 'x',
      rapporttyp: 'delårsrapport',
      titel: 'T',
      kommun: 'K',
      nämnd: 'N',
      budgetår: 2021,
      status: 'beslutad',
      datum: '2021-08-31',
    };
    const r = rapportSchema.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['period']);
    expect(rapportSchema.safeParse({ ...base, period: { till: '2021-08-31' } }).success).toBe(true);
    expect(rapportSchema.safeParse({ ...base, period: { till: '2021-08-31' }, datum: '31/8' }).success).toBe(false);
  });
});
