import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { DiagramBlock, Dokument } from '../../core/model/dokument.js';
import { chartCaption, chartSvg, chartTextAlternative } from '../chart/index.js';
import { blocks } from './blocks.js';
import { el, mark, tagRoot, type TagNode } from './tag-plan.js';
import { keepWithNext, RUNNING } from './keep-together.js';
import { layoutPdfPages, type PdfExtras } from './engine.js';
import { modelWords } from './model-words.js';
import { verifyLayout } from './verify.js';
import { STYLES } from './styles.js';
import { profilLogotyp, profilStilar, profilTypsnitt } from './profil-stil.js';
import { sidtext } from '../shared.js';

export interface PdfOptions {
  /** PDF/A-2a (tagged) for the archive; otherwise a tagged PDF identified as PDF/UA-1. */
  pdfa?: boolean;
  /** Text in the running header of every page after the title page, e.g. "Bilaga 1 till KS 2023-12-05 § 283, Dnr KS 2023-0123". */
  stämpel?: string;
  /** Draws a chart (default: the shared SVG chart module). */
  chart?: (b: DiagramBlock) => Content;
}

const MARGINS: [number, number, number, number] = [57, 64, 57, 58];

/** Dokument → pdfmake document definition (pure). */
export function pdfDefinition(d: Dokument, opts: PdfOptions = {}): TDocumentDefinitions & PdfExtras {
  const t = d.titelsida;
  const date = new Date(`${d.datum}T12:00:00Z`);
  const p = d.profil;
  const titlePage: Content = {
    stack: [
      ...profilLogotyp(p, `${t.kommun}s logotyp`),
      {
        text: p.titelsida.överrubrik !== undefined ? sidtext(d, p.titelsida.överrubrik) : t.kommun,
        bold: true,
        fontSize: 13,
        color: p.färger.rubrik,
        margin: [0, 0, 0, p.logotyp ? 110 : 150],
      },
      { text: t.titel, style: 'h1' },
      ...(t.undertitel ? [{ text: t.undertitel, fontSize: 13, margin: [0, 0, 0, 8] } as Content] : []),
      ...(t.titel.includes(t.period) ? [] : [{ text: t.period, fontSize: 13, margin: [0, 0, 0, 8] } as Content]),
      {
        text: [t.nämnd, ...(t.förvaltning ? [`\n${t.förvaltning}`] : [])],
        fontSize: 11,
        margin: [0, 0, 0, p.titelsida.text ? 20 : 100],
      },
      ...(p.titelsida.text
        ? [{ text: sidtext(d, p.titelsida.text), fontSize: 10, margin: [0, 0, 0, 60] } as Content]
        : []),
      {
        text: [
          `Status: ${t.status}\nDatum: ${t.datum}`,
          ...(t.beslut ? [`\nBeslut: ${t.beslut}`] : []),
          ...(t.diarienummer ? [`\nDiarienummer: ${t.diarienummer}`] : []),
        ],
        fontSize: 10,
      },
    ],
    pageBreak: 'after',
  };
  const root = tagRoot();
  tagTitlePage(root, titlePage);
  const body = blocks(
    { d, firstChapter: true, chart: opts.chart ?? ((b) => pdfChart(d, b)), tag: root, named: new Set() },
    d.block,
  );
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: MARGINS,
    language: 'sv-SE',
    displayTitle: true,
    version: '1.7',
    // Tagged always: PDF/UA-1 for the ordinary copy, PDF/A-2a (accessible archive) for --pdfa.
    tagged: true,
    subset: opts.pdfa ? ('PDF/A-2a' as const) : ('PDF/UA' as const),
    info: {
      title: t.titel,
      author: t.nämnd,
      subject: `${t.period}, ${t.kommun}`,
      keywords: [t.kommun, t.nämnd, d.rapport.rapporttyp, String(d.rapport.budgetår)].join(', '),
      creator: 'kommunrapport',
      // The file id is a hash of the Info dictionary: the archive copy's differs from the ordinary one's.
      producer: opts.pdfa ? 'kommunrapport (pdfmake), PDF/A-2a' : 'kommunrapport (pdfmake)',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: profilTypsnitt(p), fontSize: 9.5, lineHeight: 1.2, color: p.färger.text },
    styles: profilStilar(STYLES, p),
    ...(p.typsnitt ? { profilTypsnitt: p.typsnitt } : {}),
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : {
            columns: [
              { text: opts.stämpel ?? (p.sidhuvud !== undefined ? sidtext(d, p.sidhuvud) : t.titel), style: 'header' },
              ...(opts.stämpel ? [{ text: t.titel, style: 'header', alignment: 'right' as const }] : []),
            ],
            style: RUNNING,
            margin: [MARGINS[0], 30, MARGINS[2], 0],
          },
    footer: (currentPage: number, pageCount: number) =>
      currentPage === 1
        ? null
        : {
            text:
              p.sidfot !== undefined
                ? sidtext(d, p.sidfot, { sida: currentPage, sidor: pageCount })
                : `Sida ${currentPage} av ${pageCount}`,
            style: RUNNING,
            alignment: 'center',
            margin: [0, 22, 0, 0],
          },
    // A heading or caption never stands alone at the bottom of a page.
    pageBreakBefore: keepWithNext(MARGINS[1]) as unknown as TDocumentDefinitions['pageBreakBefore'],
    // pdfmake writes layout state into the nodes it is given: hand it a copy, never the model's own arrays.
    content: structuredClone([titlePage, ...body]),
  };
}

const CONTENT_WIDTH = 595.28 - MARGINS[0] - MARGINS[2];

/** The same SVG as the HTML, drawn by pdfmake, with its caption and text alternative. */
function pdfChart(d: Dokument, b: DiagramBlock): Content {
  const typsnitt = d.profil.typsnitt ? { typsnitt: d.profil.typsnitt } : {};
  return {
    stack: [
      { svg: chartSvg(b, { width: Math.floor(CONTENT_WIDTH), ...typsnitt }), width: Math.floor(CONTENT_WIDTH) },
      { text: chartCaption(b), style: 'caption', margin: [0, 3, 0, 1] },
      { text: chartTextAlternative(b), fontSize: 8, color: '#444444', margin: [0, 0, 0, 8] },
    ],
    unbreakable: true,
  } as Content;
}

/**
 * The PDF, verified before it is returned: every word of the model on its pages, in reading order,
 * inside the text area. Anything lost or out of bounds fails the build, naming the block.
 */
export async function renderPdf(d: Dokument, opts: PdfOptions = {}): Promise<Buffer> {
  const { bytes, pages } = await layoutPdfPages(pdfDefinition(d, opts));
  const problems = verifyLayout(pages, modelWords(d));
  if (problems.length)
    throw new Error(
      `PDF:en visar inte all text (${problems.length} ${problems.length === 1 ? 'ställe' : 'ställen'}):\n  ${problems.slice(0, 20).join('\n  ')}`,
    );
  return bytes;
}

/** The title page: the document title as H1, the rest as paragraphs. */
function tagTitlePage(root: TagNode, page: Content): void {
  for (const n of (page as { stack: { style?: string; svg?: string; image?: string; alt?: string }[] }).stack) {
    // The profile's logo is a figure with its alt text, not a paragraph.
    if (n.svg !== undefined || n.image !== undefined) mark(n, el(root, 'Figure', n.alt ? { alt: n.alt } : {}));
    else mark(n, el(root, n.style === 'h1' ? 'H1' : 'P'));
  }
}
