import type { Diagnostic, Position } from '../../../core/diagnostics/diagnostic.js';
import { formatCell, formatNumber } from '../../../core/format/number.js';
import {
  BEDÖMNING_TEXT,
  type Dokument,
  type IndikatorRad,
  type MålBlock,
  type TabellKolumn,
  type VisatVärde,
} from '../../../core/model/dokument.js';
import type { Cell } from '../../../schema/cell.js';
import type { CheckRule } from '../../run-checks.js';
import { comparisonInWords, lexikonFor, type Lexikon } from '../../lexikon.js';

const VALUE_MEASURES = new Set(['utfall', 'redovisat', 'prognos', 'bokslut']);

export interface IndikatorUtfall {
  namn: string;
  värde: number;
  decimaler: number;
  mål: Cell;
  /** Reached, missed, or not to be judged (no comparable target or value). */
  når?: boolean;
}

/** Whether a value reaches a target: a comparison ("≥ 4,0", "< 23"), or a direction against the previous value. */
export function reaches(
  value: number,
  given: Cell,
  previous: number | undefined,
  lex: Lexikon = lexikonFor(),
): boolean | undefined {
  // "Mindre än 23" written as text is the comparison "< 23".
  const inWords = given.typ === 'text' ? comparisonInWords(given.text, lex) : undefined;
  const target: Cell = inWords ? { typ: 'jämförelse', ...inWords } : given;
  if (target.typ === 'jämförelse') {
    const t = target.tal;
    switch (target.operator) {
      case '≥':
        return value >= t;
      case '>':
        return value > t;
      case '≤':
        return value <= t;
      case '<':
        return value < t;
      case '≤±':
      case '±':
        return Math.abs(value) <= t;
    }
  }
  if (target.typ === 'riktning' && previous !== undefined) {
    if (target.riktning === 'öka' || target.riktning === 'positiv trend') return value > previous;
    if (target.riktning === 'minska') return value < previous;
    return value === previous;
  }
  return undefined;
}

/** The latest published value of an indicator, the one before it, and its target. */
export function indicatorOutcome(ind: IndikatorRad, kolumner: TabellKolumn[]): IndikatorUtfall | undefined {
  const ti = kolumner.map((k) => k.mått).lastIndexOf('målvärde');
  const mål = ti >= 0 ? ind.värden[ti]?.cell : undefined;
  if (!mål) return undefined;
  // A part-year value (jan–apr) says little about a whole-year target: only values of the target's own period count.
  const period = kolumner[ti]?.period;
  const values = kolumner
    .map((k, i) => ({ k, v: ind.värden[i] }))
    .filter(
      (x): x is { k: TabellKolumn; v: VisatVärde } =>
        VALUE_MEASURES.has(x.k.mått) && x.k.period === period && x.v?.cell.typ === 'tal',
    );
  const last = values[values.length - 1];
  if (!last || last.v.cell.typ !== 'tal') return undefined;
  const prev = values[values.length - 2]?.v.cell;
  const når = reaches(last.v.cell.tal, mål, prev?.typ === 'tal' ? prev.tal : undefined);
  return {
    namn: ind.namn,
    värde: last.v.cell.tal,
    decimaler: last.v.decimaler,
    mål,
    ...(når !== undefined ? { når } : {}),
  };
}

/**
 * A goal judged fulfilled while its indicators miss their targets, or judged not fulfilled while
 * all reach them, is worth a second look: a warning naming the goal, the bedömning and each
 * indicator with its value and target.
 */
export const bedömningMotIndikatorer: CheckRule = {
  id: 'bedömning-mot-indikatorer',
  run(d: Dokument) {
    const fynd: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const block of d.mål.filter((b: MålBlock) => b.kolumner.length > 0)) {
      for (const g of block.nämndmål) {
        if (seen.has(g.id) || !g.bedömning) continue;
        seen.add(g.id);
        const nivå = g.bedömning.nivå;
        if (nivå !== 'uppfylls' && nivå !== 'uppfylls-ej') continue;
        const judged = g.indikatorer.flatMap((ind) => {
          const u = indicatorOutcome(ind, block.kolumner);
          return u && u.når !== undefined ? [{ ind, u }] : [];
        });
        if (!judged.length) continue;
        const missed = judged.filter((x) => !x.u.når);
        const contradicts = nivå === 'uppfylls' ? missed.length > 0 : missed.length === 0;
        if (!contradicts) continue;
        const list = judged
          .map(
            (x) =>
              `"${x.u.namn}" ${formatNumber(x.u.värde, x.u.decimaler)} mot målvärdet ${formatCell(x.u.mål, 1).text} (${x.u.når ? 'nås' : 'nås inte'})`,
          )
          .join('; ');
        const plats: Position | undefined = judged
          .map(
            (x) =>
              d.fakta.get(
                `mål/${x.ind.id}/${block.kolumner[block.kolumner.map((k) => k.mått).lastIndexOf('målvärde')]?.id}`,
              )?.plats,
          )
          .find((p) => p !== undefined);
        fynd.push({
          allvarlighet: 'varning',
          regel: 'bedömning-mot-indikatorer',
          meddelande: `${block.benämning.mål.toLowerCase()} "${g.namn}" bedöms "${BEDÖMNING_TEXT[nivå]}", men ${nivå === 'uppfylls' ? `${missed.length} av ${judged.length} indikatorer når inte sina målvärden` : 'alla indikatorer med målvärde når dem'}: ${list}`,
          ...(plats ? { plats } : {}),
          fakta: judged.map((x) => `mål/${x.ind.id}`),
        });
      }
    }
    return { fynd };
  },
};
