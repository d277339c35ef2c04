import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { convertAmount, roundHalfAway } from '../core/format/number.js';
import type { MappadTabell } from './compile-mapping.js';
import type { Bokföringsrad, Export } from './ledger.js';
import { träffar } from './selection.js';

/** The value a mapped cell gets, in the table's unit and decimals. */
export interface NyttVärde {
  tabell: string;
  rad: string;
  kolumn: string;
  kolumnIndex: number;
  värde: number;
  decimaler: number;
}

export interface Kolumnsumma {
  tabell: string;
  kolumn: string;
  enhet: string;
  decimaler: number;
  /** In kronor as exported, after the table's sign: every ledger row the table and column select. */
  export: number;
  /** What the mapped rows took of it (partition rows only: summa and varav rows take again). */
  importerat: number;
}

export interface Omappad {
  konto: string;
  dimensioner: Record<string, string>;
  art: string;
  belopp: number;
  antal: number;
  källa: string;
}

export interface Importresultat {
  värden: NyttVärde[];
  summor: Kolumnsumma[];
  /** Ledger rows no table row took, grouped by account, objects and kind. */
  omappade: Omappad[];
  /** Per table: ledger rows its selection and columns take but none of its rows. */
  omappadeITabell: Map<string, Omappad[]>;
  /** Data-level errors (one ledger row in two rows: the mapping's check should have prevented it). */
  fel: Diagnostic[];
}

const gruppnyckel = (r: Bokföringsrad): string =>
  `${r.art}\u0000${r.konto}\u0000${Object.entries(r.dimensioner)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([d, k]) => `${d}=${k}`)
    .join(',')}`;

function gruppera(rader: Bokföringsrad[], tecken = 1): Omappad[] {
  const g = new Map<string, Omappad>();
  for (const r of rader) {
    const k = gruppnyckel(r);
    const o = g.get(k);
    if (o) {
      o.belopp += r.belopp * tecken;
      o.antal++;
    } else
      g.set(k, {
        konto: r.konto,
        dimensioner: r.dimensioner,
        art: r.art,
        belopp: r.belopp * tecken,
        antal: 1,
        källa: r.källa,
      });
  }
  return [...g.values()].sort(
    (a, b) =>
      a.konto.localeCompare(b.konto, 'sv', { numeric: true }) ||
      a.källa.localeCompare(b.källa, 'sv', { numeric: true }),
  );
}

/**
 * Applies a checked mapping to an export: every mapped cell's new value, the export's and the
 * import's totals per column, and what no row took. Pure: the tables are read, never changed.
 */
export function tillämpa(exp: Export, tabeller: MappadTabell[], exportensEnhet: string): Importresultat {
  const fel: Diagnostic[] = [];
  const värden: NyttVärde[] = [];
  const summor: Kolumnsumma[] = [];
  const tagna = new Uint8Array(exp.rader.length);
  const omappadeITabell = new Map<string, Omappad[]>();
  for (const t of tabeller) {
    const { rader, kolumner } = t;
    const exportSumma = new Float64Array(kolumner.length);
    const importSumma = new Float64Array(kolumner.length);
    const summa = new Float64Array(rader.length * kolumner.length);
    const utanför: Bokföringsrad[] = [];
    // Which columns take an amount depends only on its kind and period: decided once per pair.
    const kolumnerFör = new Map<string, number[]>();
    const träff: number[] = [];
    exp.rader.forEach((r, ri) => {
      if (!träffar(t.urval, r)) return;
      const nyckel = `${r.art}\u0000${r.period ?? ''}`;
      let ck = kolumnerFör.get(nyckel);
      if (!ck)
        kolumnerFör.set(
          nyckel,
          (ck = kolumner.flatMap((k, ki) => (k.art === r.art && k.period(r.period) ? [ki] : []))),
        );
      if (!ck.length) return;
      träff.length = 0;
      let delar = 0;
      rader.forEach((mr, i) => {
        if (!träffar(mr.filter, r)) return;
        träff.push(i);
        if (!mr.summerande && ++delar === 2) {
          const a = rader[träff.find((x) => !rader[x]!.summerande)!]!;
          fel.push({
            allvarlighet: 'fel',
            regel: 'import-mappning',
            meddelande: `${r.källa}: beloppet hamnar i två rader, "${a.id}" och "${mr.id}"; gör mappningens urval disjunkta`,
            plats: mr.plats,
          });
        }
      });
      if (delar > 1) return;
      for (const ki of ck) {
        exportSumma[ki]! += r.belopp * t.tecken;
        if (delar) importSumma[ki]! += r.belopp * t.tecken;
        for (const i of träff) summa[i * kolumner.length + ki]! += r.belopp * rader[i]!.tecken;
      }
      if (delar) tagna[ri] = 1;
      else utanför.push(r);
    });
    omappadeITabell.set(t.id, gruppera(utanför, t.tecken));
    kolumner.forEach((k, ki) => {
      summor.push({
        tabell: t.id,
        kolumn: k.id,
        enhet: k.enhet,
        decimaler: k.decimaler,
        export: exportSumma[ki]!,
        importerat: importSumma[ki]!,
      });
      rader.forEach((mr, i) => {
        const v = roundHalfAway(convertAmount(summa[i * kolumner.length + ki]!, exportensEnhet, k.enhet)!, k.decimaler);
        värden.push({
          tabell: t.id,
          rad: mr.id,
          kolumn: k.id,
          kolumnIndex: k.index,
          värde: v === 0 ? 0 : v,
          decimaler: k.decimaler,
        });
      });
    });
  }
  const omappade = gruppera(exp.rader.filter((_, i) => !tagna[i]));
  return { värden, summor, omappade, omappadeITabell, fel };
}
