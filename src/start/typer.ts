import { formatDateLong } from '../core/format/number.js';
import { ärUppföljning, type Rapporttyp } from '../schema/rapport.js';

/** A table column a new report of a kind starts with. */
export interface Kolumnförslag {
  id: string;
  rubrik: string;
  mått: 'utfall' | 'bokslut' | 'budget' | 'plan' | 'prognos' | 'avvikelse';
  år: number;
  period?: string;
}

const MÅNADER = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "jan–aug" for a period ending 31 August. */
export function periodKort(till: string): string {
  const m = Number(till.slice(5, 7));
  return m === 1 ? 'jan' : `jan–${MÅNADER[m - 1] ?? 'dec'}`;
}

/** The usual end of the period a kind reports on. */
export function periodSlut(typ: Rapporttyp, år: number): string {
  if (typ === 'tertialrapport') return `${år}-04-30`;
  if (typ === 'månadsrapport') return `${år}-03-31`;
  return `${år}-08-31`;
}

/**
 * The columns a kind's tables start with: a budget shows last year's budget, the year's budget
 * and the plan years; a follow-up the year's budget, the outcome so far, the forecast and the
 * deviation; a verksamhetsberättelse the budget, the closed accounts and the deviation.
 */
export function kolumnerFörTyp(typ: Rapporttyp, år: number, till?: string): Kolumnförslag[] {
  if (typ === 'verksamhetsberättelse') {
    return [
      { id: `budget_${år}`, rubrik: `Budget ${år}`, mått: 'budget', år },
      { id: `bokslut_${år}`, rubrik: `Bokslut ${år}`, mått: 'bokslut', år },
      { id: `avvikelse_${år}`, rubrik: 'Avvikelse', mått: 'avvikelse', år },
    ];
  }
  if (ärUppföljning(typ)) {
    const period = periodKort(till ?? periodSlut(typ, år));
    return [
      { id: `budget_${år}`, rubrik: `Budget ${år}`, mått: 'budget', år },
      { id: `utfall_${år}`, rubrik: `Utfall ${period} ${år}`, mått: 'utfall', år, period },
      { id: `prognos_${år}`, rubrik: `Prognos ${år}`, mått: 'prognos', år },
      { id: `avvikelse_${år}`, rubrik: 'Avvikelse', mått: 'avvikelse', år },
    ];
  }
  return [
    { id: `budget_${år - 1}`, rubrik: `Budget ${år - 1}`, mått: 'budget', år: år - 1 },
    { id: `budget_${år}`, rubrik: `Budget ${år}`, mått: 'budget', år },
    { id: `plan_${år + 1}`, rubrik: `Plan ${år + 1}`, mått: 'plan', år: år + 1 },
    { id: `plan_${år + 2}`, rubrik: `Plan ${år + 2}`, mått: 'plan', år: år + 2 },
  ];
}

/** A plain title for a new report; the writer changes it to the kommun's own. */
export function titelFörTyp(typ: Rapporttyp, nämnd: string, år: number, till?: string): string {
  switch (typ) {
    case 'internbudget':
    case 'förvaltningsbudget':
    case 'budgetförslag':
    case 'verksamhetsplan':
      return `${typ[0]!.toUpperCase()}${typ.slice(1)} ${år} – ${nämnd}`;
    case 'verksamhetsberättelse':
      return `Verksamhetsberättelse ${år} – ${nämnd}`;
    default:
      return `${typ[0]!.toUpperCase()}${typ.slice(1)} per den ${formatDateLong(till ?? periodSlut(typ, år))} – ${nämnd}`;
  }
}
