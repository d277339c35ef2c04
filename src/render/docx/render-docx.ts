import { Document, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { Dokument } from '../../core/model/dokument.js';
import { blocks } from './blocks.js';
import type { Ctx } from './context.js';
import { referencedAnchors } from './bookmarks.js';
import { packDocx } from './deterministic.js';
import { sections } from './flow.js';
import { planFootnotes } from './footnotes.js';
import { runs } from './inline.js';
import { bodySection, titleSection } from './page.js';
import { numbering, STYLES } from './styles.js';

export interface DocxOptions {
  /** Text in the running header, e.g. "Bilaga 1 till KS 2023-12-05 § 283, Dnr KS 2023-0123" (paket). */
  stämpel?: string;
}

/**
 * Dokument → a Word document (.docx bytes) that kommunkansliet can edit and file: Word's own
 * heading styles, a table of contents Word fills on opening, real tables, Word footnotes and
 * lists, charts as pictures, Swedish throughout. Pure apart from the time-free packing.
 */
export async function renderDocx(d: Dokument, opts: DocxOptions = {}): Promise<Buffer> {
  const plan = planFootnotes(d.block);
  const ctx: Ctx = {
    d,
    refs: plan.refs,
    placed: new Set(plan.notes.values()),
    listStarts: new Set(),
    listInstance: 0,
    named: new Set(),
    referenced: referencedAnchors(d.block),
    drawing: 0,
  };
  const body = sections(blocks(ctx, d.block));
  const t = d.titelsida;
  const header = { titel: t.titel, ...(opts.stämpel ? { stämpel: opts.stämpel } : {}) };
  const footnotes = Object.fromEntries(
    [...plan.notes].map(([id, p]) => [
      String(id),
      { children: [new Paragraph({ style: 'FootnoteText', children: runs(ctx, p.inl) })] },
    ]),
  );
  const doc = new Document({
    title: t.titel,
    subject: `${t.period}, ${t.kommun}`,
    creator: t.nämnd,
    lastModifiedBy: t.nämnd,
    keywords: [t.kommun, t.nämnd, d.rapport.rapporttyp, String(d.rapport.budgetår)].join(', '),
    description: `${t.titel}, ${t.kommun}, ${t.nämnd}`,
    revision: 1,
    // Word fills the table of contents (entries and page numbers) when it opens the document. docx's
    // own page estimate (docx/layout) would write them in advance, but takes 4-9 s per report here.
    features: { updateFields: true },
    styles: STYLES,
    numbering: numbering(ctx.listStarts),
    footnotes,
    sections: [
      titleSection(titlePage(d)),
      ...body.map((s): ISectionOptions => bodySection(s.children, s.orientation, header)),
    ],
  });
  return packDocx(doc, d.datum);
}

function titlePage(d: Dokument): Paragraph[] {
  const t = d.titelsida;
  const p = (text: string, o: { size?: number; bold?: boolean; after?: number } = {}): Paragraph =>
    new Paragraph({
      spacing: { after: o.after ?? 120 },
      children: [new TextRun({ text, ...(o.size ? { size: o.size } : {}), ...(o.bold ? { bold: true } : {}) })],
    });
  const meta = [
    `Status: ${t.status}`,
    `Datum: ${t.datum}`,
    ...(t.beslut ? [`Beslut: ${t.beslut}`] : []),
    ...(t.diarienummer ? [`Diarienummer: ${t.diarienummer}`] : []),
  ];
  return [
    p(t.kommun, { size: 26, bold: true, after: 3000 }),
    new Paragraph({ style: 'Title', children: [new TextRun(t.titel)] }),
    ...(t.undertitel ? [p(t.undertitel, { size: 26 })] : []),
    ...(t.titel.includes(t.period) ? [] : [p(t.period, { size: 26 })]),
    new Paragraph({
      spacing: { after: 2000 },
      children: [
        new TextRun({ text: t.nämnd, size: 22 }),
        ...(t.förvaltning ? [new TextRun({ text: t.förvaltning, size: 22, break: 1 })] : []),
      ],
    }),
    new Paragraph({ children: meta.map((m, i) => new TextRun({ text: m, ...(i ? { break: 1 } : {}) })) }),
  ];
}
