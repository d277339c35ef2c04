/**
 * Sentence boundaries in a paragraph (approximate: a full stop, ! or ? followed by space and a
 * capital; a semicolon, which joins two clauses that each make their own claim; a blank line). A
 * single line break (a soft break in Markdown, a folded YAML line) is within a sentence.
 */
export function sentenceAt(text: string, offset: number): { start: number; end: number; text: string } {
  const re = /[.!?](?=\s+[A-ZÅÄÖ0-9"”])|;(?=\s)|\n(?=\s*\n)/g;
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

/**
 * The part of a sentence a figure at `offset` stands in, cut where a contrasting conjunction
 * (the lexicon's kontrastord after a comma: `kontrast`, global) begins another claim. Years named
 * in the other part do not speak of this figure.
 */
export function contrastPart(sentence: string, offset: number, kontrast: RegExp): string {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(kontrast)) {
    const i = m.index ?? 0;
    if (i < offset) from = i + 1;
    else {
      to = i;
      break;
    }
  }
  return sentence.slice(from, to);
}
