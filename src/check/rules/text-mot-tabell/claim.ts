import type { Lexikon } from '../../lexikon.js';
import { phrasesRegex } from '../../lexikon.js';

const joinCache = new WeakMap<Lexikon, RegExp>();
/** Words that start the next figure's own words: "och", the contrasting conjunctions, "mot". */
function joins(lex: Lexikon): RegExp {
  let re = joinCache.get(lex);
  if (!re) {
    const words = [
      ...lex.data.intervall_mellan.filter((w) => /\p{L}/u.test(w)),
      ...lex.data.kontrastord,
      ...lex.data.jämförelse_före_år.filter((w) => w === 'mot'),
    ];
    joinCache.set(lex, (re = phrasesRegex(words, 'gu')));
  }
  return re;
}

/**
 * Where the words that go with a figure end, when its sentence quotes another figure after it:
 * at the first comma, semicolon or colon, or else where the next figure's own words begin ("1,9
 * mnkr mot en ram på 2,4 mnkr": the ram is the second figure's; "0,2 mnkr över budget och en
 * prognos på …"). `to` is the next figure's start.
 */
export function claimEnd(text: string, from: number, to: number, lex: Lexikon): number {
  const between = text.slice(from, to);
  const stop = between.search(/[,;:]/);
  if (stop >= 0) return from + stop;
  const last = [...between.toLowerCase().matchAll(joins(lex))].pop();
  return last?.index !== undefined ? from + last.index : to;
}
