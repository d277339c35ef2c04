import type { Content } from 'pdfmake/interfaces.js';
import type { Avsnitt, Block } from '../../core/model/dokument.js';
import { el, mark, type TagNode } from './tag-plan.js';
import { keptRun } from './keep-together.js';

/** Headings of level 1–3 the template lists in the contents, wherever they stand (before the table of contents too). */
export function tocHeadings(bs: Block[]): Avsnitt[] {
  return bs.flatMap((b) =>
    b.typ === 'avsnitt' ? [...(b.iInnehåll && b.nivå <= 3 ? [b] : []), ...tocHeadings(b.block)] : [],
  );
}

/**
 * The table of contents, built here rather than by pdfmake's `toc` (which rebuilds one table on
 * every layout, so no page-break rule can reach its rows). Each entry is a one-row table — the
 * heading's text and its page number, both links to the heading — and the entries form a kept run
 * (keep-together.ts): the last entries never stand alone on a page. The page number is a pdfmake
 * `pageReference` to the heading's id, written in after layout. Tagged TOC > Caption, TOCI.
 */
export function tableOfContents(headings: Avsnitt[], parent: TagNode): Content[] {
  const toc = el(parent, 'TOC');
  const run = `innehall-${headings[0]?.id ?? ''}`;
  const title = mark({ text: 'Innehåll', style: 'h2', headlineLevel: 2 }, el(toc, 'Caption'));
  const entries = headings.map((a, i): Content => {
    const toci = el(toc, 'TOCI');
    const margin: [number, number, number, number] = [Math.max(0, a.nivå - 2) * 14, 0, 0, 2];
    return {
      table: {
        widths: ['*', 'auto'],
        dontBreakRows: true,
        body: [
          [
            mark(
              // The id makes pdfmake note the page a kept row really lands on (ElementWriter.addFragment), which the hook reads.
              {
                text: a.rubrikText,
                id: `toc:${a.id}`,
                style: 'toc',
                bold: a.nivå <= 2,
                linkToDestination: a.id,
                margin,
              },
              toci,
            ),
            mark({ text: '', pageReference: a.id, style: 'toc', alignment: 'right', margin: [0, 0, 0, 2] }, toci),
          ],
        ],
        ...keptRun(run, i, headings.length),
      },
      layout: 'noBorders',
    } as Content;
  });
  return [title, ...entries];
}
