/**
 * Charts: a DiagramBlock drawn as SVG without a browser, the same picture in the HTML (inline SVG)
 * and the PDF (pdfmake's svg node), with a text alternative and the data as a table beside it.
 */
export { chartSvg, chartIds, FONT_FAMILY, fontFamily } from './svg.js';
export type { ChartFont } from './font.js';
export {
  chartLayout,
  DEFAULT_WIDTH,
  type ChartLayout,
  type ChartOptions,
  type Box,
  type TextBlock,
  type Bar,
} from './layout.js';
export { chartTextAlternative } from './text-alternative.js';
export { chartDataTable, SAKNAS, type ChartDataTable } from './data-table.js';
export { chartCaption, formatWithUnit, unitTitle } from './format.js';
export {
  serieStil,
  contrastRatio,
  relativeLuminance,
  TEXTFÄRG,
  AXELTEXTFÄRG,
  type SerieStil,
  type Mönster,
} from './palette.js';
export { niceScale, type Scale } from './scale.js';
export { textWidth } from './text-width.js';
export { wrapText } from './wrap.js';
