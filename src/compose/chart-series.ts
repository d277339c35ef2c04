import type { Path } from '../load/yaml-source.js';
import type { SerieDiagram, Tabell } from '../schema/tabell.js';
import { slugify } from '../util/slug.js';

/** Unique slugs for labels, in order ("2024", "2024-2" if two labels slug alike). */
function ids(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels.map((l) => {
    const base = slugify(l);
    let id = base;
    for (let i = 2; seen.has(id); i++) id = `${base}-${i}`;
    seen.add(id);
    return id;
  });
}

/**
 * A chart with its own series as the data-only table it stands for: a row per category, a column
 * per series, the chart on it. So its figures are facts (`<diagram>/<kategori>/<serie>`) the checks
 * read, the workbook shows them on a sheet, and every format draws it as a table's chart. `cellPath`
 * points each value back at its place in the series, for the facts' positions.
 */
export function seriesTable(
  d: SerieDiagram,
  di: number,
): { tabell: Tabell; cellPath: (row: number, col: number) => Path; path: Path } {
  const radIds = ids(d.kategorier.map(String));
  const kolIds = ids(d.serier.map((s) => s.id ?? s.namn));
  const tabell: Tabell = {
    id: d.id,
    rubrik: d.rubrik,
    typ: 'övrig',
    ...(d.efter ? { efter: d.efter } : {}),
    visas: false,
    enhet: d.enhet,
    decimaler: d.decimaler,
    förspalt: '',
    teckenkonvention: 'ej-tillämplig',
    kolumner: d.serier.map((s, si) => ({
      id: kolIds[si]!,
      rubrik: s.namn,
      mått: s.mått ?? 'annat',
      ...(s.år !== undefined ? { år: s.år } : {}),
    })),
    kolumngrupper: [],
    rader: d.kategorier.map((k, ki) => ({
      id: radIds[ki]!,
      etikett: String(k),
      roll: 'post',
      värden: d.serier.map((s) => s.värden[ki] ?? { typ: 'tom' }),
    })),
    fotnoter: [],
    regler: [],
    diagram: [{ id: d.id, typ: d.typ, rubrik: d.rubrik, kolumner: kolIds, rader: radIds }],
  };
  return {
    tabell,
    cellPath: (row, col) => ['diagram', di, 'serier', col, 'värden', row],
    path: ['diagram', di],
  };
}
