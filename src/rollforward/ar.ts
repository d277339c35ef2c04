/** Year arithmetic for rolling a report forward: every date and year moves exactly one year. */

/** Replaces each four-digit year for which `flytta` is true by the next year, in one pass. */
export function flyttaÅrIText(text: string, flytta: (år: number) => boolean): string {
  return text.replace(/(?<!\d)(\d{4})(?!\d)/g, (s) => (flytta(Number(s)) ? String(Number(s) + 1) : s));
}

/** The years from `från` to `till`, inclusive, as a predicate. */
export function årIntervall(från: number, till: number): (år: number) => boolean {
  return (år) => år >= från && år <= till;
}

/** `YYYY-MM-DD` one year later; 29 February becomes 28 February in a common year. */
export function flyttaDatum(datum: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(datum);
  if (!m) return datum;
  const år = Number(m[1]) + 1;
  const skott = (år % 4 === 0 && år % 100 !== 0) || år % 400 === 0;
  const dag = m[2] === '02' && m[3] === '29' && !skott ? '28' : m[3]!;
  return `${String(år).padStart(4, '0')}-${m[2]}-${dag}`;
}

/** `YYYY-MM-DD` for a date value as the yaml package may give it (a string, or a Date under YAML 1.1). */
export function datumText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}
