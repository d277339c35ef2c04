import type { Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
import { formatCell, type FormattedCell } from '../../format/number.js';
import { type Avsnitt, type Block, type DiagramBlock, type Dokument, type Inline, type MålBlock, type TabellBlock, type UppdragBlock } from '../../model/dokument.js';
import { bedömningsnivå } from '../../model/profil.js';
import { caption, factCell, kolumnhuvud, markörText, paragraphs, unitNote, uppdragKolumner } from '../shared.js';
import { COLOR } from './styles.js';

type InlineText = string | ContentText;

/** Dokument blocks → pdfmake content. `chart` draws a DiagramBlock (SVG), when available. */
export interface PdfContext {
  d: Dokument;
  chart?: (b: DiagramBlock) => Content;
  firstChapter: boolean;
}

export function blocks(c: PdfContext, bs: Block[], parent?: string): Content[] {
  return bs.flatMap((b) => block(c, b, parent));
}

function block(c: PdfContext, b: Block, parent: string | undefined): Content[] {
  // Chapters start on a new page, except the very first block after the title page.
  const first = c.firstChapter;
  c.firstChapter = false;
  switch (b.typ) {
    case 'avsnitt':
      return section(c, b, parent, first);
    case 'stycke':
      return [{ text: inlines(c.d, b.inl), style: 'p' }];
    case 'lista': {
      const items = b.punkter.map((p) => ({ stack: blocks(c, p, parent) }));
      return [b.numrerad ? { ol: items, ...(b.start ? { start: b.start } : {}), margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] }];
    }
    case 'tabell':
      return table(c.d, b);
    case 'diagram':
      return c.chart ? [c.chart(b)] : [];
    case 'mål':
      return b.visning === 'indikatorer' ? goalTable(c.d, b) : goalReport(c.d, b);
    case 'uppdrag':
      return uppdrag(c.d, b);
    case 'innehållsförteckning':
      return [{ toc: { title: { text: 'Innehåll', style: 'h2' }, textStyle: 'toc', numberStyle: 'toc' } }];
    case 'färgförklaring':
      return [{ stack: c.d.profil.bedömning.map((k) => bedömning(c.d, k.id)), margin: [0, 0, 0, 8] }];
    case 'bilagor':
      return b.grupper.flatMap((g) => [
        { text: g.rubrik, bold: true, margin: [0, 8, 0, 3] },
        { ul: g.bilagor.map((x) => `${x.nummer !== undefined ? `Bilaga ${x.nummer}: ` : ''}${x.titel}`), margin: [0, 0, 0, 6] },
      ]);
    case 'underskrifter':
      return [
        {
          columns: b.personer.map((p) => ({ stack: [{ text: `${p.namn}${p.parti ? ` (${p.parti})` : ''}`, bold: true }, { text: p.roll }], width: 'auto', margin: [0, 16, 28, 6] })),
          unbreakable: true,
        },
      ];
    case 'sidbrytning':
      return [{ text: '', pageBreak: 'after' }];
    case 'fotnoter':
      return b.poster.map((p) => ({ text: [{ text: `${p.nummer} `, sup: true }, ...inlines(c.d, p.inl)], style: 'fotnot' }));
  }
}

function section(c: PdfContext, a: Avsnitt, parent: string | undefined, first: boolean): Content[] {
  const level = Math.min(6, a.nivå);
  const breakBefore = a.sidbrytning && !first;
  const heading: Content = {
    text: inlines(c.d, a.rubrik),
    style: `h${level}`,
    id: a.id,
    headlineLevel: level,
    ...(a.iInnehåll && level <= 3 ? { tocItem: true, tocMargin: [(level - 2) * 14, 0, 0, 2], ...(level === 2 ? { tocStyle: { bold: true } } : {}) } : {}),
    outline: true,
    outlineText: a.rubrikText,
    ...(parent ? { outlineParentId: parent } : {}),
    ...(breakBefore ? { pageBreak: 'before' as const } : {}),
  } as Content;
  return [heading, ...blocks(c, a.block, a.id)];
}

export function inlines(d: Dokument, xs: Inline[], style: { bold?: boolean; italics?: boolean } = {}): InlineText[] {
  return xs.flatMap((i): InlineText[] => {
    switch (i.typ) {
      case 'text':
        return [{ text: i.text, ...style }];
      case 'ref':
        return [{ text: i.text, ...style }];
      case 'kod':
        return [{ text: i.text, ...style }];
      case 'fet':
        return inlines(d, i.inl, { ...style, bold: true });
      case 'kursiv':
        return inlines(d, i.inl, { ...style, italics: true });
      case 'länk':
        return inlines(d, i.inl, style).map((t) => (typeof t === 'string' ? { text: t, link: i.url, color: '#0b4f8a' } : { ...t, link: i.url, color: '#0b4f8a' }));
      case 'fotnotsref':
        return [{ text: String(i.nummer), sup: true }];
      case 'radbrytning':
        return ['\n'];
    }
  });
}

const cellText = (f: FormattedCell, extra: object = {}): TableCell => ({
  text: f.fotnot ? [f.text, { text: f.fotnot, sup: true }] : f.text,
  alignment: f.numeric ? 'right' : 'left',
  noWrap: f.numeric,
  ...extra,
});

/** Registered with pdfmake by name (engine.ts), so content holds no functions and can be copied. */
export const TABLE_LAYOUT = {
  hLineWidth: (i: number, node: { table: { headerRows?: number; body: unknown[] } }) => (i === 0 ? 0 : i === (node.table.headerRows ?? 0) ? 1.2 : 0.4),
  vLineWidth: () => 0,
  hLineColor: (i: number, node: { table: { headerRows?: number } }) => (i === (node.table.headerRows ?? 0) ? COLOR.heading : COLOR.rule),
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

function tableCaption(text: string): Content {
  return { text, style: 'caption', headlineLevel: 7 } as Content;
}

function table(d: Dokument, t: TabellBlock): Content[] {
  const unit = unitNote(t);
  const grupper = kolumnhuvud(t);
  const head: TableCell[] = [
    { text: t.förspalt || unit || '', style: 'th', ...(t.kolumngrupper?.length ? { rowSpan: 2 } : {}) },
    ...t.kolumner.map((k, i): TableCell => {
      const g = grupper[i];
      if (!t.kolumngrupper?.length) return { text: k.rubrik, style: 'th', alignment: 'right' };
      if (g === 'i-grupp') return {};
      return g ? { text: g.grupp, style: 'th', alignment: 'center', colSpan: g.antal } : { text: k.rubrik, style: 'th', alignment: 'right', rowSpan: 2 };
    }),
  ];
  // With column groups, a second header row holds the grouped columns' own headings.
  const under: TableCell[] | undefined = t.kolumngrupper?.length
    ? [{}, ...t.kolumner.map((k, i): TableCell => (grupper[i] ? { text: k.rubrik, style: 'th', alignment: 'right' } : {}))]
    : undefined;
  const body: TableCell[][] = under ? [head, under] : [head];
  for (const r of t.rader) {
    const style = { italics: r.kursiv, bold: r.fet, fontSize: 8 };
    const label: TableCell = {
      text: [r.etikett, ...r.fotnoter.map((f) => ({ text: f, sup: true }))],
      margin: [r.nivå * 8, 0, 0, 0],
      ...style,
    };
    const cells = r.celler.map((id) => cellText(factCell(d, id), style));
    body.push([label, ...cells]);
  }
  const out: Content[] = [
    tableCaption(`${caption(t)}${unit && !t.förspalt.includes(t.enhet) ? ` (${unit.toLowerCase()})` : ''}`),
    {
      table: { headerRows: under ? 2 : 1, dontBreakRows: true, widths: ['*', ...t.kolumner.map(() => 'auto' as const)], body },
      layout: 'kommunrapport',
      fontSize: 8,
    } as Content,
  ];
  for (const f of t.fotnoter) out.push({ text: [{ text: f.markör, sup: true }, ` ${f.text}`], style: 'fotnot' });
  if (t.kommentar) out.push({ text: t.kommentar, fontSize: 8.5, margin: [0, 2, 0, 0] });
  out.push({ text: '', margin: [0, 0, 0, 6] });
  return out;
}

function goalTable(d: Dokument, m: MålBlock): Content[] {
  // A Bedömning column when some indicator of the table has its own.
  const medBed = m.nämndmål.some((n) => n.indikatorer.some((i) => i.bedömning));
  const bedCell = (nivå: string | undefined): TableCell[] => {
    if (!medBed) return [];
    if (!nivå) return [''];
    const b = bedömningsnivå(d.profil, nivå);
    return [{ text: [{ text: `${b.symbol} `, color: b.färg }, { text: b.text, color: b.färg, bold: true }] }];
  };
  const head: TableCell[] = [
    { text: m.benämning.mål, style: 'th' },
    { text: m.benämning.indikator, style: 'th' },
    ...m.kolumner.map((k): TableCell => ({ text: k.rubrik, style: 'th', alignment: 'right' })),
    ...(medBed ? [{ text: 'Bedömning', style: 'th' } as TableCell] : []),
  ];
  const body: TableCell[][] = [head];
  const val = (v: { cell: Parameters<typeof formatCell>[0]; decimaler: number }): TableCell => cellText(formatCell(v.cell, v.decimaler), { fontSize: 8 });
  for (const n of m.nämndmål) {
    const span = Math.max(1, n.indikatorer.reduce((k, i) => k + 1 + i.delrader.length, 0));
    const goal: TableCell = {
      rowSpan: span,
      stack: [{ text: n.namn, bold: true }, ...(n.beskrivning ? [{ text: n.beskrivning, italics: true, fontSize: 7.5, color: COLOR.muted }] : [])],
    };
    if (!n.indikatorer.length) {
      body.push([goal, { text: `Ingen ${m.benämning.indikator.toLowerCase()}`, italics: true }, ...m.kolumner.map(() => ''), ...bedCell(undefined)]);
      continue;
    }
    let first = true;
    for (const ind of n.indikatorer) {
      const name: TableCell = {
        stack: [
          { text: [ind.namn, ...(ind.obligatorisk ? ['*'] : []), ...ind.fotnoter.map((f) => ({ text: f, sup: true }))] },
          ...(ind.förklaring ? [{ text: ind.förklaring, italics: true, fontSize: 7.5, color: COLOR.muted }] : []),
        ],
      };
      body.push([first ? goal : {}, name, ...ind.värden.map(val), ...bedCell(ind.bedömning)]);
      first = false;
      for (const dr of ind.delrader) body.push([{}, { text: dr.namn, italics: true, margin: [8, 0, 0, 0] }, ...dr.värden.map(val), ...bedCell(undefined)]);
    }
  }
  const out: Content[] = [
    tableCaption(caption(m)),
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [95, '*', ...m.kolumner.map(() => 'auto' as const), ...(medBed ? ['auto' as const] : [])], body },
      layout: 'kommunrapport',
      fontSize: 8,
    } as Content,
  ];
  if (m.nämndmål.some((n) => n.indikatorer.some((i) => i.obligatorisk))) out.push({ text: markörText(d, m), style: 'fotnot' });
  for (const f of m.fotnoter) out.push({ text: [{ text: f.markör, sup: true }, ` ${f.text}`], style: 'fotnot' });
  out.push({ text: '', margin: [0, 0, 0, 6] });
  return out;
}

/** The bedömning in colour and in words: a coloured dot never carries the meaning alone. */
function bedömning(d: Dokument, nivå: string): Content {
  const n = bedömningsnivå(d.profil, nivå);
  return { text: [{ text: `${n.symbol} `, color: n.färg }, { text: `Bedömning: ${n.text}`, bold: true, color: n.färg }], margin: [0, 0, 0, 3] };
}

function goalReport(d: Dokument, m: MålBlock): Content[] {
  return m.nämndmål
    .filter((n) => n.bedömning)
    .flatMap((n) => {
      const b = n.bedömning!;
      const list = (title: string, items: string[]): Content[] => (items.length ? [{ text: title, bold: true, margin: [0, 3, 0, 2] }, { ul: items, margin: [0, 0, 0, 4] }] : []);
      return [
        { text: n.namn, style: 'h5', headlineLevel: 5 } as Content,
        bedömning(d, b.nivå),
        ...paragraphs(b.analys).map((p): Content => ({ text: p, style: 'p' })),
        ...b.listor.flatMap((l): Content[] => [
          ...(l.rubrik ? [{ text: l.rubrik, bold: true, margin: [0, 3, 0, 2] } as Content] : []),
          ...(l.inledning ? [{ text: l.inledning, style: 'p' } as Content] : []),
          { ul: l.punkter.map((x) => (typeof x === 'string' ? x : { stack: [x.text, { ul: x.punkter }] })), margin: [0, 0, 0, 4] } as Content,
        ]),
        ...list('Resultat', b.resultat),
        ...list('Avvikelser', b.avvikelser),
      ];
    });
}

function uppdrag(d: Dokument, u: UppdragBlock): Content[] {
  if (!u.medStatus) {
    return [
      {
        ol: u.uppdrag.map((x) => ({ text: [...(x.granska ? [{ text: '[Att granska] ', bold: true }] : []), x.text, ...(x.not ? [' ', { text: x.not, italics: true }] : [])], counter: x.nummer, margin: [0, 0, 0, 3] })),
        margin: [0, 0, 0, 8],
      } as Content,
    ];
  }
  const kolumner = uppdragKolumner(d, u);
  const body: TableCell[][] = [
    ['Nr', 'Uppdrag', ...kolumner.map((k) => k.rubrik)].map((h): TableCell => ({ text: h, style: 'th' })),
    ...u.uppdrag.map((x): TableCell[] => [
      { text: String(x.nummer) },
      { text: [x.text, ...(x.not ? [' ', { text: x.not, italics: true }] : [])] },
      ...kolumner.map((k): TableCell => ({ text: k.text(x) })),
    ]),
  ];
  return [
    tableCaption(caption(u)),
    { table: { headerRows: 1, dontBreakRows: true, widths: [16, '*', ...kolumner.map((k) => (k.rubrik === 'Kommentar' ? '*' : k.rubrik === 'Status' ? 50 : 96))], body }, layout: 'kommunrapport', fontSize: 8 } as Content,
    { text: '', margin: [0, 0, 0, 6] },
  ];
}
