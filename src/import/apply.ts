import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { roundTo } from '../check/interval.js';
import { convertAmount, UNIT_FACTOR } from '../format/number.js';
import type { Path, SourceMap } from '../load/yaml-source.js';
import type { Rad, Tabell } from '../schema/tabell.js';
import type { Bokföringsrad, Export } from './ledger.js';
import type { Mappning, RadMappning } from './mapping-schema.js';

/** An inclusive interval of account numbers or numeric object codes; `kod` for a code that is not a number. */
interface Intervall {
  från: number;
  till: number;
  text: string;
}

interface Filter {
  konton: Intervall[];
  dimensioner: [string, Intervall[] | Set<string>][];
}

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
  fel: Diagnostic[];
  varningar: Diagnostic[];
}

const SUMMERANDE = new Set(['summa', 'delsumma', 'varav']);

function intervall(s: string): Intervall | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return { från: Math.min(a, b), till: Math.max(a, b), text: s.trim() };
}

/** Codes are intervals when every one is numeric (ansvar 100-199), else exact texts. */
function koder(lista: string[]): Intervall[] | Set<string> {
  const iv = lista.map(intervall);
  return iv.every((i): i is Intervall => i !== undefined) ? iv : new Set(lista);
}

const iIntervall = (iv: Intervall[], s: string): boolean => {
  const n = Number(s);
  return iv.some((i) => n >= i.från && n <= i.till);
};
const harKod = (k: Intervall[] | Set<string>, s: string | undefined): boolean =>
  s !== undefined && (k instanceof Set ? k.has(s) : /^\d+$/.test(s) && iIntervall(k, s));

const träffar = (f: Filter, r: Bokföringsrad): boolean =>
  (f.konton.length === 0 || iIntervall(f.konton, r.konto)) && f.dimensioner.every(([d, k]) => harKod(k, r.dimensioner[d]));

/** Whether two rows' selections can hold the same ledger row: accounts meet and every shared dimension meets. */
function överlapp(a: Filter, b: Filter): [Intervall, Intervall] | undefined {
  let par: [Intervall, Intervall] | undefined;
  for (const x of a.konton) for (const y of b.konton) if (!par && x.från <= y.till && y.från <= x.till) par = [x, y];
  if (!par) return undefined;
  for (const [d, ka] of a.dimensioner) {
    const kb = b.dimensioner.find(([e]) => e === d)?.[1];
    if (!kb) continue;
    const texter = (k: Intervall[] | Set<string>): string[] => (k instanceof Set ? [...k] : k.map((i) => i.text));
    const möts =
      ka instanceof Set || kb instanceof Set
        ? texter(ka).some((k) => harKod(kb, k)) || texter(kb).some((k) => harKod(ka, k))
        : ka.some((x) => kb.some((y) => x.från <= y.till && y.från <= x.till));
    if (!möts) return undefined;
  }
  return par;
}

/** "2025", "2025-08", "2025-01..2025-08" → a test on "YYYY-MM" periods. */
function periodtest(p: string | undefined): (period: string | undefined) => boolean {
  if (p === undefined) return () => true;
  const [a, b = a] = p.split('..') as [string, string?];
  const lo = a.length === 4 ? `${a}-01` : a;
  const hi = b!.length === 4 ? `${b}-12` : b!;
  // A yearly amount (a column "Budget 2025" without months) counts only where the whole year is asked for.
  return (period) =>
    period !== undefined && (/^\d{4}$/.test(period) ? `${period}-01` >= lo && `${period}-12` <= hi : period.slice(0, 7) >= lo && period.slice(0, 7) <= hi);
}

function allaRader(rader: Rad[], ut: Map<string, Rad> = new Map()): Map<string, Rad> {
  for (const r of rader) {
    ut.set(r.id, r);
    if (r.rader) allaRader(r.rader, ut);
  }
  return ut;
}

const gruppnyckel = (r: Bokföringsrad): string =>
  `${r.art}\u0000${r.konto}\u0000${Object.entries(r.dimensioner).sort(([a], [b]) => a.localeCompare(b)).map(([d, k]) => `${d}=${k}`).join(',')}`;

function gruppera(rader: Bokföringsrad[], tecken = 1): Omappad[] {
  const g = new Map<string, Omappad>();
  for (const r of rader) {
    const k = gruppnyckel(r);
    const o = g.get(k);
    if (o) {
      o.belopp += r.belopp * tecken;
      o.antal++;
    } else g.set(k, { konto: r.konto, dimensioner: r.dimensioner, art: r.art, belopp: r.belopp * tecken, antal: 1, källa: r.källa });
  }
  return [...g.values()].sort((a, b) => a.konto.localeCompare(b.konto, 'sv', { numeric: true }) || a.källa.localeCompare(b.källa, 'sv', { numeric: true }));
}

/**
 * Applies a mapping to an export: every mapped cell's new value, the export's and the import's
 * totals per column, and what no row took. Pure: the tables are read, never changed.
 */
export function tillämpa(exp: Export, m: Mappning, källa: SourceMap, tabeller: Tabell[]): Importresultat {
  const fel: Diagnostic[] = [];
  const varningar: Diagnostic[] = [];
  const vid = (path: Path, meddelande: string, nyckel = false, lista: Diagnostic[] = fel): void => {
    lista.push({ allvarlighet: lista === fel ? 'fel' : 'varning', regel: 'import-mappning', meddelande, plats: (nyckel ? källa.keyAt(path) : undefined) ?? källa.at(path) });
  };
  const dimensioner = [...exp.dimensioner.keys()];
  const byggFilter = (path: Path, konton: string[], dims: Record<string, string[]>): Filter => {
    const f: Filter = { konton: [], dimensioner: [] };
    konton.forEach((k, j) => {
      const iv = intervall(k)!;
      f.konton.push(iv);
      // A single account the export does not know is a typo or a stale mapping; a range may be empty.
      if (iv.från === iv.till && !exp.konton.has(k.trim()) && !exp.konton.has(String(iv.från))) {
        vid([...path, 'konton', j], `kontot ${k.trim()} finns inte i exporten ${exp.fil}; rätta kontot eller ta bort det`);
      }
    });
    for (const [d, lista] of Object.entries(dims)) {
      const dim = exp.dimensioner.get(d.toLowerCase());
      if (!dim) {
        vid([...path, d], `okänd dimension "${d}": exporten har ${dimensioner.length ? dimensioner.map((x) => `"${x}"`).join(', ') : 'inga dimensioner'}`, true);
        continue;
      }
      lista.forEach((k, j) => {
        const iv = intervall(k);
        const finns = iv && iv.från !== iv.till ? [...dim.objekt.keys()].some((o) => /^\d+$/.test(o) && Number(o) >= iv.från && Number(o) <= iv.till) : dim.objekt.has(k);
        if (!finns) vid([...path, d, j], `${d} ${k} finns inte i exporten; raden får inga belopp därifrån`, false, varningar);
      });
      f.dimensioner.push([dim.namn, koder(lista)]);
    }
    return f;
  };
  const delaUpp = (r: RadMappning): { konton: string[]; dims: Record<string, string[]> } => {
    const { konton, tecken: _t, ...dims } = r;
    return { konton, dims: dims as Record<string, string[]> };
  };

  const värden: NyttVärde[] = [];
  const summor: Kolumnsumma[] = [];
  const tagna = new Uint8Array(exp.rader.length);
  const omappadeITabell = new Map<string, Omappad[]>();
  const tabellerById = new Map(tabeller.map((t) => [t.id, t]));
  const sedda = new Set<string>();

  m.tabeller.forEach((tm, ti) => {
    const tp: Path = ['tabeller', ti];
    const t = tabellerById.get(tm.tabell);
    if (!t) {
      vid([...tp, 'tabell'], `okänd tabell "${tm.tabell}" (tabellerna är ${tabeller.map((x) => x.id).join(', ')})`);
      return;
    }
    if (sedda.has(t.id)) vid([...tp, 'tabell'], `tabellen "${t.id}" mappas två gånger; samla dess rader och kolumner i en post`);
    sedda.add(t.id);
    const urval = byggFilter([...tp, 'urval'], [], tm.urval ?? {});
    const rader = allaRader(t.rader);
    const mappadeRader: { id: string; filter: Filter; tecken: number; summerande: boolean }[] = [];
    Object.entries(tm.rader).forEach(([id, rm]) => {
      const rp: Path = [...tp, 'rader', id];
      const rad = rader.get(id);
      if (!rad) {
        vid(rp, `okänd rad "${id}" i tabellen ${t.id} (raderna är ${[...rader.keys()].join(', ')})`, true);
        return;
      }
      if (rad.roll === 'grupp') {
        vid(rp, `raden "${id}" är en grupprubrik utan värden; mappa raderna under den`, true);
        return;
      }
      const { konton, dims } = delaUpp(rm);
      const felFöre = fel.length;
      const filter = byggFilter(rp, konton, dims);
      // A row whose selection is already wrong is not compared with the others (one message, not two).
      if (fel.length > felFöre) return;
      const tecken = (rm.tecken ?? tm.tecken) === 'omvänt' ? -1 : 1;
      const ny = { id, filter, tecken, summerande: SUMMERANDE.has(rad.roll) };
      // One ledger row into two table rows would count it twice: an error, at the later row.
      if (!ny.summerande) {
        for (const a of mappadeRader) {
          if (a.summerande) continue;
          const ö = överlapp(a.filter, filter);
          if (ö) {
            const k = konton.findIndex((x) => x.trim() === ö[1].text);
            vid([...rp, 'konton', Math.max(0, k)], `konton ${ö[1].text} i raden "${id}" överlappar ${ö[0].text} i raden "${a.id}" (rad ${källa.at([...tp, 'rader', a.id]).rad}); ett belopp kan bara höra till en rad i tabellen (summa- och varav-rader får överlappa)`);
          }
        }
      }
      mappadeRader.push(ny);
    });
    const kolumner: { id: string; index: number; art: string; period: (p: string | undefined) => boolean; enhet: string; decimaler: number }[] = [];
    for (const [id, km] of Object.entries(tm.kolumner)) {
      const index = t.kolumner.findIndex((k) => k.id === id);
      if (index < 0) {
        vid([...tp, 'kolumner', id], `okänd kolumn "${id}" i tabellen ${t.id} (kolumnerna är ${t.kolumner.map((k) => k.id).join(', ')})`, true);
        continue;
      }
      const k = t.kolumner[index]!;
      const enhet = k.enhet ?? t.enhet;
      if (UNIT_FACTOR[enhet] === undefined) {
        vid([...tp, 'kolumner', id], `kolumnen "${id}" har enheten ${enhet}; bara belopp (kr, tkr, mnkr, mdkr) kan importeras`, true);
        continue;
      }
      kolumner.push({ id, index, art: km.art, period: periodtest(km.perioder), enhet, decimaler: k.decimaler ?? t.decimaler });
    }
    if (fel.length) return;

    const tabellTecken = tm.tecken === 'omvänt' ? -1 : 1;
    const exportSumma = new Float64Array(kolumner.length);
    const importSumma = new Float64Array(kolumner.length);
    const utanför: Bokföringsrad[] = [];
    const summa = new Float64Array(mappadeRader.length * kolumner.length);
    // Which columns take an amount depends only on its kind and period: decided once per pair.
    const kolumnerFör = new Map<string, number[]>();
    const delar: number[] = [];
    const summerande: number[] = [];
    exp.rader.forEach((r, ri) => {
      if (!träffar(urval, r)) return;
      const nyckel = `${r.art}\u0000${r.period ?? ''}`;
      let ck = kolumnerFör.get(nyckel);
      if (!ck) kolumnerFör.set(nyckel, (ck = kolumner.flatMap((k, ki) => (k.art === r.art && k.period(r.period) ? [ki] : []))));
      if (!ck.length) return;
      delar.length = 0;
      summerande.length = 0;
      mappadeRader.forEach((mr, i) => {
        if (träffar(mr.filter, r)) (mr.summerande ? summerande : delar).push(i);
      });
      if (delar.length > 1) {
        const [a, b] = [mappadeRader[delar[0]!]!, mappadeRader[delar[1]!]!];
        fel.push({ allvarlighet: 'fel', regel: 'import-mappning', meddelande: `${r.källa}: beloppet hamnar i två rader, "${a.id}" och "${b.id}"; gör mappningens urval disjunkta`, plats: källa.at([...tp, 'rader', b.id]) });
        return;
      }
      for (const ki of ck) {
        exportSumma[ki]! += r.belopp * tabellTecken;
        if (delar.length) importSumma[ki]! += r.belopp * tabellTecken;
        for (const i of [...delar, ...summerande]) summa[i * kolumner.length + ki]! += r.belopp * mappadeRader[i]!.tecken;
      }
      if (delar.length) tagna[ri] = 1;
      else utanför.push(r);
    });
    omappadeITabell.set(t.id, gruppera(utanför, tabellTecken));
    kolumner.forEach((k, ki) => {
      summor.push({ tabell: t.id, kolumn: k.id, enhet: k.enhet, decimaler: k.decimaler, export: exportSumma[ki]!, importerat: importSumma[ki]! });
      for (const [i, mr] of mappadeRader.entries()) {
        const kr = summa[i * kolumner.length + ki]!;
        const v = roundTo(convertAmount(kr, m.enhet, k.enhet)!, k.decimaler);
        värden.push({ tabell: t.id, rad: mr.id, kolumn: k.id, kolumnIndex: k.index, värde: v === 0 ? 0 : v, decimaler: k.decimaler });
      }
    });
  });
  const omappade = gruppera(exp.rader.filter((_, i) => !tagna[i]));
  return { värden, summor, omappade, omappadeITabell, fel, varningar };
}
