import { formatCell, type FormattedCell } from '../core/format/number.js';
import type { Block, Dokument, MålBlock, Sidreferens, TabellBlock, UppdragBlock } from '../core/model/dokument.js';
import { fyllIn, statusText } from '../core/model/profil.js';

/** What all renderers share: captions, cell texts and labels. None of them import each other. */
export function caption(b: TabellBlock | MålBlock | UppdragBlock): string {
  if (b.typ === 'tabell')
    return b.diagramdata
      ? `${b.rubrik} (diagrammets data)`
      : b.endastData
        ? `${b.rubrik} (endast data, visas inte i rapporten)`
        : `Tabell ${b.nummer}. ${b.rubrik}`;
  if (b.typ === 'mål') return `Tabell ${b.nummer}. ${b.målområde}${b.kommunmål ? `: ${b.kommunmål}` : ''}`;
  return `Tabell ${b.nummer}. ${b.rubrik}`;
}

/** The header of a table with column groups: per column, the group that starts there (with its span), is under way, or none. */
export function kolumnhuvud(t: TabellBlock): ({ grupp: string; antal: number } | 'i-grupp' | null)[] {
  const ut: ({ grupp: string; antal: number } | 'i-grupp' | null)[] = t.kolumner.map(() => null);
  for (const g of t.kolumngrupper ?? []) {
    ut[g.från] = { grupp: g.rubrik, antal: g.antal };
    for (let i = g.från + 1; i < g.från + g.antal; i++) ut[i] = 'i-grupp';
  }
  return ut;
}

export function unitNote(t: TabellBlock): string | undefined {
  const u: Record<string, string> = {
    tkr: 'Belopp i tkr',
    mnkr: 'Belopp i mnkr',
    mdkr: 'Belopp i mdkr',
    kr: 'Belopp i kr',
    '%': 'Andel i procent',
    antal: 'Antal',
  };
  return u[t.enhet];
}

export function factCell(d: Dokument, id: string | null): FormattedCell {
  if (!id) return { text: '', numeric: false };
  const f = d.fakta.get(id);
  return f ? formatCell(f.cell, f.decimaler) : { text: '', numeric: false };
}

/** A goal table's comment column (mått annat, only free text): read from the left, head and cells, in every format. */
export function kommentarkolumn(m: MålBlock, ci: number): boolean {
  return (
    m.kolumner[ci]?.mått === 'annat' &&
    m.nämndmål.every((n) => n.indikatorer.every((i) => ['text', 'tom'].includes(i.värden[ci]?.cell.typ ?? 'tom')))
  );
}

/** The note under a goal table for indicators marked *: the profile's meaning of the marker, or the default. */
export function markörText(d: Dokument, m: MålBlock): string {
  const egen = d.profil.markörer.find((x) => x.markör === '*');
  return `* ${egen ? egen.betydelse.replace(/\.$/, '') : `Obligatorisk ${m.benämning.indikator.toLowerCase()}`}.`;
}

/** A profile text (title page, running header) with the document's {titel}, {kommun}, {nämnd}, {år}. */
export function sidtext(d: Dokument, mall: string, extra: Record<string, string | number> = {}): string {
  const t = d.titelsida;
  return fyllIn(mall, { titel: t.titel, kommun: t.kommun, nämnd: t.nämnd, år: d.rapport.budgetår, ...extra });
}

export const STATUS_TEXT: Record<string, string> = {
  pågår: 'Pågår',
  kvarstår: 'Kvarstår',
  genomfört: 'Genomfört',
  'ej påbörjat': 'Ej påbörjat',
  avslutat: 'Avslutat',
  'delvis genomfört': 'Delvis genomfört',
  'ej genomfört': 'Ej genomfört',
};

export const UPPDRAG_KOLUMNER = ['Nr', 'Uppdrag', 'Status', 'Kommentar'] as const;

/** The columns of an uppdrag table after Nr and Uppdrag: the list's own choice, or Status and Kommentar. */
export function uppdragKolumner(
  d: Dokument,
  u: UppdragBlock,
): { rubrik: string; text: (x: UppdragBlock['uppdrag'][number]) => string }[] {
  const alla = {
    riktat_till: { rubrik: 'Riktat till', text: (x: UppdragBlock['uppdrag'][number]) => x.riktatTill ?? '' },
    status: {
      rubrik: 'Status',
      text: (x: UppdragBlock['uppdrag'][number]) => (x.status ? statusText(d.profil, x.status) : ''),
    },
    kommentar: { rubrik: 'Kommentar', text: (x: UppdragBlock['uppdrag'][number]) => x.kommentar ?? '' },
  };
  return (u.kolumner ?? ['status', 'kommentar']).map((k) => alla[k]);
}

/** Splits a plain multi-paragraph string from the data (blank line = new paragraph). */
export function paragraphs(s: string | undefined): string[] {
  return (s ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/** A page reference where there are no pages (HTML, Word): what it points to, "i tabell 3" with `på`. */
export function sidrefEtikett(r: Sidreferens): string {
  return `${r.medPå ? 'i ' : ''}${r.etikett}`;
}

/** A page reference in the PDF, once laid out: "sidan 7", "på sidorna 13–14". */
export function sidrefSidor(r: Pick<Sidreferens, 'medPå'>, första: number, sista: number): string {
  return `${r.medPå ? 'på ' : ''}${första === sista ? `sidan ${första}` : `sidorna ${första}–${sista}`}`;
}

/** The anchor a page reference to this block points to (as the HTML's ids; compose page-references.ts). */
export function targetAnchor(b: Block): string | undefined {
  switch (b.typ) {
    case 'tabell':
      return b.endastData ? undefined : `tabell-${b.id}`;
    case 'mål':
      return `mal-${b.id}`;
    case 'uppdrag':
      return `uppdrag-${b.id}`;
    case 'diagram':
      return `diagram-${b.id}`;
    default:
      return undefined;
  }
}
