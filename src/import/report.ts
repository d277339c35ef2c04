import { formatNumber } from '../core/format/number.js';
import type { Kolumnsumma, Omappad } from './apply.js';
import type { Celländring } from './write-tables.js';

const kr = (v: number, enhet = 'kr'): string =>
  `${formatNumber(v, Number.isInteger(Math.round(v * 100) / 100) ? 0 : 2)} ${enhet}`;
const MAX_RADER = 40;

/** Pads columns to the widest cell, left-aligned first column, the rest right-aligned. */
function tabell(rader: string[][]): string[] {
  const bredd = rader[0]!.map((_, i) => Math.max(...rader.map((r) => [...r[i]!].length)));
  return rader.map((r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(bredd[i]!) : c.padStart(bredd[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function ändringsrader(ä: Celländring[]): string[] {
  if (!ä.length) return ['Inga celler ändras: tabellerna har redan exportens värden.'];
  return [
    `${ä.length} ${ä.length === 1 ? 'cell ändras' : 'celler ändras'} (före → efter):`,
    ...tabell(ä.map((c) => [`  ${c.cell}`, c.före, '→', c.efter])),
  ];
}

/** The export's and the import's totals per column, side by side, in kronor and in the table's unit. */
export function summarader(s: Kolumnsumma[], exportensEnhet: string): string[] {
  const e = exportensEnhet;
  // Sums of many amounts carry binary noise; a difference below half an öre is none.
  const lika = (x: Kolumnsumma): boolean => Math.abs(x.export - x.importerat) < 0.005;
  const rad = (x: Kolumnsumma): string[] => [
    `  ${x.tabell}/${x.kolumn}`,
    kr(x.export, e),
    kr(x.importerat, e),
    kr(lika(x) ? 0 : x.export - x.importerat, e),
    lika(x) ? 'allt mappat' : 'omappat finns',
  ];
  return [
    'Summor per kolumn, exporten och det importerade:',
    ...tabell([['  tabell/kolumn', 'exporten', 'importerat', 'skillnad', ''], ...s.map(rad)]),
  ];
}

const beskriv = (o: Omappad): string =>
  `konto ${o.konto}${Object.entries(o.dimensioner)
    .map(([d, k]) => ` ${d} ${k}`)
    .join('')} (${o.art})`;

export function omappadeRader(rubrik: string, o: Omappad[]): string[] {
  if (!o.length) return [];
  const summa = o.reduce((a, x) => a + x.belopp, 0);
  const antal = o.reduce((a, x) => a + x.antal, 0);
  const ut = [`${rubrik} (${antal} ${antal === 1 ? 'rad' : 'rader'}, sammanlagt ${kr(summa)}):`];
  ut.push(
    ...tabell(
      o
        .slice(0, MAX_RADER)
        .map((x) => [`  ${beskriv(x)}`, kr(x.belopp), `${x.antal} ${x.antal === 1 ? 'rad' : 'rader'}, ${x.källa}`]),
    ),
  );
  if (o.length > MAX_RADER) ut.push(`  … och ${o.length - MAX_RADER} grupper till`);
  return ut;
}
