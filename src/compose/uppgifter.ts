import { decimalsOfSource } from '../core/format/number.js';
import type { SourceMap } from '../load/yaml-source.js';
import type { Fakt, UppgiftBlock } from '../core/model/dokument.js';
import type { UppgifterFil } from '../schema/uppgifter.js';

/** The table name under which uppgifter are facts: `uppgifter/<id>/värde`. */
export const UPPGIFTER = 'uppgifter';

/** Each declared uppgift as a fact, with the decimals as written and its source position. */
export function uppgiftFacts(
  fil: UppgifterFil | undefined,
  source: SourceMap | undefined,
): { block: UppgiftBlock[]; fakta: Fakt[] } {
  const block: UppgiftBlock[] = [];
  const fakta: Fakt[] = [];
  (fil?.uppgifter ?? []).forEach((u, i) => {
    const path = [UPPGIFTER, i, 'värde'];
    const plats = source?.at(path);
    const id = `${UPPGIFTER}/${u.id}/värde`;
    fakta.push({
      id,
      tabell: UPPGIFTER,
      rad: u.id,
      kolumn: 'värde',
      cell: { typ: 'tal', tal: u.värde },
      decimaler: decimalsOfSource(source?.raw(path), 0),
      enhet: u.enhet,
      roll: 'post',
      radEtikett: u.namn,
      kolumnRubrik: [u.mått, u.år].filter((x) => x !== undefined).join(' ') || 'Värde',
      ...(plats ? { plats } : {}),
    });
    block.push({
      id: u.id,
      namn: u.namn,
      fakt: id,
      ...(u.år !== undefined ? { år: u.år } : {}),
      ...(u.mått ? { mått: u.mått } : {}),
      källa: u.källa,
      ...(plats ? { plats } : {}),
    });
  });
  return { block, fakta };
}
