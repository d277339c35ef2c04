import { parseBelopp } from './amount.js';
import {
  Importfel,
  dimensionsnamn,
  type Beloppsart,
  type Bokföringsrad,
  type Dimension,
  type Export,
  type Tabellkolumner,
} from './ledger.js';

/** A sheet or CSV file as rows of cells, before any column has a meaning. */
export type Cellvärde = string | number | null;

export interface Rutnät {
  fil: string;
  format: 'xlsx' | 'csv';
  blad?: string;
  rader: { nr: number; celler: Cellvärde[] }[];
  /** Where a cell stands, for messages: "fil:12" plus column, or "fil:Blad!D12". */
  plats(rad: number, kolumn: number): string;
}

/** The columns a mapping names (`källa.kolumner`), header texts as written. */
export interface Kolumnval {
  konto?: string;
  kontonamn?: string;
  period?: string;
  dimensioner?: Record<string, string>;
  belopp?: { kolumn: string; art: Beloppsart; period?: string }[];
}

const text = (v: Cellvärde | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const lika = (a: string, b: string): boolean => a.localeCompare(b, 'sv', { sensitivity: 'accent' }) === 0;

const KONTO = /^(konto|kontonr|kontonummer|konto nr)$/i;
const NAMN = /(namn|text|benämning|beskrivning)$/i;
const PERIOD = /^(period|månad|bokföringsperiod|per)$/i;
const BELOPP = /(utfall|budget|belopp|saldo|prognos|ack|bokslut)/i;
const SUMMA = /^(summa|total|totalt|delsumma|s:a)\b/i;

/** "202508", "2025-08", "2025-08-31", 202508 → "2025-08"; anything else as written. */
export function normalPeriod(v: Cellvärde): string | undefined {
  const t = text(v);
  if (!t) return undefined;
  const m = /^(\d{4})-?(\d{2})(?:-?\d{2})?$/.exec(t);
  return m ? `${m[1]}-${m[2]}` : t;
}

/** The header row: the one named, else the first of the first 50 that has the account column's header. */
function rubrikrad(g: Rutnät, val: Kolumnval, nr: number | undefined): number {
  if (nr !== undefined) {
    const i = g.rader.findIndex((r) => r.nr === nr);
    if (i < 0) throw new Importfel(g.plats(nr, 1), `rubrikraden ${nr} finns inte (filen har ${g.rader.length} rader)`);
    return i;
  }
  const ärKonto = (c: Cellvärde): boolean => (val.konto ? lika(text(c), val.konto) : KONTO.test(text(c)));
  const i = g.rader.slice(0, 50).findIndex((r) => r.celler.some(ärKonto));
  if (i < 0) {
    const vad = val.konto ? `"${val.konto}"` : '"Konto"';
    throw new Importfel(
      g.plats(g.rader[0]?.nr ?? 1, 1),
      `hittar ingen rubrikrad med kolumnen ${vad} bland de första 50 raderna; ange källa.rubrikrad och källa.kolumner.konto i mappningen`,
    );
  }
  return i;
}

/** Which column holds what: as the mapping names them, else recognised from the headers. */
function tolkaRubriker(
  g: Rutnät,
  rubriker: string[],
  radNr: number,
  val: Kolumnval,
): { spec: Tabellkolumner; index: Map<string, number> } {
  const index = new Map<string, number>();
  const hitta = (namn: string): number => {
    const i = rubriker.findIndex((r) => lika(r, namn));
    if (i < 0) {
      throw new Importfel(
        g.plats(radNr, 1),
        `kolumnen "${namn}" finns inte i rubrikraden (rad ${radNr}: ${rubriker
          .filter(Boolean)
          .map((r) => `"${r}"`)
          .join(', ')})`,
      );
    }
    index.set(namn, i);
    return i;
  };
  const spec: Tabellkolumner = { rubrikrad: radNr, konto: '', dimensioner: {}, belopp: [] };
  if (g.blad) spec.blad = g.blad;
  if (val.belopp || val.dimensioner) {
    spec.konto = rubriker[hitta(val.konto ?? 'Konto')]!;
    if (val.kontonamn) spec.kontonamn = rubriker[hitta(val.kontonamn)]!;
    if (val.period) spec.period = rubriker[hitta(val.period)]!;
    for (const [dim, kol] of Object.entries(val.dimensioner ?? {}))
      spec.dimensioner[dimensionsnamn(dim)] = rubriker[hitta(kol)]!;
    for (const b of val.belopp ?? []) spec.belopp.push({ ...b, kolumn: rubriker[hitta(b.kolumn)]! });
    return { spec, index };
  }
  // Recognised: Konto, a name column, Period, amount columns by their words, the rest dimensions.
  rubriker.forEach((r, i) => {
    if (!r || index.has(r)) return;
    if (!spec.konto && (val.konto ? lika(r, val.konto) : KONTO.test(r))) spec.konto = r;
    else if (/^konto\s*(namn|text|benämning)/i.test(r)) spec.kontonamn = r;
    else if (PERIOD.test(r)) spec.period = r;
    else if (BELOPP.test(r)) {
      // "Budget 2025": a yearly amount, the year its period.
      const år = /\b(19|20)\d{2}\b/.exec(r)?.[0];
      spec.belopp.push({ kolumn: r, art: /budget/i.test(r) ? 'budget' : 'utfall', ...(år ? { period: år } : {}) });
    } else if (!NAMN.test(r)) spec.dimensioner[dimensionsnamn(r)] = r;
    else return;
    index.set(r, i);
  });
  if (!spec.belopp.length) {
    throw new Importfel(
      g.plats(radNr, 1),
      `rubrikraden (rad ${radNr}) har ingen beloppskolumn (Utfall, Budget, Belopp …); ange källa.kolumner.belopp i mappningen`,
    );
  }
  return { spec, index };
}

/** A spreadsheet or CSV export → ledger rows. Sums rows are left out and listed; a text where an amount belongs is an error. */
export function läsRutnät(g: Rutnät, val: Kolumnval, radnummer?: number): Export {
  const h = rubrikrad(g, val, radnummer);
  const header = g.rader[h]!;
  const rubriker = header.celler.map(text);
  const { spec, index } = tolkaRubriker(g, rubriker, header.nr, val);
  const ix = (namn: string | undefined): number =>
    namn === undefined ? -1 : (index.get(namn) ?? rubriker.findIndex((r) => lika(r, namn)));
  const kontoIx = ix(spec.konto);
  const namnIx = ix(spec.kontonamn);
  const periodIx = ix(spec.period);
  const dims = Object.entries(spec.dimensioner).map(([d, kol]) => [d, ix(kol)] as const);
  // A column "<Dimension> namn", "<Dimension>text" or "<Dimension>snamn" names the dimension's objects.
  const namnFör = (r: string, dim: string): boolean => {
    const bas = r.replace(NAMN, '').trim();
    return NAMN.test(r) && (lika(bas, dim) || lika(bas.replace(/s$/, ''), dim));
  };
  const dimNamnIx = new Map(
    dims.map(([d, i]) => [d, rubriker.findIndex((r, j) => j !== i && namnFör(r, rubriker[i]!))] as const),
  );
  const belopp = spec.belopp.map((b) => ({ ...b, i: ix(b.kolumn) }));

  const rader: Bokföringsrad[] = [];
  const summarader: string[] = [];
  const konton = new Map<string, string>();
  const dimensioner = new Map<string, Dimension>(dims.map(([d]) => [d, { namn: d, objekt: new Map() }]));
  for (const r of g.rader.slice(h + 1)) {
    const c = r.celler;
    const konto = text(c[kontoIx]);
    const beloppstext = belopp.map((b) => c[b.i]);
    const harBelopp = beloppstext.some((v) => text(v) !== '');
    if (!/^\d+$/.test(konto)) {
      if (c.some((v) => SUMMA.test(text(v)))) {
        summarader.push(g.plats(r.nr, kontoIx + 1));
        continue;
      }
      if (!harBelopp) continue; // a blank line or a heading between groups
      if (konto === '')
        throw new Importfel(g.plats(r.nr, kontoIx + 1), `raden har belopp men inget konto i kolumnen "${spec.konto}"`);
      throw new Importfel(
        g.plats(r.nr, kontoIx + 1),
        `kontot "${konto}" i kolumnen "${spec.konto}" är inget kontonummer (bara siffror)`,
      );
    }
    if (!konton.has(konto) || namnIx >= 0) konton.set(konto, text(c[namnIx]) || konton.get(konto) || '');
    const d: Record<string, string> = {};
    for (const [dim, i] of dims) {
      const kod = text(c[i]);
      if (!kod) continue;
      d[dim] = kod;
      const obj = dimensioner.get(dim)!.objekt;
      const ni = dimNamnIx.get(dim) ?? -1;
      if (!obj.has(kod) || (ni >= 0 && !obj.get(kod))) obj.set(kod, ni >= 0 ? text(c[ni]) : '');
    }
    const period = periodIx >= 0 ? normalPeriod(c[periodIx] ?? null) : undefined;
    belopp.forEach((b, k) => {
      const v = beloppstext[k];
      if (v === null || v === undefined || text(v) === '') return;
      const n = typeof v === 'number' ? v : parseBelopp(v);
      if (n === undefined || !Number.isFinite(n)) {
        throw new Importfel(
          g.plats(r.nr, b.i + 1),
          `"${text(v)}" i kolumnen "${b.kolumn}" är inget belopp (förväntade t.ex. 1 234,50, −1 234 eller (1 234))`,
        );
      }
      if (n === 0) return;
      const p = b.period ?? period;
      rader.push({
        konto,
        dimensioner: d,
        ...(p ? { period: p } : {}),
        art: b.art,
        belopp: n,
        källa: g.plats(r.nr, b.i + 1),
      });
    });
  }
  if (!konton.size)
    throw new Importfel(
      g.plats(header.nr, 1),
      'exporten har inga rader med konto under rubrikraden; är det rätt fil eller rätt blad?',
    );
  return { fil: g.fil, format: g.format, rader, dimensioner, konton, summarader, kolumner: spec };
}
