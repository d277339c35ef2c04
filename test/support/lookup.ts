import type { Dokument, Fakt } from '../../src/core/model/dokument.js';
import { loadAndCompose } from '../../src/pipeline.js';
import { PATHS } from './project.js';

const cache = new Map<string, Dokument>();
export function bundled(id: string): Dokument {
  let d = cache.get(id);
  if (!d) {
    const c = loadAndCompose(PATHS, id);
    if (!c.dokument) throw new Error(`${id}: ${c.diagnostics.map((x) => x.meddelande).join('; ')}`);
    cache.set(id, (d = c.dokument));
  }
  return d;
}

/** The fact in a table by row label (the n-th row with that label) and column id. */
export function fact(d: Dokument, table: string, label: string, column: string, nth = 0): Fakt {
  const t = d.tabeller.find((x) => x.id === table);
  if (!t) throw new Error(`ingen tabell ${table}`);
  const rows = t.rader.filter((r) => r.etikett === label);
  const row = rows[nth];
  if (!row) throw new Error(`ingen rad "${label}" i ${table}`);
  const ci = t.kolumner.findIndex((c) => c.id === column);
  const id = row.celler[ci];
  const f = id ? d.fakta.get(id) : undefined;
  if (!f) throw new Error(`ingen cell ${table}/${label}/${column}`);
  return f;
}

export const num = (f: Fakt): number | undefined => (f.cell.typ === 'tal' ? f.cell.tal : undefined);
