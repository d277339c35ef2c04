import type { TabellBlock, TabellKolumn } from '../../../core/model/dokument.js';

/**
 * Which two columns of a table a sentence about a change compares: "ökade med 310 tkr jämfört
 * med 2025" (a year named: that year's column against the report year's, or the later of two
 * named years), "1,4 mnkr lägre än budget" (a budget or ram named: the budget against the
 * outcome or prognos of the same year). Columns of one kind are compared: outcome with outcome,
 * budget with budget, a part-year period only with a part-year period.
 */
export interface ColumnPair {
  from: TabellKolumn;
  to: TabellKolumn;
  /** A change between years, or an outcome or prognos against its budget. */
  kind: 'år' | 'budget';
}

/** The kind of a column's measure, for comparing like with like; undefined for deviations, targets … */
function kindOf(mått: string): 'utfall' | 'prognos' | 'budget' | undefined {
  if (mått === 'utfall' || mått === 'redovisat' || mått === 'bokslut') return 'utfall';
  if (mått === 'prognos') return 'prognos';
  if (mått === 'budget' || mått === 'ram' || mått === 'plan') return 'budget';
  return undefined;
}

/**
 * The column pairs a claim names in a table. `years` are the years the claim names (relative
 * ones resolved), `measures` the measures it names (a budget or ram named compares with it).
 */
export function namedPairs(
  t: TabellBlock,
  years: ReadonlySet<number>,
  measures: ReadonlySet<string>,
  reportYear: number,
): ColumnPair[] {
  const out: ColumnPair[] = [];
  const cols = t.kolumner.filter((k) => kindOf(k.mått) !== undefined);
  // A measure the claim names narrows the columns to those of that measure.
  const namedKinds = new Set([...measures].map(kindOf).filter((k) => k !== undefined));
  const fits = (k: TabellKolumn): boolean => !namedKinds.size || namedKinds.has(kindOf(k.mått)!);
  const shown = new Set(cols.map((k) => k.år).filter((y) => y !== undefined));
  const named = [...years].filter((y) => shown.has(y)).sort((a, b) => a - b);
  if (named.length >= 1 && named.length <= 2) {
    const fromYear = named[0]!;
    const toYear = named.length === 2 ? named[1]! : reportYear;
    if (toYear > fromYear)
      for (const from of cols.filter((k) => k.år === fromYear))
        for (const to of cols.filter((k) => k.år === toYear))
          if (kindOf(from.mått) === kindOf(to.mått) && !!from.period === !!to.period && (fits(from) || fits(to)))
            out.push({ from, to, kind: 'år' });
  }
  if (measures.has('budget') || measures.has('ram')) {
    const outcomeKinds = new Set<string>([...namedKinds].filter((k) => k !== 'budget'));
    const year = named.length === 1 ? named[0] : undefined;
    for (const from of cols.filter((k) => k.mått === 'budget' || k.mått === 'ram'))
      for (const to of cols)
        if (
          (kindOf(to.mått) === 'utfall' || kindOf(to.mått) === 'prognos') &&
          (!outcomeKinds.size || outcomeKinds.has(kindOf(to.mått)!)) &&
          from.år === to.år &&
          (year === undefined || to.år === year) &&
          !!from.period === !!to.period
        )
          out.push({ from, to, kind: 'budget' });
  }
  return out;
}
