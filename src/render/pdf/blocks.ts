import type { Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
import { formatCell, type FormattedCell } from '../../core/format/number.js';
import {
  type Avsnitt,
  type Block,
  type DiagramBlock,
  type Dokument,
  type Inline,
  type MålBlock,
  type TabellBlock,
  type UppdragBlock,
} from '../../core/model/dokument.js';
import { bedömningsnivå } from '../../core/model/profil.js';
import {
  caption,
  factCell,
  targetAnchor,
  kolumnhuvud,
  kommentarkolumn,
  markörText,
  paragraphs,
  unitNote,
  uppdragKolumner,
} from '../shared.js';
import { typografisktMinus } from '../../core/format/minus.js';
import { COLOR, TABLE_NOTE } from './styles.js';
import { el, mark, type TagNode } from './tag-plan.js';
import { chartTextAlternative } from '../chart/index.js';
import { anchorContent, sidrefInline } from './page-refs.js';
import { tableOfContents, tocHeadings } from './toc.js';
import { cellChars, holdWithNotes } from './notes-hold.js';
import { keptRun } from './keep-together.js';

type InlineText = string | ContentText;

const LINK_COLOR = '#0b4f8a';

/** Dokument blocks → pdfmake content. `chart` draws a DiagramBlock (SVG), when available. */
export interface PdfContext {
  d: Dokument;
  chart?: (b: DiagramBlock) => Content;
  firstChapter: boolean;
  /** A `sidbrytning` waits for the next block, so a break followed by a chapter's own break is one break, not a blank page. */
  pendingBreak?: boolean;
  /** The structure element new blocks go under (tag-plan.ts). */
  tag: TagNode;
  /** Lists made so far: each list's items are a kept run of its own. */
  lists?: number;
  /** Anchors already given as a destination (pdfmake ids are unique). */
  named: Set<string>;
}

export function blocks(c: PdfContext, bs: Block[], parent?: string): Content[] {
  return bs.flatMap((b) => block(c, b, parent));
}

function block(c: PdfContext, b: Block, parent: string | undefined): Content[] {
  if (b.typ === 'sidbrytning') {
    c.pendingBreak = !c.firstChapter;
    return [];
  }
  const out = blockContent(c, b, parent);
  if (b.typ !== 'avsnitt' && b.typ !== 'lista') tagBlock(c.tag, b, out);
  const ankare = targetAnchor(b);
  if (ankare) {
    // A goal area a follow-up shows twice (bedömning, then indicators) is one destination, named once.
    anchorContent(out, ankare, !c.named.has(ankare));
    c.named.add(ankare);
  }
  if (c.pendingBreak && out.length) {
    c.pendingBreak = false;
    out[0] = { ...(out[0] as object), pageBreak: 'before' } as Content;
  }
  return out;
}

function blockContent(c: PdfContext, b: Exclude<Block, { typ: 'sidbrytning' }>, parent: string | undefined): Content[] {
  // Chapters start on a new page, except the very first block after the title page.
  const first = c.firstChapter;
  c.firstChapter = false;
  switch (b.typ) {
    case 'avsnitt':
      return section(c, b, parent, first);
    case 'stycke':
      // Not unbreakable: in pdfmake 0.3 an unbreakable paragraph that ends exactly at a page's foot leaves a blank page after it.
      return [{ text: inlines(c.d, b.inl), style: 'p' }];
    case 'lista': {
      const list = el(c.tag, 'L');
      const outer = c.tag;
      // The items are a kept run: the last one or two never stand alone on a page (keep-together.ts).
      const run = `lista-${(c.lists = (c.lists ?? 0) + 1)}`;
      const items = b.punkter.map((p, i) => {
        const li = el(list, 'LI');
        const krLbl = el(li, 'Lbl');
        c.tag = el(li, 'LBody');
        // pdfmake's types know style names only; an object style is merged like one (StyleContextStack.autopush).
        const style = keptRun(run, i, b.punkter.length) as unknown as string;
        const item = { stack: blocks(c, p, parent), krLbl, style };
        c.tag = outer;
        return item;
      });
      return [
        b.numrerad
          ? { ol: items, ...(b.start ? { start: b.start } : {}), margin: [0, 0, 0, 6] }
          : { ul: items, margin: [0, 0, 0, 6] },
      ];
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
      return tableOfContents(tocHeadings(c.d.block), c.tag);
    case 'färgförklaring':
      return [{ stack: c.d.profil.bedömning.map((k) => bedömning(c.d, k.id)), margin: [0, 0, 0, 8] }];
    case 'bilagor':
      return b.grupper.flatMap((g) => [
        { text: g.rubrik, bold: true, margin: [0, 8, 0, 3] },
        {
          ul: g.bilagor.map((x) => `${x.nummer !== undefined ? `Bilaga ${x.nummer}: ` : ''}${x.titel}`),
          margin: [0, 0, 0, 6],
        },
      ]);
    case 'underskrifter':
      return [
        {
          columns: b.personer.map((p) => ({
            stack: [{ text: `${p.namn}${p.parti ? ` (${p.parti})` : ''}`, bold: true }, { text: p.roll }],
            width: 'auto',
            margin: [0, 16, 28, 6],
          })),
          unbreakable: true,
        },
      ];
    case 'fotnoter':
      return b.poster.map((p) => ({
        text: [{ text: `${p.nummer} `, sup: true }, ...inlines(c.d, p.inl)],
        style: 'fotnot',
      }));
  }
}

function section(c: PdfContext, a: Avsnitt, parent: string | undefined, first: boolean): Content[] {
  const level = Math.min(6, a.nivå);
  const breakBefore = a.sidbrytning && !first;
  if (breakBefore) c.pendingBreak = false;
  const heading: Content = {
    text: inlines(c.d, a.rubrik),
    style: `h${level}`,
    id: a.id,
    headlineLevel: level,
    outline: true,
    outlineText: a.rubrikText,
    ...(parent ? { outlineParentId: parent } : {}),
    ...(breakBefore ? { pageBreak: 'before' as const } : {}),
  } as Content;
  mark(heading, el(c.tag, `H${level}`));
  (heading as { krAnkare?: string }).krAnkare = a.id;
  return [heading, ...blocks(c, a.block, a.id)];
}

export function inlines(d: Dokument, xs: Inline[], style: { bold?: boolean; italics?: boolean } = {}): InlineText[] {
  return xs.flatMap((i): InlineText[] => {
    switch (i.typ) {
      case 'text':
        return [{ text: typografisktMinus(i.text), ...style }];
      case 'ref':
        return [{ text: i.text, ...style }];
      case 'kod':
        return [{ text: i.text, ...style }];
      case 'fet':
        return inlines(d, i.inl, { ...style, bold: true });
      case 'kursiv':
        return inlines(d, i.inl, { ...style, italics: true });
      case 'länk':
        return inlines(d, i.inl, style).map((t) =>
          typeof t === 'string'
            ? { text: t, link: i.url, color: LINK_COLOR }
            : { ...t, link: i.url, color: LINK_COLOR },
        );
      case 'sidref':
        return [{ ...sidrefInline(i), ...style, color: LINK_COLOR } as ContentText];
      case 'fotnotsref':
        return [{ text: String(i.nummer), sup: true }];
      case 'radbrytning':
        return ['\n'];
    }
  });
}

/** A cell of a number column: figures and markers ("-", "I.U.", "Öka", "≥ 4,0") alike stand right, as in the publication. */
const cellText = (f: FormattedCell, extra: object = {}): TableCell => ({
  text: f.fotnot ? [f.text, { text: f.fotnot, sup: true }] : f.text,
  alignment: 'right',
  noWrap: f.numeric,
  ...extra,
});

/**
 * Rows are kept whole only while no cell could outgrow a page: pdfmake lays out an unbreakable row
 * that does not fit on one page by dropping what falls beyond it. A table with such a cell lets its
 * rows break, so every word is printed.
 */
const ROW_CHARS_KEPT_WHOLE = 1200;
function rowsKeptWhole(body: TableCell[][]): boolean {
  return body.every((row) => row.every((cell) => cellChars(cell) <= ROW_CHARS_KEPT_WHOLE));
}

/** Registered with pdfmake by name (engine.ts), so content holds no functions and can be copied. */
export const TABLE_LAYOUT = {
  hLineWidth: (i: number, node: { table: { headerRows?: number; body: unknown[] } }) =>
    i === 0 ? 0 : i === (node.table.headerRows ?? 0) ? 1.2 : 0.4,
  vLineWidth: () => 0,
  hLineColor: (i: number, node: { table: { headerRows?: number } }) =>
    i === (node.table.headerRows ?? 0) ? COLOR.heading : COLOR.rule,
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
      return g
        ? { text: g.grupp, style: 'th', alignment: 'center', colSpan: g.antal }
        : { text: k.rubrik, style: 'th', alignment: 'right', rowSpan: 2 };
    }),
  ];
  // With column groups, a second header row holds the grouped columns' own headings.
  const under: TableCell[] | undefined = t.kolumngrupper?.length
    ? [
        {},
        ...t.kolumner.map((k, i): TableCell => (grupper[i] ? { text: k.rubrik, style: 'th', alignment: 'right' } : {})),
      ]
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
  holdWithNotes(body, under ? 2 : 1, [...t.fotnoter.map((f) => f.text), ...(t.kommentar ? [t.kommentar] : [])]);
  const out: Content[] = [
    tableCaption(`${caption(t)}${unit && !t.förspalt.includes(t.enhet) ? ` (${unit.toLowerCase()})` : ''}`),
    {
      table: {
        headerRows: under ? 2 : 1,
        keepWithHeaderRows: 2,
        dontBreakRows: rowsKeptWhole(body),
        widths: ['*', ...t.kolumner.map(() => 'auto' as const)],
        body,
      },
      layout: 'kommunrapport',
      fontSize: 8,
    } as Content,
  ];
  for (const f of t.fotnoter) out.push({ text: [{ text: f.markör, sup: true }, ` ${f.text}`], style: TABLE_NOTE });
  if (t.kommentar) out.push({ text: t.kommentar, fontSize: 8.5, margin: [0, 2, 0, 0] });
  out.push({ text: '', margin: [0, 0, 0, 6] });
  return out;
}

/**
 * One table per nämndmål: the column heads, then the goal (name and description) as a row across
 * the full width, both repeated when the table continues on the next page, then its indicators.
 * No cell spans rows, so nothing has to fit beside a tall goal text on one page.
 */
function goalTable(d: Dokument, m: MålBlock): Content[] {
  // A Bedömning column when some indicator of the table has its own.
  const medBed = m.nämndmål.some((n) => n.indikatorer.some((i) => i.bedömning));
  const bedCell = (nivå: string | undefined): TableCell[] => {
    if (!medBed) return [];
    if (!nivå) return [''];
    const b = bedömningsnivå(d.profil, nivå);
    return [
      {
        text: [
          { text: `${b.symbol} `, color: b.färg },
          { text: b.text, color: b.färg, bold: true },
        ],
      },
    ];
  };
  // A comment column reads from the left, as in HTML and Word; figures and targets stand right.
  const kommentar = (ci: number): boolean => kommentarkolumn(m, ci);
  // A fresh head per table: pdfmake consumes a text node's words when it lays it out, so a node shared by two tables prints once.
  const makeHead = (): TableCell[] => [
    { text: m.benämning.indikator, style: 'th' },
    ...m.kolumner.map((k, ci): TableCell => ({
      text: k.rubrik,
      style: 'th',
      alignment: kommentar(ci) ? 'left' : 'right',
    })),
    ...(medBed ? [{ text: 'Bedömning', style: 'th' } as TableCell] : []),
  ];
  const span = 1 + m.kolumner.length + (medBed ? 1 : 0);
  const val = (v: { cell: Parameters<typeof formatCell>[0]; decimaler: number }, ci: number): TableCell =>
    cellText(formatCell(v.cell, v.decimaler), { fontSize: 8, ...(kommentar(ci) ? { alignment: 'left' } : {}) });
  const tables = m.nämndmål.map((n, i): Content => {
    const goal: TableCell[] = [
      {
        colSpan: span,
        stack: [
          { text: [`${m.benämning.mål}: `, { text: n.namn, bold: true }] },
          ...(n.beskrivning ? [{ text: n.beskrivning, italics: true, fontSize: 7.5, color: COLOR.muted }] : []),
        ],
        fillColor: COLOR.goalFill,
      },
      ...Array.from({ length: span - 1 }, () => ({})),
    ];
    const body: TableCell[][] = [makeHead(), goal];
    if (!n.indikatorer.length)
      body.push([
        { text: `Ingen ${m.benämning.indikator.toLowerCase()}`, italics: true },
        ...m.kolumner.map(() => ''),
        ...bedCell(undefined),
      ]);
    for (const ind of n.indikatorer) {
      const name: TableCell = {
        stack: [
          {
            text: [ind.namn, ...(ind.obligatorisk ? ['*'] : []), ...ind.fotnoter.map((f) => ({ text: f, sup: true }))],
          },
          ...(ind.förklaring ? [{ text: ind.förklaring, italics: true, fontSize: 7.5, color: COLOR.muted }] : []),
        ],
      };
      body.push([name, ...ind.värden.map(val), ...bedCell(ind.bedömning)]);
      for (const dr of ind.delrader)
        body.push([
          { text: dr.namn, italics: true, margin: [8, 0, 0, 0] },
          ...dr.värden.map(val),
          ...bedCell(undefined),
        ]);
    }
    return {
      table: {
        headerRows: 2,
        keepWithHeaderRows: 1,
        dontBreakRows: rowsKeptWhole(body),
        widths: ['*', ...m.kolumner.map(() => 'auto' as const), ...(medBed ? ['auto' as const] : [])],
        body,
      },
      layout: 'kommunrapport',
      fontSize: 8,
      margin: [0, i === 0 ? 0 : 6, 0, 0],
    } as Content;
  });
  const markör = m.nämndmål.some((n) => n.indikatorer.some((i) => i.obligatorisk)) ? [markörText(d, m)] : [];
  // Each goal's table keeps its last rows together; the last one keeps them with the notes too.
  tables.forEach((t, i) => {
    const body = (t as { table?: { body: TableCell[][] } }).table?.body;
    const notes = i === tables.length - 1 ? [...markör, ...m.fotnoter.map((f) => f.text)] : [];
    if (body) holdWithNotes(body, 2, notes);
  });
  const out: Content[] = [tableCaption(caption(m)), ...tables];
  for (const text of markör) out.push({ text, style: TABLE_NOTE });
  for (const f of m.fotnoter) out.push({ text: [{ text: f.markör, sup: true }, ` ${f.text}`], style: TABLE_NOTE });
  out.push({ text: '', margin: [0, 0, 0, 6] });
  return out;
}

/** The bedömning in colour and in words: a coloured dot never carries the meaning alone. */
function bedömning(d: Dokument, nivå: string): Content {
  const n = bedömningsnivå(d.profil, nivå);
  return {
    text: [
      { text: `${n.symbol} `, color: n.färg },
      { text: `Bedömning: ${n.text}`, bold: true, color: n.färg },
    ],
    margin: [0, 0, 0, 3],
  };
}

function goalReport(d: Dokument, m: MålBlock): Content[] {
  return m.nämndmål
    .filter((n) => n.bedömning)
    .flatMap((n) => {
      const b = n.bedömning!;
      const list = (title: string, items: string[]): Content[] =>
        items.length
          ? [
              { text: title, bold: true, margin: [0, 3, 0, 2] },
              { ul: items, margin: [0, 0, 0, 4] },
            ]
          : [];
      return [
        { text: n.namn, style: 'h5', headlineLevel: 5 } as Content,
        bedömning(d, b.nivå),
        ...paragraphs(b.analys).map((p): Content => ({ text: p, style: 'p' })),
        ...list('Resultat', b.resultat),
        ...list('Avvikelser', b.avvikelser),
        ...b.listor.flatMap((l): Content[] => [
          ...(l.rubrik ? [{ text: l.rubrik, bold: true, margin: [0, 3, 0, 2] } as Content] : []),
          ...(l.inledning ? [{ text: l.inledning, style: 'p' } as Content] : []),
          {
            ul: l.punkter.map((x) => (typeof x === 'string' ? x : { stack: [x.text, { ul: x.punkter }] })),
            margin: [0, 0, 0, 4],
          } as Content,
        ]),
      ];
    });
}

function uppdrag(d: Dokument, u: UppdragBlock): Content[] {
  if (!u.medStatus) {
    // A kept run, as a list's items (keep-together.ts); pdfmake's types know style names only.
    const punkter = u.uppdrag.map((x, i) => ({
      style: keptRun(`uppdrag-${u.id}`, i, u.uppdrag.length) as unknown as string,
      text: [
        ...(x.granska ? [{ text: '[Att granska] ', bold: true }] : []),
        x.text,
        ...(x.not ? [' ', { text: x.not, italics: true }] : []),
      ],
      ...(x.nummer !== undefined ? { counter: x.nummer } : {}),
      margin: [0, 0, 0, 3],
    }));
    return [(u.numrerad ? { ol: punkter, margin: [0, 0, 0, 8] } : { ul: punkter, margin: [0, 0, 0, 8] }) as Content];
  }
  const kolumner = uppdragKolumner(d, u);
  const body: TableCell[][] = [
    [...(u.numrerad ? ['Nr'] : []), 'Uppdrag', ...kolumner.map((k) => k.rubrik)].map((h): TableCell => ({
      text: h,
      style: 'th',
    })),
    ...u.uppdrag.map((x): TableCell[] => [
      ...(u.numrerad ? [{ text: String(x.nummer) }] : []),
      { text: [x.text, ...(x.not ? [' ', { text: x.not, italics: true }] : [])] },
      ...kolumner.map((k): TableCell => ({ text: k.text(x) })),
    ]),
  ];
  holdWithNotes(body, 1, []);
  return [
    tableCaption(caption(u)),
    {
      table: {
        headerRows: 1,
        keepWithHeaderRows: 2,
        dontBreakRows: rowsKeptWhole(body),
        widths: [
          ...(u.numrerad ? [16] : []),
          '*',
          ...kolumner.map((k) => (k.rubrik === 'Kommentar' ? '*' : k.rubrik === 'Status' ? 50 : 96)),
        ],
        body,
      },
      layout: 'kommunrapport',
      fontSize: 8,
    } as Content,
    { text: '', margin: [0, 0, 0, 6] },
  ];
}

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && !Array.isArray(x);

/** Each block's pdfmake content marked with its structure elements, in the shapes the functions above make. */
function tagBlock(
  parent: TagNode,
  b: Exclude<Block, { typ: 'sidbrytning' | 'avsnitt' | 'lista' }>,
  out: Content[],
): void {
  const nodes = (out as unknown[]).filter(isNode);
  const rest = (n: Node): void => {
    if (n.krTag) return;
    if (n.style === 'fotnot' || n.style === TABLE_NOTE) mark(n, el(parent, 'Note'));
    else if (n.ul || n.ol) tagList(parent, n);
    else if (n.text !== '' || n.stack || n.columns) mark(n, el(parent, 'P'));
  };
  switch (b.typ) {
    case 'tabell':
    case 'uppdrag':
    case 'mål': {
      let caption: Node | undefined = nodes.find((n) => n.style === 'caption');
      for (const n of nodes) {
        const t = n.table as { body: unknown[][]; headerRows?: number } | undefined;
        if (!t) continue;
        const table = el(parent, 'Table');
        if (caption) mark(caption, el(table, 'Caption'));
        caption = undefined;
        tagTable(table, t.body, t.headerRows ?? 0, b.typ !== 'uppdrag');
      }
      // A målredovisning's goal names are headings of their own.
      for (const n of nodes) if (n.headlineLevel === 5) mark(n, el(parent, 'H5'));
      nodes.forEach(rest);
      return;
    }
    case 'diagram': {
      for (const n of nodes) {
        const [svg, cap, ...others] = (n.stack as unknown[] | undefined) ?? [];
        const figure = el(parent, 'Figure', { alt: chartTextAlternative(b) });
        if (isNode(svg)) mark(svg, figure);
        if (isNode(cap)) mark(cap, el(figure, 'Caption'));
        for (const o of others) if (isNode(o)) mark(o, el(parent, 'P'));
      }
      return;
    }
    case 'fotnoter':
      for (const n of nodes) mark(n, el(parent, 'Note'));
      return;
    case 'innehållsförteckning':
      // Tagged as it is made (toc.ts).
      return;
    case 'färgförklaring':
      for (const n of nodes)
        for (const k of (n.stack as unknown[] | undefined) ?? []) if (isNode(k)) mark(k, el(parent, 'P'));
      return;
    case 'underskrifter':
      for (const n of nodes)
        for (const k of (n.columns as unknown[] | undefined) ?? []) if (isNode(k)) mark(k, el(parent, 'P'));
      return;
    default:
      nodes.forEach(rest);
  }
}

/** A list: L, each item an LI with its marker as Lbl (pdfmake draws it; tagging.ts tags it) and its text as LBody. */
function tagList(parent: TagNode, n: Node): void {
  const list = el(parent, 'L');
  const key = n.ul ? 'ul' : 'ol';
  n[key] = (n[key] as unknown[]).map((item) => {
    const node = (typeof item === 'string' ? { text: item } : item) as Node;
    const li = el(list, 'LI');
    node.krLbl = el(li, 'Lbl');
    mark(node, el(li, 'LBody'));
    return node;
  });
}

/** Table rows: header rows in THead as TH (scope Column), body rows in TBody, the first cell a TH (scope Row) where it labels the row. */
function tagTable(table: TagNode, body: unknown[][], headerRows: number, rowHeaders: boolean): void {
  const head = headerRows ? el(table, 'THead') : undefined;
  const tbody = el(table, 'TBody');
  body.forEach((row, i) => {
    const tr = el(i < headerRows ? head! : tbody, 'TR');
    row.forEach((cell, k) => {
      // Cells covered by a colSpan are empty objects pdfmake skips.
      if (!isNode(cell) || (cell.text === undefined && cell.stack === undefined)) return;
      if (i < headerRows) mark(cell, el(tr, 'TH', { scope: 'Column' }));
      else if (k === 0 && rowHeaders) mark(cell, el(tr, 'TH', { scope: 'Row' }));
      else mark(cell, el(tr, 'TD'));
    });
  });
}
