import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';

/** What the checks found for one report: read by the CLI, kontroll.json and the workbook's Kontroll sheet. */
export interface Kontrollresultat {
  /** Every finding (including load/compose diagnostics), sorted by position. */
  fynd: Diagnostic[];
  /** Every amount written in the narrative (not inline references), with its verdict. */
  belopp: TextBelopp[];
}

export type Verdikt = 'stämmer' | 'stämmer inom avrundning' | 'motsäger' | 'ej verifierbar';

export interface TextBelopp {
  /** As written, e.g. "667 mnkr". */
  text: string;
  plats: Position;
  värde: number;
  enhet: string;
  verdikt: Verdikt;
  /** Fact ids of the cell(s) it was matched to (the contradicted cell for "motsäger"). */
  fakta: string[];
  kommentar?: string;
}
