/**
 * Sentence boundaries in a paragraph (approximate: a full stop, ! or ? followed by space and a
 * capital; a semicolon, which joins two clauses that each make their own claim).
 */
export function sentenceAt(text: string, offset: number): { start: number; end: number; text: string } {
  const re = /[.!?](?=\s+[A-ZÅÄÖ0-9"”])|;(?=\s)|\n/g;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(re)) {
    const i = (m.index ?? 0) + 1;
    if (i <= offset) start = i;
    else {
      end = i;
      break;
    }
  }
  return { start, end, text: text.slice(start, end).trim() };
}
