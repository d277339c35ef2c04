import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Roboto (Apache 2.0), as shipped in the pdfmake package: covers Swedish, the true minus sign,
 * ≥ ≤ ± and superscript digits. One font for PDF and HTML so both look alike.
 */
export const FONT_FACES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

export function fontPath(face: keyof typeof FONT_FACES): string {
  return join(fontDir, FONT_FACES[face]);
}

const cache = new Map<string, Buffer>();
export function fontBytes(face: keyof typeof FONT_FACES): Buffer {
  let b = cache.get(face);
  if (!b) cache.set(face, (b = readFileSync(fontPath(face))));
  return b;
}
