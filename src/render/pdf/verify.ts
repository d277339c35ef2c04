import type { BlockWords } from './model-words.js';

/** The parts of pdfmake 0.3's laid-out pages (Renderer.renderPages' argument) the check reads. */
export interface LaidOutPage {
  pageSize: { width: number; height: number };
  pageMargins: { left: number; top: number; right: number; bottom: number };
  items: {
    type: string;
    item: {
      x?: number;
      y?: number;
      inlines?: { text: string; x: number; width: number; trailingCut?: number }[];
      getHeight?: () => number;
    };
  }[];
}

interface DrawnWord {
  text: string;
  page: number;
}

/** Half a point: pdfmake's own rounding, no more. */
const TOLERANCE = 0.5;
/**
 * Words a block's run may skip between two of its own words: a table's head repeated after a page
 * break, which for a goal table includes the goal's description (a few hundred words at most).
 */
const MAX_GAP = 600;

/**
 * Checks what pdfmake laid out against the model before a byte is written: every line lies on its
 * page, every word of every block appears in reading order among the lines inside the text area
 * (running headers and footers sit in the margins and do not count). Returns Swedish messages,
 * one per block that fails; empty when the PDF shows everything.
 */
export function verifyLayout(pages: LaidOutPage[], blocks: BlockWords[]): string[] {
  const problems: string[] = [];
  const drawn: DrawnWord[] = [];
  pages.forEach((p, i) => {
    const page = i + 1;
    const top = p.pageMargins.top - TOLERANCE;
    const bottom = p.pageSize.height - p.pageMargins.bottom + TOLERANCE;
    const left = p.pageMargins.left - TOLERANCE;
    const right = p.pageSize.width - p.pageMargins.right + TOLERANCE;
    for (const { type, item } of p.items) {
      if (type !== 'line' || !item.inlines || item.x === undefined || item.y === undefined || !item.getHeight) continue;
      const text = item.inlines.map((t) => t.text).join('');
      if (!text.trim()) continue;
      const y0 = item.y;
      const y1 = item.y + item.getHeight();
      const x0 = item.x + Math.min(...item.inlines.map((t) => t.x));
      // A line's last space does not count: pdfmake lets it hang past the margin (trailingCut).
      const x1 = item.x + Math.max(...item.inlines.map((t) => t.x + t.width - (t.trailingCut ?? 0)));
      const inMargin = y1 <= top + 2 * TOLERANCE || y0 >= bottom - 2 * TOLERANCE;
      if (
        y0 < -TOLERANCE ||
        y1 > p.pageSize.height + TOLERANCE ||
        x0 < -TOLERANCE ||
        x1 > p.pageSize.width + TOLERANCE
      ) {
        problems.push(`texten «${text.trim().slice(0, 60)}» hamnar utanför sidan ${page}`);
      } else if (!inMargin && (y0 < top || y1 > bottom || x0 < left || x1 > right)) {
        problems.push(`texten «${text.trim().slice(0, 60)}» går utanför textytan på sidan ${page}`);
      }
      if (!inMargin && y0 >= top && y1 <= bottom)
        for (const w of text.split(/\s+/)) if (w) drawn.push({ text: w, page });
    }
  });
  let cursor = 0;
  for (const b of blocks) {
    const at = matchBlock(drawn, b.ord, cursor);
    if (typeof at === 'number') cursor = at;
    else
      problems.push(
        `${b.namn}: ordet «${at.missing}» (ord ${at.index + 1} av ${b.ord.length}) syns inte i PDF:ens textyta${at.after ? ` efter «${at.after}» på sidan ${at.page}` : ''}`,
      );
  }
  return problems;
}

interface Miss {
  missing: string;
  index: number;
  after?: string;
  page?: number;
}

/** Finds the block's words in order from `from`; its first word may be anywhere later, the rest within MAX_GAP words of each other. */
function matchBlock(drawn: DrawnWord[], ord: string[], from: number): number | Miss {
  let best: Miss | undefined;
  for (let start = from; start < drawn.length; start++) {
    if (!startsWord(drawn, start, ord[0]!)) continue;
    let pos = start;
    let ok = true;
    for (let k = 0; k < ord.length; k++) {
      const limit = k === 0 ? pos + 1 : Math.min(drawn.length, pos + MAX_GAP);
      let found = -1;
      for (let j = pos; j < limit; j++) {
        const n = startsWord(drawn, j, ord[k]!);
        if (n) {
          found = j + n;
          break;
        }
      }
      if (found < 0) {
        if (!best || k > best.index)
          best = { missing: ord[k]!, index: k, after: drawn[pos - 1]?.text, page: drawn[pos - 1]?.page };
        ok = false;
        break;
      }
      pos = found;
    }
    if (ok) return pos;
    // The first word found but not the rest: try its next occurrence, as a common word may stand earlier.
  }
  return best ?? { missing: ord[0]!, index: 0 };
}

/** How many drawn words make up `w` at position i (a word broken over two lines counts as one), or 0. */
function startsWord(drawn: DrawnWord[], i: number, w: string): number {
  let acc = '';
  for (let n = 0; i + n < drawn.length && acc.length < w.length; n++) {
    acc += drawn[i + n]!.text;
    if (acc === w) return n + 1;
    if (!w.startsWith(acc)) return 0;
  }
  return 0;
}
