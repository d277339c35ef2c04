/**
 * The one model every reader produces: a ledger row of an export (huvudbok, rapportgenerator,
 * SIE 4), whatever the file format. Amounts are in kronor as exported (costs debit-positive in
 * SIE; as the generator printed them in a spreadsheet).
 */
export type Beloppsart = 'utfall' | 'budget';

export interface Bokföringsrad {
  konto: string;
  /** Dimension name (lower case, e.g. "ansvar", "verksamhet", "projekt") → object code. */
  dimensioner: Record<string, string>;
  /** "2025-08", when the export has periods. */
  period?: string;
  art: Beloppsart;
  belopp: number;
  /** Where the amount stands: "fil:rad" or "fil:Blad!D12". */
  källa: string;
}

/** A dimension of the export and its objects (code → name, '' when unnamed). */
export interface Dimension {
  namn: string;
  objekt: Map<string, string>;
}

export interface Export {
  fil: string;
  format: 'xlsx' | 'csv' | 'sie';
  rader: Bokföringsrad[];
  /** By dimension name. */
  dimensioner: Map<string, Dimension>;
  /** Account → name, from the kontoplan (#KONTO) or the rows seen. */
  konton: Map<string, string>;
  /** Rows that were recognised as sums or totals and left out, with where they stand. */
  summarader: string[];
  /** For a spreadsheet: the columns as read (for a starting mapping). */
  kolumner?: Tabellkolumner;
}

/** Which columns of a spreadsheet or CSV hold what: header texts as written. */
export interface Tabellkolumner {
  blad?: string;
  rubrikrad?: number;
  konto: string;
  kontonamn?: string;
  period?: string;
  dimensioner: Record<string, string>;
  belopp: { kolumn: string; art: Beloppsart; period?: string }[];
}

/** A problem in an input file; `plats` is "fil:rad[:kolumn]" or "fil:Blad!D12". */
export class Importfel extends Error {
  constructor(
    readonly plats: string,
    meddelande: string,
  ) {
    super(meddelande);
  }
}

/** Dimension names are compared in lower case without surrounding space. */
export const dimensionsnamn = (s: string): string => s.trim().toLowerCase();
