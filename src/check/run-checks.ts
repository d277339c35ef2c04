import { sortDiagnostics, type Diagnostic, type Position } from '../core/diagnostics/diagnostic.js';
import type { Dokument } from '../core/model/dokument.js';
import type { Kontrollresultat, TextBelopp } from '../core/model/kontroll.js';
import { isRegel, REGLER } from '../core/diagnostics/regler.js';

/** One check rule: reads only the document model. */
export interface CheckRule {
  id: string;
  run(d: Dokument): { fynd: Diagnostic[]; belopp?: TextBelopp[] };
}

const RULES: CheckRule[] = [];

export function registerRule(r: CheckRule): void {
  if (!RULES.some((x) => x.id === r.id)) RULES.push(r);
}

type Acceptans = Dokument['rapport']['accepterade'][number];

const matches = (x: Acceptans, f: Diagnostic): boolean =>
  x.regel === f.regel &&
  (f.fakta?.includes(x.fakta) === true || (f.plats !== undefined && `${f.plats.fil}:${f.plats.rad}` === x.fakta)) &&
  (x.text === undefined || f.meddelande.includes(`"${x.text}"`));

/** Where the n-th acceptance stands in rapport.yaml (its `regel:` line), for messages about it. */
function acceptansPlats(d: Dokument, n: number): Position {
  const fil = `data/${d.id}/rapport.yaml`;
  const text = d.källfiler.find((k) => k.fil === fil || k.fil.endsWith('/rapport.yaml'))?.text ?? '';
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^accepterade\s*:/.test(l));
  let seen = -1;
  for (let i = Math.max(0, start); start >= 0 && i < lines.length; i++) {
    const m = /^(\s*-\s*)regel\s*:/.exec(lines[i]!) ?? /^(\s*-\s*\{\s*)regel\s*:/.exec(lines[i]!);
    if (m && ++seen === n) return { fil, rad: i + 1, kolumn: m[1]!.length + 1 };
  }
  return { fil, rad: start >= 0 ? start + 1 : 1, kolumn: 1 };
}

/**
 * Runs every rule; accepted findings (rapport.yaml `accepterade`) stay in the list, marked with
 * their reason. Nothing the document holds is changed: findings are copied before they are
 * marked, so a cached document checked again without an acceptance shows the finding again.
 */
export function runChecks(d: Dokument): Kontrollresultat {
  const found: Diagnostic[] = [...d.diagnostics];
  const belopp: TextBelopp[] = [];
  for (const r of RULES) {
    const res = r.run(d);
    found.push(...res.fynd);
    belopp.push(...(res.belopp ?? []));
  }
  const used = new Set<number>();
  const fynd = found.map((f) => {
    const i = d.rapport.accepterade.findIndex((x) => matches(x, f));
    if (i < 0) return f;
    used.add(i);
    return { ...f, accepterad: d.rapport.accepterade[i]!.skäl };
  });
  d.rapport.accepterade.forEach((x, i) => {
    if (!isRegel(x.regel)) {
      fynd.push({
        allvarlighet: 'fel',
        regel: 'acceptans-okänd-regel',
        meddelande: `accepterade: regeln "${x.regel}" finns inte; kända regler: ${Object.keys(REGLER).join(', ')}`,
        plats: acceptansPlats(d, i),
      });
    } else if (!used.has(i)) {
      fynd.push({
        allvarlighet: 'varning',
        regel: 'acceptans-utan-fynd',
        meddelande: `accepterade: ingen ${x.regel}-fynd gäller "${x.fakta}"${x.text ? ` med texten "${x.text}"` : ''}; ta bort acceptansen om felet är rättat`,
        plats: acceptansPlats(d, i),
      });
    }
  });
  return { fynd: sortDiagnostics(fynd), belopp };
}
