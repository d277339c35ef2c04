import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface FontkitFont {
  familyName?: string;
  hasGlyphForCodePoint(cp: number): boolean;
}
interface Fontkit {
  openSync(path: string): FontkitFont | { fonts: FontkitFont[] };
}

/** Letters a Swedish report prints, and the true minus sign negative figures use. */
export const KRÄVDA_TECKEN = 'åäöÅÄÖéÉ\u2212';

const cache = new Map<string, { saknas: string[]; familj: string } | { fel: string }>();

/**
 * Which required characters a font file lacks (fontkit, the library pdfkit draws text with), or
 * why it cannot be read. Cached per path: `watch` checks the same profile after every edit.
 */
export function granskaTypsnitt(path: string): { saknas: string[]; familj: string } | { fel: string } {
  let r = cache.get(path);
  if (!r) {
    try {
      const fontkit = require('fontkit') as Fontkit;
      const f = fontkit.openSync(path);
      const font = 'fonts' in f ? f.fonts[0]! : f;
      r = {
        saknas: [...KRÄVDA_TECKEN].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!)),
        familj: font.familyName ?? 'Profiltypsnitt',
      };
    } catch (e) {
      r = { fel: e instanceof Error ? e.message : String(e) };
    }
    cache.set(path, r);
  }
  return r;
}
