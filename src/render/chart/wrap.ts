import { textWidth } from './text-width.js';

export interface Wrapped {
  lines: string[];
  /** Width of the widest line, in user units. */
  width: number;
  /** True when text was cut (ellipsis): the full text must then be given another way. */
  shortened: boolean;
  /** True when a word had to be broken inside (with a hyphen) because it is wider than a line. */
  brokeWord: boolean;
}

const ELLIPSIS = '\u2026';

/**
 * Breaks a label into lines no wider than `maxWidth`: at spaces, after a hyphen, slash or dash,
 * and, for a single word wider than a line (Swedish compounds: "Kommunledningsstaben"), inside
 * the word with a hyphen. More than `maxLines` lines: the last kept line ends in an ellipsis.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): Wrapped {
  const w = (s: string): number => textWidth(s, fontSize, bold);
  // Pieces with whether a space preceded them: "Näringsliv- och" keeps its space,
  // "Kommunikations-/utveckling" may break after the hyphen and rejoins without one.
  const pieces = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=[-/\u2013])(?=[^-/\u2013])/).map((p, i) => ({ p, space: i === 0 })));
  const lines: string[] = [];
  let line = '';
  let brokeWord = false;
  for (const { p, space } of pieces) {
    const candidate = line ? line + (space ? ' ' : '') + p : p;
    if (w(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = p;
    while (w(rest) > maxWidth) {
      brokeWord = true;
      const cut = longestPrefix(rest, (pre) => w(`${pre}-`) <= maxWidth);
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
    const cut = longestPrefix(last, (pre) => w(pre.trimEnd() + ELLIPSIS) <= maxWidth);
    lines[maxLines - 1] = last.slice(0, cut).trimEnd() + ELLIPSIS;
  }
  return { lines, width: Math.max(...lines.map(w)), shortened, brokeWord };
}

/** Length of the longest prefix (in code units, at least one character) for which `fits` holds. */
function longestPrefix(s: string, fits: (prefix: string) => boolean): number {
  const chars = [...s];
  let n = chars.length;
  while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
  return chars.slice(0, Math.max(1, n)).join('').length;
}
