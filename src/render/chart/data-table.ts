import type { DiagramBlock } from '../../core/model/dokument.js';
import { formatValue, unitTitle } from './format.js';

export interface ChartDataTable {
  /** The first column holds the categories; its heading names the unit ("Belopp i mnkr"). */
  kolumner: string[];
  rader: { etikett: string; värden: string[] }[];
}

/** Shown where a value is missing. */
export const SAKNAS = '\u2013';

/** The chart's data as a small table of formatted strings, one row per category, one column per series. */
export function chartDataTable(b: DiagramBlock): ChartDataTable {
  return {
    kolumner: [unitTitle(b.enhet), ...b.serier.map((s) => s.namn)],
    rader: b.kategorier.map((etikett, k) => ({
      etikett,
      värden: b.serier.map((s) => {
        const v = s.värden[k];
        return v === null || v === undefined || !Number.isFinite(v) ? SAKNAS : formatValue(b, v);
      }),
    })),
  };
}
