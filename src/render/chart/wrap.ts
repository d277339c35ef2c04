import { textWidth } from './text-width.js';

export interface Wrapped {
  lines: string[];
  /** Width of the widest line, in user units. */
  width: number;
  /** True when text was cut (ellipsis): the full text must then be given another way. */
  shortened: boolean;
}

const ELLIPSIS = '\u2026';

/**
 * Breaks a label into lines no wider than `maxWidth`: at spaces, after a hyphen, slash or dash,
 * and, for a single word wider than a line (Swedish compounds: "Kommunledningsstaben"), inside
 * the word with a hyphen. More than `maxLines` lines: the last kept line ends in an ellipsis.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): Wrapped {
  const w = (s: string): number => textWidth(s, fontSize, bold);
  const words = text.trim().split(/\s+/).filter(Boolean).flatMap((word) => word.split(/(?<=[-/\u2013])(?=.)/));
  const lines: string[] = [];
  let line = '';
  // A word piece that ends in a hyphen/slash joins the next piece without a space.
  const joiner = (prev: string): string => (/[-/\u2013]$/.test(prev) ? '' : ' ');
  for (const piece of words) {
    const candidate = line ? line + joiner(line) + piece : piece;
    if (w(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = piece;
    while (w(rest) > maxWidth) {
      const cut = longestPrefix(rest, (p) => w(`${p}-`) <= maxWidth);
      lines.push(`${rest.slice(0, cut)}-`);
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length === 0) lines.push('');

  let shortened = false;
  if (lines.length > maxLines) {
    shortened = true;
    lines.length = maxLines;
    const last = (lines[maxLines - 1] ?? '').replace(/-$/, '');
    const cut = longestPrefix(last, (p) => w(p.trimEnd() + ELLIPSIS) <= maxWidth);
    lines[maxLines - 1] = last.slice(0, cut).trimEnd() + ELLIPSIS;
  }
  return { lines, width: Math.max(...lines.map(w)), shortened };
}

/** Length of the longest prefix (in code units, at least one character) for which `fits` holds. */
function longestPrefix(s: string, fits: (prefix: string) => boolean): number {
  const chars = [...s];
  let n = chars.length;
  while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
  return chars.slice(0, Math.max(1, n)).join('').length;
}
