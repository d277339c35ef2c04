/** The rules are evaluated once, in the checks; the workbook writes that evaluation as formulas. */
export { DIFF_DECIMALER, numberAt, planRules, type Beräkning, type RegelPlan } from '../../core/evaluate.js';

/**
 * `SUM(C5:C7,C9)-SUM(C12)` for signed cell addresses. SUM() skips text and blanks, so a marker
 * among the terms counts as 0 instead of giving #VALUE!. Runs of adjacent cells become ranges.
 */
export function sumFormula(
  terms: { sign: 1 | -1; row: number; col: number; ref?: string }[],
  addr: (row: number, col: number) => string,
): string {
  /** `ref`: a cell on another sheet ('Investeringar'!C7), never part of a range. */
  type At = { row: number; col: number; ref?: string };
  const vertical = (a: At, b: At): boolean => !a.ref && !b.ref && a.col === b.col && b.row === a.row + 1;
  const horizontal = (a: At, b: At): boolean => !a.ref && !b.ref && a.row === b.row && b.col === a.col + 1;
  const group = (xs: At[]): string => {
    const parts: string[] = [];
    let i = 0;
    while (i < xs.length) {
      const a = xs[i]!;
      const next = xs[i + 1];
      const adjacent = next ? (vertical(a, next) ? vertical : horizontal(a, next) ? horizontal : null) : null;
      let j = i;
      if (adjacent) while (j + 1 < xs.length && adjacent(xs[j]!, xs[j + 1]!)) j++;
      if (j - i >= 2) {
        parts.push(`${addr(a.row, a.col)}:${addr(xs[j]!.row, xs[j]!.col)}`);
        i = j + 1;
      } else {
        parts.push(a.ref ?? addr(a.row, a.col));
        i += 1;
      }
    }
    return `SUM(${parts.join(',')})`;
  };
  const pos = terms.filter((t) => t.sign === 1);
  const neg = terms.filter((t) => t.sign === -1);
  if (!pos.length) return `-${group(neg)}`;
  return neg.length ? `${group(pos)}-${group(neg)}` : group(pos);
}
