import type { Diagnostic, Position } from '../../../core/diagnostics/diagnostic.js';
import { formatNumber } from '../../../core/format/number.js';
import type { TextBelopp } from '../../../core/model/kontroll.js';
import type { TextAmount } from '../../text/amounts.js';
import type { Scored } from './scoring.js';

/** A figure of the text that contradicts the cell it was judged against. */
export const contradicts = (a: TextAmount, plats: Position, x: Scored, kommentar: string): TextBelopp => ({
  text: a.text,
  plats,
  värde: a.value,
  enhet: a.unit,
  verdikt: 'motsäger',
  fakta: [x.c.fakt.id],
  kommentar,
});
export const shown = (x: Scored): string =>
  `${x.c.describe} = ${formatNumber(x.c.value, x.c.shownDecimals ?? x.c.decimals)} ${x.c.unit}`;

/**
 * The findings of the final verdicts: the contradictions still standing once each paragraph's
 * parts were added up, and every figure left unverifiable. Outside `run` for the reason given at
 * indicatorsByGoal (context.ts).
 */
export function verdictFindings(belopp: TextBelopp[], pending: Map<TextBelopp, Diagnostic>): Diagnostic[] {
  const fynd: Diagnostic[] = [];
  for (const b of belopp) {
    const contradiction = pending.get(b);
    if (contradiction && b.verdikt === 'motsäger') fynd.push(contradiction);
    if (b.verdikt === 'ej verifierbar')
      fynd.push({
        allvarlighet: 'varning',
        regel: 'ej-verifierbar',
        meddelande: `"${b.text}" kunde inte kopplas till någon tabellcell eller uppgift som sammanhanget nämner (${b.kommentar}); kommer beloppet från ett beslut eller dokument: lägg in det i uppgifter.yaml med källa`,
        plats: b.plats,
        ...(b.fakta.length ? { fakta: b.fakta } : {}),
      });
  }
  return fynd;
}
