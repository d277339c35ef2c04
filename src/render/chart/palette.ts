/**
 * Series colours and patterns. The colours are from the Okabe–Ito palette (distinguishable with
 * the common colour-vision deficiencies), ordered so the first three differ clearly in lightness
 * (greyscale print); every series after the first also has its own hatching, and every bar a dark
 * outline, so series stay apart in greyscale and light bars stand out from the white page.
 */
export type Mönster = 'fylld' | 'snedstreck' | 'vågrät' | 'bakstreck' | 'lodrät' | 'rutnät' | 'kryss';

export interface SerieStil {
  /** Fill colour of the bar. */
  fyllning: string;
  mönster: Mönster;
  /** Colour of the hatching lines: dark on light fills, white on dark ones. */
  mönsterfärg: string;
}

const FÄRGER: readonly { fyllning: string; mönster: Mönster }[] = [
  { fyllning: '#0b3a5d', mönster: 'fylld' }, // dark blue
  { fyllning: '#e69f00', mönster: 'snedstreck' }, // orange
  { fyllning: '#b3dcf5', mönster: 'vågrät' }, // light blue
  { fyllning: '#009e73', mönster: 'bakstreck' }, // bluish green
  { fyllning: '#f0e442', mönster: 'lodrät' }, // yellow
  { fyllning: '#d55e00', mönster: 'rutnät' }, // vermilion
  { fyllning: '#cc79a7', mönster: 'kryss' }, // reddish purple
];

/** Text, outlines and the zero line. 17:1 against white. */
export const TEXTFÄRG = '#1a1a1a';
/** Tick labels and the unit: 7:1 against white. */
export const AXELTEXTFÄRG = '#4d4d4d';
/** Grid lines: decorative, light. */
export const RUTNÄTSFÄRG = '#d9d9d9';
export const KONTURFÄRG = '#1a1a1a';

export function serieStil(i: number): SerieStil {
  const f = FÄRGER[i % FÄRGER.length] ?? FÄRGER[0]!;
  return { ...f, mönsterfärg: relativeLuminance(f.fyllning) > 0.3 ? '#1a1a1a' : '#ffffff' };
}

/** Relative luminance (WCAG 2.1) of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const c = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
