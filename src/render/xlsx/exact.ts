/** Exact decimal sums live beside the one rounding, in format/number.ts; the workbook imports them from here as before. */
export { decimalsOf, exactSum, type Term } from '../../core/format/number.js';
