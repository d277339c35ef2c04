import { createHash } from 'node:crypto';

/**
 * Sheet names. A table's sheet is named from its id alone, so the same table gets the same sheet
 * name every year whatever else the report holds. Excel allows at most 31 characters, none of
 * `[]:*?/\`, no apostrophe first or last, and compares names case-insensitively.
 */
export const MAX_LÄNGD = 31;

/** The fixed sheets; a table id equal to one of these (or Excel's reserved "History") gets a suffix. */
export const BLAD = { om: 'Om', mål: 'Mål', uppdrag: 'Uppdrag', uppgifter: 'Uppgifter', kontroll: 'Kontroll' } as const;
const RESERVERADE = new Set([...Object.values(BLAD), 'History'].map((s) => s.toLowerCase()));

const hash6 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 6);

/** The sheet name for a table id: the id itself when it fits, else a prefix and a short hash of the id. */
export function sheetNameFor(id: string): string {
  const clean = id.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '') || 'tabell';
  if (clean === id && clean.length <= MAX_LÄNGD && !RESERVERADE.has(clean.toLowerCase())) return clean;
  // Changed, too long or reserved: keep what fits and add a hash of the id, so distinct ids stay distinct.
  return `${clean.slice(0, MAX_LÄNGD - 7)}~${hash6(id)}`;
}

/** Names for table ids in order; unique (case-insensitively) against each other and the fixed sheets. */
export function assignSheetNames(ids: readonly string[]): Map<string, string> {
  const used = new Set(Object.values(BLAD).map((s) => s.toLowerCase()));
  const out = new Map<string, string>();
  for (const id of ids) {
    if (out.has(id)) continue;
    let name = sheetNameFor(id);
    // Practically unreachable (it needs a hash collision); keeps the workbook valid if it happens.
    for (let n = 2; used.has(name.toLowerCase()); n++)
      name = `${sheetNameFor(id).slice(0, MAX_LÄNGD - String(n).length - 1)}~${n}`;
    used.add(name.toLowerCase());
    out.set(id, name);
  }
  return out;
}

/** A sheet name as written in a formula reference: always quoted, apostrophes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
