import type { Kontrollresultat, Verdikt } from '../core/model/kontroll.js';

const VERDIKT: Verdikt[] = ['stämmer', 'stämmer inom avrundning', 'motsäger', 'ej verifierbar'];

/** One line: counts of findings by severity and of narrative amounts by verdict. */
export function summarise(k: Kontrollresultat): string {
  const open = k.fynd.filter((f) => !f.accepterad);
  const n = (s: string): number => open.filter((f) => f.allvarlighet === s).length;
  const accepted = k.fynd.length - open.length;
  const parts = [`${n('fel')} fel`, `${n('varning')} varningar`, `${n('info')} info`];
  if (accepted) parts.push(`${accepted} accepterade`);
  const b = k.belopp;
  const verdicts = VERDIKT.map((v) => `${b.filter((x) => x.verdikt === v).length} ${v}`).join(', ');
  return `${parts.join(', ')}; ${b.length} belopp i texten: ${verdicts}`;
}
