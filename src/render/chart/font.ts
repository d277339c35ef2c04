import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The kommun's font for a chart's labels: its family name (as the profile registers it) and its files. */
export interface ChartFont {
  familj: string;
  normal: string;
  fet: string;
}

/** Width of a text in a face, per mille of the em. */
export type Measure = (text: string) => number;

interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

const measures = new Map<string, Measure | undefined>();

/** A face's advance widths, read once per file with fontkit (pdfkit's font library); undefined if it cannot be read. */
function measureOf(path: string): Measure | undefined {
  if (measures.has(path)) return measures.get(path);
  let m: Measure | undefined;
  try {
    const fontkit = require('fontkit') as { openSync(p: string): FontkitFont | { fonts: FontkitFont[] } };
    const f = fontkit.openSync(path);
    const font = 'fonts' in f ? f.fonts[0]! : f;
    const widths = new Map<number, number>();
    m = (text) => {
      let sum = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        let w = widths.get(cp);
        if (w === undefined) widths.set(cp, (w = (font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm) * 1000));
        sum += w;
      }
      return sum;
    };
  } catch {
    m = undefined;
  }
  measures.set(path, m);
  return m;
}

/** The regular and bold faces' measures of the kommun's font; undefined (Roboto) without one. */
export function fontMeasures(font: ChartFont | undefined): { regular: Measure; bold: Measure } | undefined {
  if (!font) return undefined;
  const regular = measureOf(font.normal);
  const bold = measureOf(font.fet) ?? regular;
  return regular && bold ? { regular, bold } : undefined;
}
