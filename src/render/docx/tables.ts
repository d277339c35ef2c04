import { Paragraph, TextRun } from 'docx';
import type { Dokument, TabellBlock } from '../../core/model/dokument.js';
import type { Cell } from '../../schema/cell.js';
import { caption, factCell, unitNote } from '../shared.js';
import { item, type Flow } from './flow.js';
import { fitColumns, need, wordTable, type Grid, type GridCell } from './grid.js';

/**
 * Figures, markers (I.U., –), comparisons and directions stand right-aligned in their column, as
 * in a printed table; only free text reads from the left.
 */
export const alignRight = (cell: Cell | undefined): boolean => cell?.typ !== 'text';
const ctxCell = (d: Dokument, id: string | null): Cell | undefined => (id ? d.fakta.get(id)?.cell : undefined);

/** A table's level indent in twips, as the PDF's 8 pt per level. */
const LEVEL_INDENT = 160;

const sup = (m: string): TextRun => new TextRun({ text: m, superScript: true });

/** A caption ("Tabell N. …") in Word's Caption style, kept with the table below it. */
export function captionParagraph(text: string): Paragraph {
  return new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(text)] });
}

/** A note below a table: a raised marker and its text. */
export function noteParagraph(markör: string, text: string): Paragraph {
  return new Paragraph({
    style: 'Tabellnot',
    children: [...(markör ? [sup(markör), new TextRun(' ')] : []), new TextRun(text)],
  });
}

/** Caption, grid and notes: in a landscape section when the columns do not fit a portrait page. */
export function placedTable(title: string, g: Grid, notes: Paragraph[]): Flow {
  const { widths, orientation } = fitColumns(g.needs);
  const liggande = orientation === 'liggande';
  return [
    item(captionParagraph(title), { liggande, keepNext: true }),
    item(wordTable(g, widths), { liggande }),
    ...notes.map((n) => item(n, { liggande })),
  ];
}

/** A data table: numbers right-aligned as published, summa bold, varav italic, the level indented. */
export function dataTable(d: Dokument, t: TabellBlock): Flow {
  const unit = unitNote(t);
  const first = t.förspalt || unit || '';
  const texts = t.rader.map((r) => r.celler.map((id) => factCell(d, id)));
  const maxLevel = Math.max(0, ...t.rader.map((r) => r.nivå));
  const needs = [
    need(
      first,
      t.rader.map((r) => r.etikett + r.fotnoter.join('')),
      { indent: maxLevel * LEVEL_INDENT, floor: 1000, cap: 4200, first: true },
    ),
    ...t.kolumner.map((k, i) =>
      need(
        k.rubrik,
        texts.map((row) => (row[i]?.text ?? '') + (row[i]?.fotnot ?? '')),
        { numeric: true },
      ),
    ),
  ];
  const g: Grid = {
    head: [{ text: first }, ...t.kolumner.map((k): GridCell => ({ text: k.rubrik, right: true }))],
    rows: t.rader.map((r, ri) => ({
      bold: r.fet,
      italics: r.kursiv,
      rule: r.roll === 'summa',
      cells: [
        {
          text: [new TextRun({ text: r.etikett, bold: r.fet, italics: r.kursiv }), ...r.fotnoter.map(sup)],
          indent: r.nivå * LEVEL_INDENT,
        },
        ...texts[ri]!.map((f, ci): GridCell => ({
          text: [new TextRun({ text: f.text, bold: r.fet, italics: r.kursiv }), ...(f.fotnot ? [sup(f.fotnot)] : [])],
          right: alignRight(ctxCell(d, r.celler[ci] ?? null)),
        })),
      ],
    })),
    needs,
  };
  const notes = [
    ...t.fotnoter.map((f) => noteParagraph(f.markör, f.text)),
    ...(t.kommentar ? [new Paragraph({ children: [new TextRun(t.kommentar)] })] : []),
  ];
  return placedTable(
    `${caption(t)}${unit && !t.förspalt.includes(t.enhet) ? ` (${unit.toLowerCase()})` : ''}`,
    g,
    notes,
  );
}
