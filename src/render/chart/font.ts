import { createRequire } from 'node:module';
import { robotoWidth } from './text-width.js';

const require = createRequire(import.meta.url);

/** The kommun's font for a chart's labels: its family name (as the file names it) and its files. */
export interface ChartFont {
  familj: string;
  normal: string;
  fet: string;
}

interface FontkitFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/** Letters, figures and signs a chart prints: the sample the widths are compared on. */
const PROV = 'Budget Utfall Prognos 2025 2026 Kostnader Intäkter Bibliotek Fritidsgårdar 1 234 567,8 −12 % ÅÄÖ åäö';

const cache = new Map<string, number>();

/** How much wider the font sets the sample than Roboto (fontkit's advance widths; 1 when it cannot be read). */
function factor(path: string, bold: boolean): number {
  const key = `${path}\u0000${bold}`;
  let k = cache.get(key);
  if (k === undefined) {
    try {
      const fontkit = require('fontkit') as { openSync(p: string): FontkitFont | { fonts: FontkitFont[] } };
      const f = fontkit.openSync(path);
      const font = 'fonts' in f ? f.fonts[0]! : f;
      let sum = 0;
      for (const ch of PROV) sum += (font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / font.unitsPerEm) * 1000;
      k = sum / robotoWidth(PROV, bold);
    } catch {
      k = 1;
    }
    cache.set(key, k);
  }
  return k;
}

/** The width factors of the font's regular and bold faces against Roboto's, which the layout measures in. */
export function widthFactors(font: ChartFont | undefined): { regular: number; bold: number } {
  return font ? { regular: factor(font.normal, false), bold: factor(font.fet, true) } : { regular: 1, bold: 1 };
}
