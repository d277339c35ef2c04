/**
 * Advance widths of Roboto (the one font of the HTML and the PDF), so the chart layout can
 * measure text without a browser. Generated once from the TTF files shipped in pdfmake
 * (fontkit: advanceWidth / unitsPerEm × 1000); kerning is ignored and a small safety factor
 * covers it and a fallback font.
 */

import type { Measure } from './font.js';

/** The code points the tables cover, in order: ASCII, Latin-1, then a few typographic signs. */
const EXTRA = [0x2212, 0x2013, 0x2014, 0x2026, 0x2018, 0x2019, 0x201c, 0x201d, 0x2264, 0x2265, 0x20ac];

// prettier-ignore
const REGULAR = [
  248, 258, 320, 616, 562, 732, 622, 175, 342, 348, 431, 567, 197, 276, 264, 413, 562, 562, 562, 562, 562, 562, 562, 562,
  562, 562, 242, 211, 508, 549, 523, 473, 898, 652, 623, 651, 656, 568, 553, 681, 713, 272, 552, 627, 539, 873, 713, 688,
  631, 688, 616, 594, 597, 648, 637, 887, 627, 601, 599, 265, 411, 265, 418, 451, 309, 544, 562, 523, 564, 530, 348, 562,
  551, 243, 239, 507, 243, 877, 552, 570, 562, 568, 339, 516, 327, 551, 484, 751, 496, 473, 496, 338, 244, 338, 680, 248,
  244, 547, 582, 713, 525, 240, 613, 418, 786, 447, 469, 554, 276, 786, 458, 374, 535, 367, 367, 313, 567, 489, 261, 248,
  367, 455, 469, 732, 776, 778, 474, 652, 652, 652, 652, 652, 652, 935, 651, 568, 568, 568, 568, 272, 272, 272, 272, 671,
  713, 688, 688, 688, 688, 688, 534, 688, 648, 648, 648, 648, 601, 591, 595, 544, 544, 544, 544, 544, 544, 845, 523, 530,
  530, 530, 530, 248, 248, 248, 248, 586, 552, 570, 570, 570, 570, 570, 571, 567, 551, 551, 551, 551, 473, 576, 473, 572,
  656, 781, 669, 200, 200, 354, 357, 508, 523, 562,
];

// prettier-ignore
const MEDIUM = [
  249, 265, 319, 603, 568, 736, 641, 167, 346, 350, 443, 555, 224, 340, 278, 390, 568, 568, 568, 568, 568, 568, 568, 568,
  568, 568, 264, 240, 509, 563, 520, 486, 897, 663, 631, 653, 653, 565, 551, 681, 709, 283, 556, 632, 540, 875, 709, 689,
  638, 689, 629, 605, 609, 654, 646, 880, 631, 611, 603, 271, 417, 271, 429, 448, 320, 539, 562, 522, 563, 536, 353, 567,
  556, 255, 251, 521, 255, 871, 557, 567, 562, 566, 354, 515, 333, 556, 496, 742, 503, 490, 503, 333, 249, 333, 663, 249,
  265, 563, 588, 702, 531, 246, 622, 446, 786, 445, 486, 552, 340, 786, 481, 382, 536, 370, 370, 322, 594, 489, 283, 259,
  370, 457, 486, 724, 767, 795, 487, 663, 663, 663, 663, 663, 663, 937, 653, 565, 565, 565, 565, 283, 283, 283, 283, 667,
  709, 689, 689, 689, 689, 689, 532, 688, 654, 654, 654, 654, 611, 601, 615, 539, 539, 539, 539, 539, 539, 845, 522, 536,
  536, 536, 536, 261, 261, 261, 261, 580, 557, 567, 567, 567, 567, 567, 571, 565, 556, 556, 556, 556, 490, 571, 490, 563,
  642, 771, 708, 218, 216, 380, 384, 509, 520, 568,
];

const index = new Map<number, number>();
{
  let i = 0;
  for (let c = 32; c < 127; c++) index.set(c, i++);
  for (let c = 160; c < 256; c++) index.set(c, i++);
  for (const c of EXTRA) index.set(c, i++);
}

/** Width of a character not in the tables (per mille of the em): about a wide lower-case letter. */
const UNKNOWN = 600;
/** Kerning is ignored and the HTML may fall back to Arial: measure a little wide. */
export const SAFETY = 1.04;

/** Width of `text` in Roboto Regular or Medium (bold), per mille of the em. */
export function robotoWidth(text: string, bold = false): number {
  const table = bold ? MEDIUM : REGULAR;
  let sum = 0;
  for (const ch of text) {
    const i = index.get(ch.codePointAt(0) ?? 0);
    sum += i === undefined ? UNKNOWN : (table[i] ?? UNKNOWN);
  }
  return sum;
}

/**
 * The kommun's font's widths while a chart in that font is laid out. Set only around one
 * synchronous layout (`withMeasures`), so no other chart ever sees it.
 */
let egna: { regular: Measure; bold: Measure } | undefined;

export function withMeasures<T>(m: { regular: Measure; bold: Measure } | undefined, layout: () => T): T {
  const before = egna;
  egna = m;
  try {
    return layout();
  } finally {
    egna = before;
  }
}

/** Width of `text` in user units at `fontSize`, in Roboto Regular or Medium (bold), or the chart's own font. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const permille = egna ? (bold ? egna.bold : egna.regular)(text) : robotoWidth(text, bold);
  return (permille / 1000) * fontSize * SAFETY;
}

/** Roboto's ascent and descent (hhea), as a share of the font size: a text line's box. */
export const ASCENT = 0.93;
export const DESCENT = 0.25;
