import type { StyleDictionary } from 'pdfmake/interfaces.js';

export const COLOR = {
  heading: '#0b3a5d',
  rule: '#c8c8c8',
  headFill: '#e8eef4',
  goalFill: '#f4f6f8',
  text: '#1a1a1a',
  muted: '#444444',
};

/** A table's own footnotes: set like footnotes, and kept on the page of the table's last rows (keep-together.ts). */
export const TABLE_NOTE = 'tabellnot';

export const STYLES: StyleDictionary = {
  h1: { fontSize: 24, bold: true, color: COLOR.heading, margin: [0, 0, 0, 14] },
  h2: { fontSize: 16, bold: true, color: COLOR.heading, margin: [0, 0, 0, 8] },
  h3: { fontSize: 12.5, bold: true, color: COLOR.heading, margin: [0, 12, 0, 5] },
  h4: { fontSize: 11, bold: true, color: COLOR.heading, margin: [0, 9, 0, 4] },
  h5: { fontSize: 10, bold: true, color: COLOR.heading, margin: [0, 7, 0, 3] },
  h6: { fontSize: 10, bold: true, color: COLOR.heading, margin: [0, 7, 0, 3] },
  p: { margin: [0, 0, 0, 6] },
  caption: { fontSize: 9.5, bold: true, color: COLOR.heading, margin: [0, 8, 0, 3] },
  th: { bold: true, fontSize: 8, fillColor: COLOR.headFill },
  td: { fontSize: 8 },
  fotnot: { fontSize: 7.5, color: COLOR.muted, margin: [0, 1, 0, 0] },
  [TABLE_NOTE]: { fontSize: 7.5, color: COLOR.muted, margin: [0, 1, 0, 0] },
  toc: { fontSize: 10 },
  header: { fontSize: 8, color: COLOR.muted },
};
