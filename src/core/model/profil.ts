import type { LexikonTillägg } from '../../schema/lexikon.js';
/**
 * The kommun's words and look, resolved: every renderer reads these instead of constants, so a
 * kommun's scale, colours, logo and font need no code. Plain data (it crosses threads).
 */
export interface Profil {
  /** The profile file(s) it came from, for the workbook's Om sheet; empty for the defaults. */
  filer: string[];
  bedömning: { id: string; text: string; färg: string; symbol: string }[];
  uppdragsstatus: { ord: { id: string; text: string }[]; fritext: boolean };
  benämningar: { målområde: string; kommunmål: string; målkapitel: string; uppdrag: string; tabeller: string };
  markörer: { markör: string; betydelse: string }[];
  färger: { rubrik: string; text: string; länk: string; tabellhuvud: string; linje: string };
  logotyp?: { typ: 'svg' | 'png'; /** SVG text, or PNG bytes as base64. */ data: string; breddMm: number };
  /** Absolute paths of the font files; undefined = Roboto. */
  typsnitt?: { familj: string; normal: string; fet: string; kursiv: string; fetkursiv: string };
  titelsida: { överrubrik?: string; text?: string };
  sidhuvud?: string;
  sidfot?: string;
  /** The kommun's additions to the check lexicon (profile `lexikon:`), before the report's own. */
  lexikon?: LexikonTillägg;
}

/** What a report without a profile gets: the words and colours the tool always used. */
export const STANDARDPROFIL: Profil = {
  filer: [],
  bedömning: [
    { id: 'uppfylls', text: 'Uppfylls', färg: '#1b6e34', symbol: '●' },
    { id: 'uppfylls-delvis', text: 'Uppfylls delvis', färg: '#8a5a00', symbol: '●' },
    { id: 'uppfylls-ej', text: 'Uppfylls ej', färg: '#a4161a', symbol: '●' },
    { id: 'kan-ej-bedömas', text: 'Kan ej bedömas', färg: '#555555', symbol: '●' },
  ],
  uppdragsstatus: {
    ord: [
      { id: 'pågår', text: 'Pågår' },
      { id: 'kvarstår', text: 'Kvarstår' },
      { id: 'genomfört', text: 'Genomfört' },
      { id: 'ej påbörjat', text: 'Ej påbörjat' },
      { id: 'avslutat', text: 'Avslutat' },
      { id: 'delvis genomfört', text: 'Delvis genomfört' },
      { id: 'ej genomfört', text: 'Ej genomfört' },
    ],
    fritext: false,
  },
  benämningar: {
    målområde: 'Målområde',
    kommunmål: 'Kommunövergripande mål',
    målkapitel: 'Mål och indikatorer',
    uppdrag: 'Uppdrag',
    tabeller: 'Tabeller',
  },
  markörer: [],
  färger: { rubrik: '#0b3a5d', text: '#1a1a1a', länk: '#0b4f8a', tabellhuvud: '#e8eef4', linje: '#c8c8c8' },
  titelsida: {},
};

/** A bedömning level by id (an unknown id, which validation rejects, prints as written). */
export function bedömningsnivå(p: Profil, id: string): { id: string; text: string; färg: string; symbol: string } {
  return p.bedömning.find((b) => b.id === id) ?? { id, text: id, färg: p.färger.text, symbol: '●' };
}

/** The printed word of an uppdrag status; free text prints as written. */
export function statusText(p: Profil, status: string): string {
  return p.uppdragsstatus.ord.find((o) => o.id === status)?.text ?? status;
}

/** "{titel} – {kommun}" with the document's values filled in. */
export function fyllIn(mall: string, värden: Record<string, string | number>): string {
  return mall.replace(/\{([\p{L}\d_]+)\}/gu, (m, k: string) => (k in värden ? String(värden[k]) : m));
}
