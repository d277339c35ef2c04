import type { DiagnosRegel } from '../core/diagnostics/regler.js';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import { MAX_DEPTH, type Path, type SourceMap } from './yaml-source.js';
import { MÅNADER } from '../core/format/number.js';

/**
 * Values YAML accepts but a report cannot print: numbers beyond what a kommun publishes, dates
 * that do not exist, a decimal comma that YAML silently reads as two numbers, and nesting no
 * report file has. Run on every data file after parsing and before the schema, so each gives one
 * message at its place instead of a cascade of schema errors.
 */

/** Excel's limit for the text of one cell; the workbook holds every text of the data. */
export const EXCEL_CELL_MAX = 32_767;

/** Beyond 15 significant digits a double no longer holds the number as written. */
const MAX_DIGITS = 15;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** Why `YYYY-MM-DD` is not a date, or undefined when it is one. */
export function impossibleDate(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12)
    return `datumet ${s} finns inte: månaden ${m[2]} finns inte (01–12); skriv datumet som ÅÅÅÅ-MM-DD`;
  const max = daysIn(y, mo);
  if (d < 1 || d > max)
    return `datumet ${s} finns inte: ${MÅNADER[mo - 1]} ${y} har ${max} dagar; skriv datumet som ÅÅÅÅ-MM-DD`;
  return undefined;
}

/** Significant digits of a number as written (`0012.50` has four). */
function significantDigits(raw: string): number {
  const mantissa = raw.replace(/^[-+]/, '').split(/[eE]/)[0] ?? '';
  const digits = mantissa.replace('.', '').replace(/^0+/, '');
  return digits.length;
}

export function scanValues(value: unknown, source: SourceMap, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const fel = (path: Path, meddelande: string, regel: DiagnosRegel = 'värde'): void => {
    out.push({ allvarlighet: 'fel', regel, meddelande, plats: source.at(path) });
  };

  const number = (n: number, path: Path): void => {
    const raw = source.raw(path) ?? String(n);
    if (!Number.isFinite(n))
      return fel(path, `${raw} är inget tal som kan skrivas ut; skriv ett tal, eller null för en tom cell`);
    if (/^[-+]?0[xo]/i.test(raw))
      return fel(path, `${raw} är skrivet med en annan talbas; skriv talet med siffrorna 0–9`);
    if (Math.abs(n) >= 10 ** MAX_DIGITS)
      return fel(
        path,
        `talet ${raw} är större än något belopp en rapport skriver ut (högst ${MAX_DIGITS} siffror); kontrollera talet, eller byt enhet (tkr, mnkr, mdkr)`,
      );
    if (/^[-+]?[\d.]+$/.test(raw) && significantDigits(raw) > MAX_DIGITS)
      return fel(
        path,
        `talet ${raw} har fler än ${MAX_DIGITS} värdesiffror och kan inte lagras exakt; avrunda det som det publiceras`,
      );
    if (/[eE]/.test(raw) && !/^["']/.test(raw))
      return fel(
        path,
        `skriv talet ${raw} utan exponent, som det står i rapporten (t.ex. 1500000 i stället för 1.5e6)`,
      );
    // `[12,5, 3]`: YAML reads 12 and 5, two numbers. A comma right before a digit is a decimal comma.
    const pos = source.at(path);
    const off = (lineStarts[pos.rad - 1] ?? 0) + pos.kolumn - 1;
    if (
      text.slice(off, off + raw.length) === raw &&
      text[off + raw.length] === ',' &&
      /\d/.test(text[off + raw.length + 1] ?? '')
    ) {
      const next = /^\d+/.exec(text.slice(off + raw.length + 1))?.[0] ?? '';
      fel(
        path,
        `${raw},${next} läses av YAML som två tal (${raw} och ${next}): decimaltecknet är punkt, så skriv ${raw}.${next} eller "${raw},${next}"; är det två tal, skriv ett mellanslag efter kommat`,
        'yaml-fälla',
      );
    }
  };

  const walk = (v: unknown, path: Path): void => {
    if (path.length > MAX_DEPTH) return fel(path, `värdet är för djupt nästlat (mer än ${MAX_DEPTH} nivåer)`);
    if (typeof v === 'number') number(v, path);
    else if (typeof v === 'string') {
      const d = impossibleDate(v);
      if (d) fel(path, d, 'datum');
      if (v.length > EXCEL_CELL_MAX)
        fel(
          path,
          `texten är ${v.length} tecken lång; en cell i Excel rymmer högst ${EXCEL_CELL_MAX} tecken: korta texten eller dela den på flera poster`,
        );
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  return out;
}
