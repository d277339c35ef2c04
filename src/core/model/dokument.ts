import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import type { Cell } from '../../schema/cell.js';
import type { Bedömning } from '../../schema/mal.js';
import type { LexikonTillägg } from '../../schema/lexikon.js';
import type { Rapport } from '../../schema/rapport.js';
import type { Profil } from './profil.js';

/**
 * The one document model. Compose builds it from data, narrative and template; every renderer
 * and every check reads only this. Nothing here refers to YAML or Markdown.
 */
export interface Dokument {
  id: string;
  rapport: Rapport;
  /** Build date (ISO), taken from the data so outputs are reproducible. */
  datum: string;
  titelsida: Titelsida;
  /** The kommun's words and look (its profile, or the defaults). */
  profil: Profil;
  /** Top-level blocks in reading order (the table of contents, then chapters). */
  block: Block[];
  /** Every table-like block in document order, numbered from 1. */
  tabeller: TabellBlock[];
  fakta: Map<string, Fakt>;
  /** Inline references resolved in the narrative. */
  referenser: Referens[];
  /** Each narrative paragraph with its source, for the text checks. */
  textstycken: Textstycke[];
  /** Goals and uppdrag, for counts and the Mål/Uppdrag sheets. */
  mål: MålBlock[];
  uppdrag: UppdragBlock[];
  /** Figures the text quotes from outside the tables (uppgifter.yaml), each also a fact. */
  uppgifter: UppgiftBlock[];
  /** Pairs of rows in different tables that show the same figures. */
  samband: { rader: [string, string]; kolumner?: Record<string, string>; beskrivning?: string; plats?: Position }[];
  /** Charts in document order. */
  diagram: DiagramBlock[];
  /** Input files with their text (for SHA-256 in the workbook). */
  källfiler: { fil: string; text: string }[];
  diagnostics: Diagnostic[];
  /** The report's additions to the check lexicon (`lexikon.yaml`), if it has any. */
  lexikon?: LexikonTillägg;
}

export interface UppgiftBlock {
  id: string;
  namn: string;
  /** The fact id, `uppgifter/<id>/värde`. */
  fakt: string;
  år?: number;
  mått?: string;
  källa: string;
  plats?: Position;
}

export interface Titelsida {
  kommun: string;
  nämnd: string;
  förvaltning?: string;
  titel: string;
  undertitel?: string;
  /** E.g. "Delårsrapport per den 31 augusti 2021" or "Budget 2024 med plan för 2025–2029". */
  period: string;
  status: string;
  datum: string;
  beslut?: string;
  diarienummer?: string;
}

export interface Avsnitt {
  typ: 'avsnitt';
  /** Stable anchor, unique in the document. */
  id: string;
  rubrik: Inline[];
  rubrikText: string;
  /** 2 = chapter (h2); the document title is the only h1. */
  nivå: number;
  sidbrytning: boolean;
  /** Listed in the table of contents. */
  iInnehåll: boolean;
  block: Block[];
}

export type Block =
  | Avsnitt
  | Stycke
  | Lista
  | TabellBlock
  | DiagramBlock
  | MålBlock
  | UppdragBlock
  | { typ: 'innehållsförteckning' }
  | { typ: 'färgförklaring' }
  | { typ: 'bilagor'; grupper: { rubrik: string; bilagor: { nummer?: number; titel: string }[] }[] }
  | { typ: 'underskrifter'; personer: { namn: string; parti?: string; roll: string }[] }
  | { typ: 'sidbrytning' }
  | { typ: 'fotnoter'; poster: { nummer: number; inl: Inline[] }[] };

export interface Stycke {
  typ: 'stycke';
  inl: Inline[];
  plats?: Position;
}

export interface Lista {
  typ: 'lista';
  numrerad: boolean;
  start?: number;
  punkter: Block[][];
}

export type Inline =
  | { typ: 'text'; text: string; plats?: Position }
  | { typ: 'fet'; inl: Inline[] }
  | { typ: 'kursiv'; inl: Inline[] }
  | { typ: 'länk'; url: string; inl: Inline[] }
  | { typ: 'kod'; text: string }
  | { typ: 'ref'; text: string; referens: number }
  | { typ: 'fotnotsref'; nummer: number }
  | Sidreferens
  | { typ: 'radbrytning' };

/**
 * `{=sida/mål}`: the pages of a table, chart, goal table, uppdrag list or heading. The PDF prints
 * the real pages after layout ("sidorna 13–14"); Word a PAGEREF field to a bookmark on the target
 * (its first page, once Word updates the fields); HTML, which has no pages, a link to it.
 */
export interface Sidreferens {
  typ: 'sidref';
  /** As written after `sida/`: a table, chart, goal or uppdrag list id, or a heading's anchor. */
  mål: string;
  /** The target's anchor (the HTML id, the PDF destination); set by compose once the document is built. */
  ankare: string;
  /** What HTML prints instead of pages, e.g. "tabell 3" or "avsnittet «Ekonomi»". */
  etikett: string;
  /** Whether the target counts its pages (a table over two pages: "sidorna 13–14"), or a heading its own page. */
  omfång: boolean;
  /** With a preposition: "på sidan 7" in the PDF, "i tabell 3" where there are no pages. */
  medPå: boolean;
  plats?: Position;
}

export interface Referens {
  /** As written, e.g. `driftsammandrag/summa/budget_2024 mnkr`. */
  källa: string;
  /** The rendered text, e.g. "666,8 mnkr". */
  text: string;
  fakta: string[];
  plats: Position;
}

export interface Textstycke {
  /** Plain text of the paragraph or list item, with inline references already rendered. */
  text: string;
  /** Section headings from the chapter down, for context matching. */
  rubriker: string[];
  plats: Position;
  /** Offsets in `text` of rendered inline references (they are not claims to verify). */
  refSpann: [number, number][];
  /** Where each text segment of `text` starts in the source, to map offsets back to positions. */
  segment: { offset: number; plats: Position }[];
}

export type Radroll =
  'grupp' | 'post' | 'specifikation' | 'varav' | 'summa' | 'delsumma' | 'jämförelse' | 'text' | 'mellanrum';

export interface Fakt {
  id: string;
  tabell: string;
  rad: string;
  kolumn: string;
  cell: Cell;
  /**
   * The year or period a qualified value refers to when it is not its column's ("2020: 49",
   * "49 (2020)"): a text quoting the figure should name this year, not the column's.
   */
  avser?: { år?: number; text: string };
  /** Decimals as published. */
  decimaler: number;
  enhet: string;
  roll: Radroll;
  radEtikett: string;
  kolumnRubrik: string;
  plats?: Position;
}

export interface TabellKolumn {
  id: string;
  rubrik: string;
  mått: string;
  år?: number;
  period?: string;
  delmått?: string;
}

export interface TabellRad {
  id: string;
  etikett: string;
  roll: Radroll;
  varav?: string;
  nivå: number;
  kursiv: boolean;
  fet: boolean;
  fotnoter: string[];
  /** The row's own unit where it differs from the table's (a personal table with %, antal and år). */
  enhet?: string;
  /** One per column; null for group rows. Fact ids. */
  celler: (string | null)[];
}

export interface TabellBlock {
  typ: 'tabell';
  /** Kept as data only (`visas: false`): not printed, but in the workbook and the checks. */
  endastData?: boolean;
  /** The data of a chart with its own series (`diagram:` in tabeller.yaml), kept as a table. */
  diagramdata?: boolean;
  /** Headings over consecutive columns, in a header row above the columns' own: index of the first column and how many. */
  kolumngrupper?: { rubrik: string; från: number; antal: number }[];
  id: string;
  nummer: number;
  rubrik: string;
  tabelltyp: string;
  avser?: string;
  enhet: string;
  förspalt: string;
  teckenkonvention: string;
  kolumner: TabellKolumn[];
  rader: TabellRad[];
  fotnoter: { markör: string; text: string }[];
  regler: { rad?: string; kolumn?: string; är: string; kolumner?: string[]; rader?: string[] }[];
  kommentar?: string;
  plats?: Position;
}

export interface IndikatorRad {
  id: string;
  namn: string;
  förklaring?: string;
  obligatorisk: boolean;
  fotnoter: string[];
  värden: VisatVärde[];
  delrader: { namn: string; värden: VisatVärde[] }[];
  /** The indicator's own bedömning (a level of the profile's scale), in a column of its own. */
  bedömning?: string;
}

export interface VisatVärde {
  cell: Cell;
  decimaler: number;
}

export interface MålBlock {
  typ: 'mål';
  id: string;
  nummer: number;
  målområde: string;
  kommunmål: string;
  benämning: { mål: string; indikator: string };
  kolumner: TabellKolumn[];
  nämndmål: {
    id: string;
    namn: string;
    beskrivning?: string;
    ingenIndikator: boolean;
    indikatorer: IndikatorRad[];
    bedömning?: { nivå: Bedömning; analys?: string; resultat: string[]; avvikelser: string[]; listor: Resultatlista[] };
  }[];
  fotnoter: { markör: string; text: string }[];
  /** Shows bedömning blocks (målredovisning) rather than the indicator table. */
  visning: 'indikatorer' | 'målredovisning';
}

/** A goal's named list with its lead-in; an item may have items of its own. */
export interface Resultatlista {
  rubrik?: string;
  inledning?: string;
  punkter: (string | { text: string; punkter: string[] })[];
}

export interface UppdragBlock {
  typ: 'uppdrag';
  id: string;
  nummer: number;
  rubrik: string;
  uppdragstyp: string;
  /** A status table (delårsrapport) rather than a numbered list. */
  medStatus: boolean;
  /** The columns after Nr and Uppdrag, when the list chooses them (`visa:`); else Status and Kommentar. */
  kolumner?: ('riktat_till' | 'status' | 'kommentar')[];
  /** False when the list's uppdrag have no numbers: bullets, or a table without the Nr column. */
  numrerad: boolean;
  uppdrag: {
    nummer?: number;
    text: string;
    riktatTill?: string;
    not?: string;
    status?: string;
    kommentar?: string;
    granska?: boolean;
    plats?: Position;
  }[];
}

export const BEDÖMNING_TEXT: Record<Bedömning, string> = {
  uppfylls: 'Uppfylls',
  'uppfylls-delvis': 'Uppfylls delvis',
  'uppfylls-ej': 'Uppfylls ej',
  'kan-ej-bedömas': 'Kan ej bedömas',
};

/** Colours for the bedömning; contrast-checked against white text where used as fill. */
export const BEDÖMNING_FÄRG: Record<Bedömning, string> = {
  uppfylls: '#1b6e34',
  'uppfylls-delvis': '#8a5a00',
  'uppfylls-ej': '#a4161a',
  'kan-ej-bedömas': '#555555',
};

export interface DiagramSerie {
  namn: string;
  /** One per category; null where the cell is not a number. */
  värden: (number | null)[];
  /** The fact each value came from. */
  fakta: (string | null)[];
  /** The table's own sum row for this series, when the chart shows every row it sums: the total a text about the chart quotes. */
  summa?: { rad: string; värde: number; fakt: string };
}

/** A chart drawn from a table's facts; every format shows the same picture. */
export interface DiagramBlock {
  typ: 'diagram';
  id: string;
  /** "Diagram N" numbering, in document order. */
  nummer: number;
  rubrik: string;
  diagramtyp: 'grupperade-staplar' | 'liggande-staplar';
  /** The table the data comes from. */
  tabell: string;
  enhet: string;
  decimaler: number;
  kategorier: string[];
  serier: DiagramSerie[];
}
