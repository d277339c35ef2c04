import {
  AlignmentType,
  LevelFormat,
  LineRuleType,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
} from 'docx';
import { OUTSIDE_TOC_STYLES } from './headings.js';

/** Arial: on every Windows machine (Word) and metric-compatible as Liberation Sans (LibreOffice). */
export const FONT = 'Arial';
export const LANG = 'sv-SE';
/** Sizes in half-points, as Word stores them. */
export const SIZE = { body: 20, table: 16, note: 16, caption: 18 } as const;
export const COLOR = { heading: '1F4E79', text: '1A1A1A', muted: '555555', rule: 'BFBFBF' } as const;

/** A heading style; the outline level is written out, so every reader of the file finds it. */
const heading = (level: number, size: number, before: number, after: number) => ({
  run: { font: FONT, size, bold: true, color: COLOR.heading, language: { value: LANG } },
  paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel: level - 1 },
});

/**
 * Word's own styles, restyled: Heading 1–3 stay the built-in ones (ids and outline levels), so
 * the navigation pane and the table of contents find them. Swedish on the document defaults and
 * on every style that sets run properties, so Word spell-checks in Swedish.
 */
export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: {
        font: FONT,
        size: SIZE.body,
        color: COLOR.text,
        language: { value: LANG, eastAsia: LANG, bidirectional: LANG },
      },
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: 44, bold: true, color: COLOR.heading, language: { value: LANG } },
      paragraph: { spacing: { after: 240 } },
    },
    heading1: heading(1, 32, 360, 160),
    heading2: heading(2, 26, 280, 120),
    heading3: heading(3, 22, 220, 100),
    heading4: heading(4, 20, 200, 80),
    caption: {
      run: {
        font: FONT,
        size: SIZE.caption,
        bold: true,
        italics: false,
        color: COLOR.heading,
        language: { value: LANG },
      },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
    },
    footnoteText: { run: { size: SIZE.note, language: { value: LANG } } },
    listParagraph: { run: { language: { value: LANG } } },
  },
  paragraphStyles: [
    ...OUTSIDE_TOC_STYLES,
    {
      // Looks like a heading, but has no outline level: "Innehåll" is not an entry of itself.
      id: 'TOCHeading',
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: FONT, size: 32, bold: true, color: COLOR.heading, language: { value: LANG } },
      paragraph: { spacing: { before: 0, after: 160 }, keepNext: true },
    },
    {
      id: 'Header',
      name: 'header',
      basedOn: 'Normal',
      run: { size: 16, color: COLOR.muted, language: { value: LANG } },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: 'Footer',
      name: 'footer',
      basedOn: 'Normal',
      run: { size: 16, color: COLOR.muted, language: { value: LANG } },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: 'Tabelltext',
      name: 'Tabelltext',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: SIZE.table, language: { value: LANG } },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Tabellnot',
      name: 'Tabellnot',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: SIZE.note, color: COLOR.muted, language: { value: LANG } },
      paragraph: { spacing: { before: 40, after: 40 } },
    },
  ],
};

const INDENT = 360;

function levels(
  format: (typeof LevelFormat)[keyof typeof LevelFormat],
  text: (level: number) => string,
  start = 1,
): ILevelsOptions[] {
  return [0, 1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({
    level,
    format,
    text: text(level),
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: INDENT } } },
  }));
}

/** The list definitions the body used: bullets, and numbered lists by their first number. */
export function numbering(starts: ReadonlySet<number>): INumberingOptions {
  const bullets = ['\u2022', '\u2013', '\u25e6'];
  return {
    config: [
      { reference: PUNKTER, levels: levels(LevelFormat.BULLET, (l) => bullets[l % bullets.length]!) },
      ...[...starts]
        .sort((a, b) => a - b)
        .map((s) => ({ reference: numreradRef(s), levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`, s) })),
    ],
  };
}

export const PUNKTER = 'punkter';
export const numreradRef = (start: number): string => `numrerad-${start}`;
