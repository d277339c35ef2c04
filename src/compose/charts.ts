import { convertAmount, UNIT_DECIMALS } from '../core/format/number.js';
import type { DiagramBlock, Fakt, TabellBlock } from '../core/model/dokument.js';
import type { Tabell } from '../schema/tabell.js';

/** Charts declared on a table, with their values taken from the table's facts. */
export function chartBlocks(t: Tabell, block: TabellBlock, fakta: Map<string, Fakt>): DiagramBlock[] {
  return t.diagram.map((def) => {
    const rows = def.rader
      ? def.rader.map((id) => block.rader.find((r) => r.id === id)).filter((r) => r !== undefined)
      : block.rader.filter((r) => r.nivå === 0 && r.roll === 'post');
    const unit = def.enhet ?? t.enhet;
    // The published total: only when the chart shows the rows it sums (every top-level post), never a subset.
    const sumRow = def.rader ? undefined : block.rader.find((r) => r.nivå === 0 && r.roll === 'summa');
    const serier = def.kolumner.map((colId) => {
      const ci = block.kolumner.findIndex((c) => c.id === colId);
      const col = block.kolumner[ci];
      const cells = rows.map((r) => (ci >= 0 ? (r.celler[ci] ?? null) : null));
      const sumId = sumRow && ci >= 0 ? (sumRow.celler[ci] ?? null) : null;
      const sumFact = sumId ? fakta.get(sumId) : undefined;
      const summa =
        sumRow && sumId && sumFact?.cell.typ === 'tal'
          ? {
              rad: sumRow.etikett,
              värde: convertAmount(sumFact.cell.tal, sumFact.enhet, unit) ?? sumFact.cell.tal,
              fakt: sumId,
            }
          : undefined;
      return {
        ...(summa ? { summa } : {}),
        namn: col?.rubrik ?? colId,
        fakta: cells,
        värden: cells.map((id) => {
          const f = id ? fakta.get(id) : undefined;
          if (!f || f.cell.typ !== 'tal') return null;
          return convertAmount(f.cell.tal, f.enhet, unit) ?? f.cell.tal;
        }),
      };
    });
    return {
      typ: 'diagram',
      id: def.id,
      nummer: 0,
      rubrik: def.rubrik,
      diagramtyp: def.typ,
      tabell: t.id,
      enhet: unit,
      decimaler: unit === t.enhet ? t.decimaler : (UNIT_DECIMALS[unit] ?? 1),
      kategorier: rows.map((r) => categoryLabel(block, r)),
      serier,
    };
  });
}

/** A "varav kostnader" row is named by the row it belongs to. */
function categoryLabel(t: TabellBlock, r: TabellBlock['rader'][number]): string {
  if (!/^varav\b/i.test(r.etikett)) return r.etikett;
  const i = t.rader.indexOf(r);
  for (let k = i - 1; k >= 0; k--) if (t.rader[k]!.nivå < r.nivå) return t.rader[k]!.etikett;
  return r.etikett;
}
