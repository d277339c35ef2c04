import {
  AlignmentType,
  Footer,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  TextRun,
  type ISectionOptions,
} from 'docx';

/** A4 in twips (1/20 pt), with the PDF's margins (57 pt at the sides), so both formats set the same line length. */
export const A4 = { width: 11906, height: 16838 } as const;
export const MARGIN = { top: 1280, bottom: 1160, left: 1140, right: 1140, header: 600, footer: 500 } as const;

export type Orientation = 'stående' | 'liggande';

/** The width a table or picture may take: the page less its side margins. */
export function textWidth(o: Orientation): number {
  return (o === 'stående' ? A4.width : A4.height) - MARGIN.left - MARGIN.right;
}

export interface HeaderText {
  titel: string;
  /** "Bilaga 3 till KS 2024-12-03 § 412, Dnr KS 2024-0815" in a meeting package. */
  stämpel?: string;
}

/**
 * The running header (the stamp or the title on the left, the title on the right when stamped) and
 * the footer "Sida X av Y" from Word's PAGE and NUMPAGES fields, for a section of this orientation.
 */
function headerFooter(h: HeaderText, o: Orientation): Pick<ISectionOptions, 'headers' | 'footers'> {
  const right = textWidth(o);
  const head = new Paragraph({
    style: 'Header',
    tabStops: [{ type: TabStopType.RIGHT, position: right }],
    children: [new TextRun(h.stämpel ?? h.titel), ...(h.stämpel ? [new TextRun({ children: ['\t', h.titel] })] : [])],
  });
  const foot = new Paragraph({
    style: 'Footer',
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: ['Sida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES] })],
  });
  return {
    headers: { default: new Header({ children: [head] }) },
    footers: { default: new Footer({ children: [foot] }) },
  };
}

/** A section's page: A4 in the given orientation (Word wants the swapped size and the orientation both). */
export function sectionPage(o: Orientation): NonNullable<ISectionOptions['properties']> {
  const landscape = o === 'liggande';
  return {
    page: {
      size: {
        width: A4.width,
        height: A4.height,
        orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: { ...MARGIN },
    },
  };
}

/** The title page: its own section without header or footer. */
export function titleSection(children: ISectionOptions['children']): ISectionOptions {
  const empty = {
    headers: { default: new Header({ children: [new Paragraph({ style: 'Header', children: [] })] }) },
    footers: { default: new Footer({ children: [new Paragraph({ style: 'Footer', children: [] })] }) },
  };
  return { properties: sectionPage('stående'), ...empty, children };
}

export function bodySection(children: ISectionOptions['children'], o: Orientation, h: HeaderText): ISectionOptions {
  return { properties: sectionPage(o), ...headerFooter(h, o), children };
}
