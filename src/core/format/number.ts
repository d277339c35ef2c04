import type { Cell } from '../../schema/cell.js';

/** Swedish number formatting, the one place all renderers use. */
export const NBSP = '\u00a0';
export const MINUS = '\u2212';

/**
 * A finite number's shortest decimal spelling (the digits JavaScript round-trips), without
 * exponent: 30.15 → "30.15", 1e-7 → "0.0000001". Rounding works on these digits, so a figure
 * rounds as it is written, never as its binary approximation (30.15 is 30.149999… in binary).
 */
function decimalDigits(v: number): { neg: boolean; int: string; frac: string } {
  const neg = v < 0 || Object.is(v, -0);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(v)));
  if (!m) return { neg, int: '0', frac: '' };
  let digits = `${m[1]}${m[2] ?? ''}`;
  let point = m[1]!.length + Number(m[3] ?? 0);
  if (point <= 0) {
    digits = `${'0'.repeat(1 - point)}${digits}`;
    point = 1;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  return { neg, int: digits.slice(0, point).replace(/^0+(?=\d)/, ''), frac: digits.slice(point) };
}

/** Adds one to a string of decimal digits ("0999" → "1000"). */
function incrementDigits(s: string): string {
  const d = s.split('');
  for (let i = d.length - 1; i >= 0; i--) {
    if (d[i] === '9') d[i] = '0';
    else {
      d[i] = String(Number(d[i]) + 1);
      return d.join('');
    }
  }
  return `1${d.join('')}`;
}

/**
 * The one rounding of the project: half away from zero, on the decimal digits (never `toFixed` on
 * a binary float: 30,15 → 30,2, 1,005 → 1,01, 2,675 → 2,68, −0,25 → −0,3). Returns the sign and the
 * rounded digits; `roundHalfAway` and `formatNumber` both read them, so what is printed is what is
 * compared.
 */
export function roundedDigits(value: number, decimals: number): { neg: boolean; int: string; frac: string } {
  if (!Number.isFinite(value)) return { neg: false, int: '0', frac: '0'.repeat(Math.max(0, decimals)) };
  const d = Math.max(0, Math.floor(decimals));
  const { neg, int, frac } = decimalDigits(value);
  const kept = `${int}${frac.slice(0, d).padEnd(d, '0')}`;
  const up = (frac[d] ?? '0') >= '5';
  const all = up ? incrementDigits(kept) : kept;
  const intLen = all.length - d;
  const r = { int: all.slice(0, intLen) || '0', frac: all.slice(intLen) };
  return { neg: neg && /[1-9]/.test(all), ...r };
}

/** Exact powers of ten (every one up to 10^22 is a double). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `value` rounded half away from zero to `decimals`, decimal-exact; never −0. Negative decimals
 * round to tens, hundreds… (666 778 tkr at the precision of 666,8 mnkr is 666 800).
 */
export function roundHalfAway(value: number, decimals: number): number {
  if (decimals < 0) {
    const shift = 10 ** -Math.floor(decimals);
    const r = roundHalfAway(Number(`${value}e${Math.floor(decimals)}`), 0) * shift;
    return r === 0 ? 0 : r;
  }
  // Clear of a half, the scaled binary value rounds as its decimal digits do (its error is a few
  // units in 2^-52 of itself), and n / 10^d is the double nearest the digits, as Number() parses
  // them: the same result without the digit strings, the checks' commonest call.
  const pow = Number.isInteger(decimals) ? POW10[decimals] : undefined;
  if (pow !== undefined) {
    const scaled = Math.abs(value) * pow;
    const frac = scaled - Math.floor(scaled);
    if (scaled < 2 ** 50 && Math.abs(frac - 0.5) > scaled * 2 ** -48 + 2 ** -60) {
      const n = Math.floor(scaled + 0.5);
      return n === 0 ? 0 : (value < 0 ? -n : n) / pow;
    }
  }
  const r = roundedDigits(value, decimals);
  const n = Number(`${r.neg ? '-' : ''}${r.int}${r.frac ? `.${r.frac}` : ''}`);
  return n === 0 ? 0 : n;
}

/** Half a unit of the last printed decimal: what rounding to `decimals` can have hidden. */
export const halfUnit = (decimals: number): number => Number(`5e${-decimals - 1}`);

export function formatNumber(value: number, decimals: number): string {
  const { neg, int, frac } = roundedDigits(value, decimals);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const body = frac ? `${grouped},${frac}` : grouped;
  return neg ? `${MINUS}${body}` : body;
}

/** Decimals as written in the YAML source (`3.0` → 1, `150` → 0). */
export function decimalsOfSource(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const m = /^[-+]?\d+(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return fallback;
  return m[1] ? m[1].length : 0;
}

export interface FormattedCell {
  text: string;
  /** A footnote marker to show raised after the value. */
  fotnot?: string;
  numeric: boolean;
}

/** A cell as printed in a table, markers as published. */
export function formatCell(cell: Cell, decimals: number): FormattedCell {
  const fn = 'fotnot' in cell && cell.fotnot ? { fotnot: cell.fotnot } : {};
  switch (cell.typ) {
    case 'tal': {
      let text = formatNumber(cell.tal, decimals);
      if (cell.enhet) text += cell.enhet === '%' ? '%' : `${NBSP}${cell.enhet}`;
      if (cell.referensår !== undefined)
        text = cell.avserFörst ? `${cell.referensår}: ${text}` : `${text} (${cell.referensår})`;
      if (cell.period) text += ` (${cell.period})`;
      if (cell.not) text += ` ${cell.not}`;
      return { text, numeric: true, ...fn };
    }
    case 'flera':
      return { text: cell.tal.map((t) => formatNumber(t, decimals)).join(cell.skiljetecken), numeric: true, ...fn };
    case 'intervall':
      return {
        text: `${formatNumber(cell.från, decimals)}–${formatNumber(cell.till, decimals)}`,
        numeric: true,
        ...fn,
      };
    case 'iu':
      return { text: cell.som, numeric: false, ...fn };
    case 'streck':
      return { text: cell.som, numeric: false };
    case 'tom':
      return { text: '', numeric: false };
    case 'text':
      return { text: cell.text, numeric: false, ...fn };
    case 'jämförelse': {
      if (cell.som !== undefined) return { text: cell.som, numeric: false, ...fn };
      let text = `${cell.operator}${NBSP}${formatNumber(cell.tal, cell.decimaler)}`;
      if (cell.enhet) text += '%';
      if (cell.tillägg) text += ` ${cell.tillägg}`;
      return { text, numeric: false, ...fn };
    }
    case 'riktning':
      return { text: cell.som, numeric: false, ...fn };
  }
}

/** Unit conversion factors to kronor. */
export const UNIT_FACTOR: Record<string, number> = { kr: 1, tkr: 1e3, mnkr: 1e6, mdkr: 1e9 };

export function convertAmount(value: number, from: string, to: string): number | undefined {
  const a = UNIT_FACTOR[from];
  const b = UNIT_FACTOR[to];
  if (a === undefined || b === undefined) return from === to ? value : undefined;
  return (value * a) / b;
}

/** A precision of `decimals` in unit `from`, expressed in unit `to` (0 decimals in tkr = 3 in mnkr). */
export function decimalsInUnit(decimals: number, from: string, to: string): number {
  const a = UNIT_FACTOR[from];
  const b = UNIT_FACTOR[to];
  if (a === undefined || b === undefined) return decimals;
  return decimals + Math.round(Math.log10(b / a));
}

/** Default decimals when an amount is shown in a unit (tkr → mnkr with one decimal). */
export const UNIT_DECIMALS: Record<string, number> = { kr: 0, tkr: 0, mnkr: 1, mdkr: 2, '%': 1, antal: 0 };

/** The months' Swedish names, January first. */
export const MÅNADER = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** `2021-08-31` → `31 augusti 2021`. */
export function formatDateLong(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MÅNADER[(m ?? 1) - 1]} ${y}`;
}

/**
 * Exact decimal arithmetic for the cached results of the workbook's formulas. Published figures
 * have few decimals; summing them as scaled integers gives the decimal result (554,9, not
 * 554,9000000000001), which is what Excel shows and what LibreOffice recalculates to within
 * floating-point noise.
 */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(x)));
  if (!m) return 15;
  return Math.max(0, Math.min(15, (m[2]?.length ?? 0) - (m[3] ? Number(m[3]) : 0)));
}

export interface Term {
  sign: 1 | -1;
  value: number;
}

/** Σ sign·value, exact in decimal when the scaled values fit in a safe integer. */
export function exactSum(terms: readonly Term[]): number {
  const k = Math.max(0, ...terms.map((t) => decimalsOf(t.value)));
  const scale = 10 ** k;
  let n = 0;
  let exact = true;
  for (const t of terms) {
    const i = Math.round(t.value * scale);
    if (!Number.isSafeInteger(i)) exact = false;
    n += t.sign * i;
  }
  const r = exact && Number.isSafeInteger(n) ? n / scale : terms.reduce((s, t) => s + t.sign * t.value, 0);
  return r === 0 ? 0 : r; // no negative zero
}
