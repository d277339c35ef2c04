/** Which ledger rows a mapping's selection takes: account ranges, object codes, periods. Pure. */
import type { Bokföringsrad } from './ledger.js';

/** An inclusive interval of account numbers or numeric object codes, with its text as written. */
export interface Intervall {
  från: number;
  till: number;
  text: string;
}

export interface Filter {
  konton: Intervall[];
  dimensioner: [string, Intervall[] | Set<string>][];
}

export function intervall(s: string): Intervall | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return { från: Math.min(a, b), till: Math.max(a, b), text: s.trim() };
}

/** Codes are intervals when every one is numeric (ansvar 100-199), else exact texts. */
export function koder(lista: string[]): Intervall[] | Set<string> {
  const iv = lista.map(intervall);
  return iv.every((i): i is Intervall => i !== undefined) ? iv : new Set(lista);
}

const iIntervall = (iv: Intervall[], s: string): boolean => {
  const n = Number(s);
  return iv.some((i) => n >= i.från && n <= i.till);
};
const harKod = (k: Intervall[] | Set<string>, s: string | undefined): boolean =>
  s !== undefined && (k instanceof Set ? k.has(s) : /^\d+$/.test(s) && iIntervall(k, s));

export const träffar = (f: Filter, r: Bokföringsrad): boolean =>
  (f.konton.length === 0 || iIntervall(f.konton, r.konto)) &&
  f.dimensioner.every(([d, k]) => harKod(k, r.dimensioner[d]));

/** Whether two rows' selections can hold the same ledger row: accounts meet and every shared dimension meets. */
export function överlapp(a: Filter, b: Filter): [Intervall, Intervall] | undefined {
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
export function periodtest(p: string | undefined): (period: string | undefined) => boolean {
  if (p === undefined) return () => true;
  const [a, b = a] = p.split('..') as [string, string?];
  const lo = a.length === 4 ? `${a}-01` : a;
  const hi = b!.length === 4 ? `${b}-12` : b!;
  // A yearly amount (a column "Budget 2025" without months) counts only where the whole year is asked for.
  return (period) =>
    period !== undefined &&
    (/^\d{4}$/.test(period)
      ? `${period}-01` >= lo && `${period}-12` <= hi
      : period.slice(0, 7) >= lo && period.slice(0, 7) <= hi);
}
