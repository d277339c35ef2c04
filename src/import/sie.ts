import { avkoda, radOchKolumn, ärUtf8MedÅÄÖ, type Kodning } from './encoding.js';
import { Importfel, dimensionsnamn, type Bokföringsrad, type Dimension, type Export } from './ledger.js';

/**
 * SIE 4 (the Swedish standard file for accounting data, www.sie.se): the kontoplan (#KONTO),
 * dimensions (#DIM, #OBJEKT) and the period balances and budgets per object (#PSALDO, #PBUDGET).
 * Verifications (#VER/#TRANS) and yearly balances are not figures a report's tables take.
 */

/** Dimensions 1–19 are reserved by the standard; these have names a file need not declare. */
const STANDARDDIMENSIONER: Record<string, string> = {
  '1': 'kostnadsställe',
  '2': 'kostnadsbärare',
  '6': 'projekt',
  '7': 'anställd',
  '8': 'kund',
  '9': 'leverantör',
  '10': 'faktura',
};

type Token = string | string[];

const FÄLT = /"((?:[^"\\]|\\.)*)"?|([{}])|([^\s{}"]+)/g;

/** A line's fields: plain words, "quoted strings" (with \" escapes) and {object lists}. */
export function sieFält(rad: string): Token[] {
  const ut: Token[] = [];
  let lista: string[] | undefined;
  for (const m of rad.matchAll(FÄLT)) {
    if (m[2] === '{') {
      if (!lista) lista = [];
    } else if (m[2] === '}') {
      if (lista) ut.push(lista);
      lista = undefined;
    } else {
      const ord = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[3]!;
      (lista ?? ut).push(ord);
    }
  }
  if (lista) ut.push(lista);
  return ut;
}

export function läsSie(bytes: Uint8Array, fil: string, kodning: Kodning): Export {
  // SIE 4 is CP437 ("#FORMAT PC8"). A file saved as UTF-8 would read as garbage names: refuse it.
  if (kodning === 'auto') {
    const utf8 = ärUtf8MedÅÄÖ(bytes);
    if (utf8 !== undefined) {
      throw new Importfel(
        `${fil}:${radOchKolumn(bytes, utf8)}`,
        'filen är sparad som UTF-8, men SIE 4 ska vara i CP437 (#FORMAT PC8); exportera filen igen ur ekonomisystemet, eller ange kodning: utf-8 under källa i mappningen',
      );
    }
  }
  const text = avkoda(bytes, kodning, fil, 'cp437');
  const rader = text.split(/\r?\n/);
  if (!rader.some((r) => r.trim())) throw new Importfel(`${fil}:1`, 'exporten är tom');
  if (!rader.some((r) => /^\s*#(FLAGGA|SIETYP|PSALDO|PBUDGET|KONTO)\b/.test(r))) {
    throw new Importfel(`${fil}:1`, 'filen är ingen SIE-fil (inga rader #FLAGGA, #SIETYP, #KONTO eller #PSALDO)');
  }

  const dimNamn = new Map<string, string>();
  const dimensioner = new Map<string, Dimension>();
  const konton = new Map<string, string>();
  const saldon: { nr: number; fält: Token[]; art: 'utfall' | 'budget' }[] = [];
  const objekt: { nr: number; fält: Token[] }[] = [];
  rader.forEach((rad, i) => {
    const nr = i + 1;
    const t = rad.trim();
    if (!t.startsWith('#')) return;
    const fält = sieFält(t);
    switch (fält[0]) {
      case '#DIM':
        dimNamn.set(String(fält[1]), String(fält[2] ?? ''));
        break;
      case '#OBJEKT':
        objekt.push({ nr, fält });
        break;
      case '#KONTO':
        konton.set(String(fält[1]), String(fält[2] ?? ''));
        break;
      case '#PSALDO':
        saldon.push({ nr, fält, art: 'utfall' });
        break;
      case '#PBUDGET':
        saldon.push({ nr, fält, art: 'budget' });
        break;
    }
  });

  /** The dimension's name by its number; a number no #DIM declares (and the standard does not name) is an error. */
  const dimension = (nummer: string, plats: string): Dimension => {
    const namn = dimNamn.get(nummer) ?? STANDARDDIMENSIONER[nummer];
    if (namn === undefined) {
      throw new Importfel(
        plats,
        `dimension ${nummer} används men deklareras inte med #DIM ${nummer} "namn" (SIE 4 kräver #DIM för dimensioner utöver standardens 1, 2, 6–10)`,
      );
    }
    const key = dimensionsnamn(namn);
    let d = dimensioner.get(key);
    if (!d) dimensioner.set(key, (d = { namn: key, objekt: new Map() }));
    return d;
  };
  for (const nummer of [...dimNamn.keys()].sort((a, b) => Number(a) - Number(b))) dimension(nummer, fil);
  for (const o of objekt)
    dimension(String(o.fält[1]), `${fil}:${o.nr}`).objekt.set(String(o.fält[2]), String(o.fält[3] ?? ''));

  const ut: Bokföringsrad[] = [];
  // An empty object list is the account's total; when the same account and period also has rows
  // per object, the total would count them twice and is left out (listed as a sums row).
  const medObjekt = new Set<string>();
  const nyckel = (f: Token[], art: string): string => `${art} ${String(f[1])} ${String(f[2])} ${String(f[3])}`;
  for (const s of saldon) if (Array.isArray(s.fält[4]) && s.fält[4].length) medObjekt.add(nyckel(s.fält, s.art));
  const summarader: string[] = [];
  for (const s of saldon) {
    const plats = `${fil}:${s.nr}`;
    const [, , period, konto, lista, saldo] = s.fält;
    const objektlista = Array.isArray(lista) ? lista : [];
    const beloppstext = Array.isArray(lista) ? saldo : lista;
    if (typeof period !== 'string' || !/^\d{6}$/.test(period))
      throw new Importfel(plats, `perioden "${String(period ?? '')}" ska vara ÅÅÅÅMM, t.ex. 202508`);
    if (typeof konto !== 'string' || !/^\d+$/.test(konto))
      throw new Importfel(plats, `kontot "${String(konto ?? '')}" är inget kontonummer`);
    const belopp =
      typeof beloppstext === 'string' && /^-?\d+(\.\d+)?$/.test(beloppstext) ? Number(beloppstext) : undefined;
    if (belopp === undefined)
      throw new Importfel(plats, `saldot "${String(beloppstext ?? '')}" är inget belopp (SIE skriver t.ex. -1234.50)`);
    if (objektlista.length % 2) throw new Importfel(plats, 'objektlistan ska bestå av par: {dimension "objekt" …}');
    if (!objektlista.length && medObjekt.has(nyckel(s.fält, s.art))) {
      summarader.push(plats);
      continue;
    }
    const dims: Record<string, string> = {};
    for (let k = 0; k < objektlista.length; k += 2) {
      const d = dimension(objektlista[k]!, plats);
      const kod = objektlista[k + 1]!;
      dims[d.namn] = kod;
      if (!d.objekt.has(kod)) d.objekt.set(kod, '');
    }
    if (!konton.has(konto)) konton.set(konto, '');
    if (belopp === 0) continue;
    ut.push({
      konto,
      dimensioner: dims,
      period: `${period.slice(0, 4)}-${period.slice(4)}`,
      art: s.art,
      belopp,
      källa: plats,
    });
  }
  if (!saldon.length)
    throw new Importfel(
      `${fil}:1`,
      'exporten har inga #PSALDO- eller #PBUDGET-rader (exportera med periodsaldon och budget)',
    );
  return { fil, format: 'sie', rader: ut, dimensioner, konton, summarader };
}
