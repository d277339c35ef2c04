import { execFileSync } from 'node:child_process';
import { requireTool } from './tools.js';

/** Text of each page, via poppler's pdftotext; non-breaking spaces become spaces. */
export function pdfPages(file: string, layout = false): string[] {
  const bin = requireTool('pdftotext', 'poppler-utils');
  const text = execFileSync(bin, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return text
    .replace(/\u00a0/g, ' ')
    .split('\f')
    .slice(0, -1);
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box (pdftotext -bbox), per page in reading position (top to bottom, left to right). */
export function pdfWords(file: string): WordBox[] {
  const bin = requireTool('pdftotext', 'poppler-utils');
  const xml = execFileSync(bin, ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return xml
    .split('<page ')
    .slice(1)
    .flatMap((p, page) =>
      [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g)]
        .map((m) => ({
          page,
          text: m[5]!,
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
        }))
        .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin),
    );
}
