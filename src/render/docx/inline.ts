import { ExternalHyperlink, FootnoteReferenceRun, TextRun, type ParagraphChild } from 'docx';
import type { Inline } from '../../core/model/dokument.js';
import type { Ctx } from './context.js';
import { plainText } from '../../narrative/parse-markdown.js';
import { pageReference } from './bookmarks.js';

interface Format {
  bold?: boolean;
  italics?: boolean;
}

/** Inline text → Word runs; a footnote reference becomes a Word footnote reference. */
export function runs(ctx: Ctx, xs: Inline[], f: Format = {}): ParagraphChild[] {
  return xs.flatMap((i): ParagraphChild[] => {
    switch (i.typ) {
      case 'text':
        return [new TextRun({ text: i.text, ...f })];
      case 'fet':
        return runs(ctx, i.inl, { ...f, bold: true });
      case 'kursiv':
        return runs(ctx, i.inl, { ...f, italics: true });
      case 'länk':
        return /^(https?:|mailto:)/i.test(i.url)
          ? [
              new ExternalHyperlink({
                link: i.url,
                children: [new TextRun({ text: plainText(i.inl), style: 'Hyperlink', ...f })],
              }),
            ]
          : runs(ctx, i.inl, f);
      case 'kod':
        return [new TextRun({ text: i.text, font: 'Consolas', ...f })];
      case 'ref':
        return [new TextRun({ text: i.text, ...f })];
      case 'sidref':
        // A PAGEREF field to the target's bookmark: Word writes the page when it updates the fields.
        return pageReference(i, f);
      case 'fotnotsref': {
        const id = ctx.refs.get(i);
        return [
          id === undefined ? new TextRun({ text: String(i.nummer), superScript: true }) : new FootnoteReferenceRun(id),
        ];
      }
      case 'radbrytning':
        return [new TextRun({ break: 1 })];
    }
  });
}
