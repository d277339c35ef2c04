import type { Cell } from '../schema/cell.js';

/** Swedish number formatting, the one place all renderers use. */
export const NBSP = '\u00a0';
export const MINUS = '\u2212';

export function formatNumber(value: number, decimals: number): string {
  const neg = value < 0 || Object.is(value, -0);
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const body = frac ? `${grouped},${frac}` : grouped;
  const isZero = Number(fixed) === 0;
  return neg && !isZero ? `${MINUS}${body}` : body;
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
      if (cell.referensår !== undefined) text += ` (${cell.referensår})`;
      if (cell.period) text += ` (${cell.period})`;
      if (cell.not) text += ` ${cell.not}`;
      return { text, numeric: true, ...fn };
    }
    case 'flera':
      return { text: cell.tal.map((t) => formatNumber(t, decimals)).join(cell.skiljetecken), numeric: true, ...fn };
    case 'intervall':
      return { text: `${formatNumber(cell.från, decimals)}–${formatNumber(cell.till, decimals)}`, numeric: true, ...fn };
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

/** Default decimals when an amount is shown in a unit (tkr → mnkr with one decimal). */
export const UNIT_DECIMALS: Record<string, number> = { kr: 0, tkr: 0, mnkr: 1, mdkr: 2, '%': 1, antal: 0 };

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** `2021-08-31` → `31 augusti 2021`. */
export function formatDateLong(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}
