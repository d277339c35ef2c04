import { Paragraph, TableOfContents, TextRun } from 'docx';
import type { Block, Lista } from '../../core/model/dokument.js';
import { chart } from './charts.js';
import type { Ctx } from './context.js';
import { item, type Flow } from './flow.js';
import { bedömningParagraph, goalReport, goalTable } from './goals.js';
import { heading, TOC_LEVELS } from './headings.js';
import { runs } from './inline.js';
import { PUNKTER, numreradRef } from './styles.js';
import { dataTable } from './tables.js';
import { bookmarked } from './bookmarks.js';
import { targetAnchor } from '../shared.js';
import { uppdragTable, uppdragText } from './uppdrag.js';

/** The model's blocks in reading order → Word paragraphs, tables and pictures. */
export function blocks(ctx: Ctx, bs: Block[], level = 1): Flow {
  return bs.flatMap((b) => {
    // A heading, table, chart, goal area or uppdrag list a page reference may point to gets its bookmark.
    const ankare = b.typ === 'avsnitt' ? b.id : targetAnchor(b);
    if (!ankare || !ctx.referenced.has(ankare)) return block(ctx, b, level);
    if (b.typ !== 'avsnitt') return bookmarked(block(ctx, b, level), ankare, ctx.named);
    const [head, ...rest] = block(ctx, b, level);
    return [...bookmarked([head!], ankare, ctx.named), ...rest];
  });
}

function block(ctx: Ctx, b: Block, level: number): Flow {
  switch (b.typ) {
    case 'avsnitt':
      return [
        item(heading(b.nivå, runs(ctx, b.rubrik), { pageBreakBefore: b.sidbrytning, iInnehåll: b.iInnehåll }), {
          keepNext: true,
        }),
        ...blocks(ctx, b.block, b.nivå),
      ];
    case 'stycke':
      return [item(new Paragraph({ children: runs(ctx, b.inl) }))];
    case 'lista':
      return list(ctx, b, 0, level);
    case 'tabell':
      return dataTable(ctx.d, b);
    case 'diagram':
      return chart(ctx, b);
    case 'mål':
      return b.visning === 'indikatorer'
        ? goalTable(ctx.d, b)
        : goalReport(ctx.d.profil, b, level, (xs) => bullets(xs));
    case 'uppdrag':
      if (b.medStatus) return uppdragTable(ctx.d, b);
      if (!b.numrerad) return bulletRuns(b.uppdrag.map(uppdragText));
      return numbered(
        ctx,
        b.uppdrag.map((x) => ({ nummer: x.nummer ?? 0, children: uppdragText(x) })),
      );
    case 'innehållsförteckning':
      // Word fills the table from the headings when it opens the document (updateFields).
      return [
        item(new Paragraph({ style: 'TOCHeading', children: [new TextRun('Innehåll')] }), { keepNext: true }),
        item(new TableOfContents('Innehåll', { hyperlink: true, headingStyleRange: TOC_LEVELS })),
      ];
    case 'färgförklaring':
      return ctx.d.profil.bedömning.map((k) => item(bedömningParagraph(ctx.d.profil, k.id)));
    case 'bilagor':
      return b.grupper.flatMap((g) => [
        item(new Paragraph({ keepNext: true, children: [new TextRun({ text: g.rubrik, bold: true })] }), {
          keepNext: true,
        }),
        ...bullets(g.bilagor.map((x) => `${x.nummer !== undefined ? `Bilaga ${x.nummer}: ` : ''}${x.titel}`)),
      ]);
    case 'underskrifter':
      return b.personer.map((p) =>
        item(
          new Paragraph({
            spacing: { before: 360 },
            keepLines: true,
            children: [
              new TextRun({ text: `${p.namn}${p.parti ? ` (${p.parti})` : ''}`, bold: true }),
              new TextRun({ text: p.roll, break: 1 }),
            ],
          }),
        ),
      );
    case 'sidbrytning':
      return [item(new Paragraph({ pageBreakBefore: true, children: [] }))];
    case 'fotnoter': {
      // Entries that became Word footnotes are at the foot of their page; any other is printed here.
      const rest = b.poster.filter((p) => !ctx.placed.has(p));
      return rest.map((p) =>
        item(
          new Paragraph({
            style: 'Tabellnot',
            children: [
              new TextRun({ text: String(p.nummer), superScript: true }),
              new TextRun(' '),
              ...runs(ctx, p.inl),
            ],
          }),
        ),
      );
    }
  }
}

/** A Markdown list as a Word list (numbering definitions), nested lists one level deeper. */
function list(ctx: Ctx, l: Lista, depth: number, level: number): Flow {
  const start = l.start ?? 1;
  if (l.numrerad) ctx.listStarts.add(start);
  const instance = l.numrerad ? ++ctx.listInstance : 0;
  const reference = l.numrerad ? numreradRef(start) : PUNKTER;
  return l.punkter.flatMap((p) =>
    p.flatMap((b, i): Flow => {
      if (b.typ === 'lista') return list(ctx, b, depth + 1, level);
      if (b.typ === 'stycke') {
        return [
          item(
            new Paragraph({
              style: 'ListParagraph',
              ...(i === 0
                ? { numbering: { reference, level: depth, instance } }
                : { indent: { left: 360 * (depth + 1) } }),
              children: runs(ctx, b.inl),
            }),
          ),
        ];
      }
      return block(ctx, b, level);
    }),
  );
}

export function bullets(items: string[]): Flow {
  return bulletRuns(items.map((x) => [new TextRun(x)]));
}

function bulletRuns(items: TextRun[][]): Flow {
  return items.map((children) =>
    item(
      new Paragraph({
        style: 'ListParagraph',
        numbering: { reference: PUNKTER, level: 0 },
        children,
      }),
    ),
  );
}

/**
 * Numbered items with their own numbers (an uppdrag list may skip numbers): a Word numbered list
 * when they run 1, 2, 3… from their first, else paragraphs that carry their number.
 */
function numbered(ctx: Ctx, xs: { nummer: number; children: TextRun[] }[]): Flow {
  const first = xs[0]?.nummer ?? 1;
  if (xs.every((x, i) => x.nummer === first + i)) {
    ctx.listStarts.add(first);
    const instance = ++ctx.listInstance;
    return xs.map((x) =>
      item(
        new Paragraph({
          style: 'ListParagraph',
          numbering: { reference: numreradRef(first), level: 0, instance },
          children: x.children,
        }),
      ),
    );
  }
  return xs.map((x) =>
    item(
      new Paragraph({
        style: 'ListParagraph',
        indent: { left: 360, hanging: 360 },
        children: [new TextRun(`${x.nummer}.\t`), ...x.children],
      }),
    ),
  );
}
