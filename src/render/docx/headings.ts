import { HeadingLevel, Paragraph, type IParagraphStyleOptions, type ParagraphChild } from 'docx';

const LEVELS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** The table of contents lists Heading 1–2: the model's chapters and their sections, as the HTML and PDF do. */
export const TOC_LEVELS = '1-2';

/** Word's heading level (1–6) for the model's level: a chapter (2; the title is the only 1) is Heading 1. */
const wordLevel = (nivå: number): number => Math.min(LEVELS.length, Math.max(1, nivå - 1));

/** Styles that look like Heading N but are not the built-in one, so the TOC field leaves them out. */
export const outsideTocStyle = (level: number): string => `RubrikUtanforInnehall${level}`;
export const OUTSIDE_TOC_STYLES: IParagraphStyleOptions[] = LEVELS.map((_, i) => ({
  id: outsideTocStyle(i + 1),
  name: `Rubrik ${i + 1} utanför innehåll`,
  basedOn: `Heading${i + 1}`,
  next: 'Normal',
  quickFormat: true,
}));

/**
 * A heading in Word's built-in style: the model's level 2 is Heading 1, level 3 Heading 2, and so
 * on. A heading the model keeps out of the table of contents gets its look-alike style instead.
 */
export function heading(
  nivå: number,
  children: ParagraphChild[],
  o: { pageBreakBefore?: boolean; iInnehåll?: boolean } = {},
): Paragraph {
  const level = wordLevel(nivå);
  const style = o.iInnehåll === false ? { style: outsideTocStyle(level) } : { heading: LEVELS[level - 1]! };
  return new Paragraph({ ...style, children, ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}) });
}
