import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dokument } from '../model/dokument.js';
import type { Kontrollresultat, TextBelopp } from '../model/kontroll.js';

/** One check rule: reads only the document model. */
export interface CheckRule {
  id: string;
  run(d: Dokument): { fynd: Diagnostic[]; belopp?: TextBelopp[] };
}

const RULES: CheckRule[] = [];

export function registerRule(r: CheckRule): void {
  if (!RULES.some((x) => x.id === r.id)) RULES.push(r);
}

/** Runs every rule; accepted findings (rapport.yaml `accepterade`) stay in the list, marked with their reason. */
export function runChecks(d: Dokument): Kontrollresultat {
  const fynd: Diagnostic[] = [...d.diagnostics];
  const belopp: TextBelopp[] = [];
  for (const r of RULES) {
    const res = r.run(d);
    fynd.push(...res.fynd);
    belopp.push(...(res.belopp ?? []));
  }
  for (const f of fynd) {
    const a = d.rapport.accepterade.find(
      (x) =>
        x.regel === f.regel &&
        (f.fakta?.includes(x.fakta) || (f.plats !== undefined && `${f.plats.fil}:${f.plats.rad}` === x.fakta)) &&
        (x.text === undefined || f.meddelande.includes(`"${x.text}"`)),
    );
    if (a) f.accepterad = a.skäl;
  }
  return { fynd: sortDiagnostics(fynd), belopp };
}
