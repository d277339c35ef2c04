import { execFileSync } from 'node:child_process';
import { requireTool } from './tools.js';

/** Text of each page, via poppler's pdftotext; non-breaking spaces become spaces. */
export function pdfPages(file: string, layout = false): string[] {
  const bin = requireTool('pdftotext', 'poppler-utils');
  const text = execFileSync(bin, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return text.replace(/\u00a0/g, ' ').split('\f').slice(0, -1);
}
