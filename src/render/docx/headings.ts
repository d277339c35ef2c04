import { HeadingLevel, Paragraph, type ParagraphChild } from 'docx';

const LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

/**
 * A heading in Word's built-in style: the model's level 2 (a chapter; the title is the only
 * level 1) is Heading 1, level 3 is Heading 2, and so on.
 */
export function heading(nivå: number, children: ParagraphChild[], o: { pageBreakBefore?: boolean } = {}): Paragraph {
  const i = Math.min(LEVELS.length, Math.max(1, nivå - 1)) - 1;
  return new Paragraph({ heading: LEVELS[i]!, children, ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}) });
}
