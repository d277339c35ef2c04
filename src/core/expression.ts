/**
 * A calculation rule's expression (`a + b - c`): parsed once, here, for validation, the checks and
 * the workbook's formulas alike.
 */
export interface Term {
  sign: 1 | -1;
  id: string;
}

/** Parses `a + b - c`; operators stand between spaces because ids may contain `-`. */
export function parseExpression(expr: string): Term[] {
  const tokens = expr.trim().split(/\s+/);
  const terms: Term[] = [];
  let sign: 1 | -1 = 1;
  for (const tok of tokens) {
    if (tok === '+') sign = 1;
    else if (tok === '-' || tok === '−') sign = -1;
    else {
      terms.push({ sign, id: tok });
      sign = 1;
    }
  }
  return terms;
}
