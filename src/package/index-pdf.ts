import type { Content } from 'pdfmake/interfaces.js';
import { layoutPdf } from '../render/pdf/engine.js';
import { STYLES } from '../render/pdf/styles.js';
import type { Paket } from './meeting-package.js';

/** A one-page index of the attachments, in order, with their checksums. */
export async function indexPdf(p: Paket): Promise<Buffer> {
  const date = new Date(`${p.datum}T12:00:00Z`);
  const body = [
    ['Bilaga', 'Titel', 'Fil', 'SHA-256'].map((t) => ({ text: t, bold: true })),
    ...p.bilagor.map((b) => [
      String(b.nummer),
      b.titel,
      { text: [b.fil, ...(b.docx ? [`\n${b.docx.fil}`] : [])].join(''), fontSize: 7 },
      { text: [b.sha256 ?? '', ...(b.docx ? [`\n${b.docx.sha256}`] : [])].join(''), fontSize: 6 },
    ]),
  ];
  const content: Content[] = [
    { text: `Bilagor till ${p.organ} ${p.datum} ${p.paragraf}`, style: 'h2' },
    { text: `Diarienummer ${p.diarienummer}`, margin: [0, 0, 0, 10] },
    {
      table: { headerRows: 1, widths: [34, '*', 120, 110], body },
      layout: 'lightHorizontalLines',
      fontSize: 8.5,
    } as Content,
  ];
  return layoutPdf({
    pageSize: 'A4',
    pageMargins: [57, 64, 57, 58],
    language: 'sv-SE',
    info: {
      title: `Bilagor till ${p.organ} ${p.datum} ${p.paragraf}, Dnr ${p.diarienummer}`,
      author: p.organ,
      creator: 'kommunrapport',
      producer: 'kommunrapport (pdfmake)',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
    styles: STYLES,
    content,
  });
}
