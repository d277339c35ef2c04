import type { Position } from '../../core/diagnostics/diagnostic.js';
import type { Textstycke } from '../../core/model/dokument.js';
import { offsetPosition } from '../../narrative/parse-markdown.js';

/** Maps an offset in a paragraph's plain text back to its source file, line and column. */
export function positionOf(p: Textstycke, offset: number): Position {
  let seg = p.segment[0];
  for (const s of p.segment) if (s.offset <= offset) seg = s;
  if (!seg) return p.plats;
  // Within one text segment, count lines from its start.
  const next = p.segment.find((s) => s.offset > seg!.offset)?.offset ?? p.text.length;
  const inSeg = p.text.slice(seg.offset, next);
  return offsetPosition(inSeg, Math.min(offset - seg.offset, inSeg.length), seg.plats);
}

export const inRef = (p: Textstycke, start: number, end: number): boolean =>
  p.refSpann.some(([a, b]) => start < b && end > a);
