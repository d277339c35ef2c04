import { BEDÖMNING_FÄRG } from '../../core/model/dokument.js';
import { fontBytes } from '../../util/fonts.js';

const face = (weight: number, style: string, f: Parameters<typeof fontBytes>[0]): string =>
  `@font-face{font-family:"Roboto";font-weight:${weight};font-style:${style};src:url(data:font/ttf;base64,${fontBytes(f).toString('base64')}) format("truetype");}`;

let fontCss: string | undefined;
export function fontFaces(): string {
  return (fontCss ??= [
    face(400, 'normal', 'normal'),
    face(700, 'normal', 'bold'),
    face(400, 'italic', 'italics'),
    face(700, 'italic', 'bolditalics'),
  ].join('\n'));
}

/** Print-first styles: A4, chapters on new pages, table headers repeated by the browser. */
export const CSS = `
@page { size: A4; margin: 22mm 20mm 22mm 20mm; }
html { font-family: "Roboto", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; background: #fff; }
body { max-width: 170mm; margin: 0 auto; padding: 12mm 0; }
h1, h2, h3, h4, h5, h6 { font-weight: 700; line-height: 1.25; color: #0b3a5d; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 24pt; margin: 0 0 6mm; }
h2 { font-size: 17pt; margin: 10mm 0 4mm; }
h3 { font-size: 13pt; margin: 7mm 0 3mm; }
h4 { font-size: 11.5pt; margin: 5mm 0 2mm; }
h5, h6 { font-size: 10.5pt; margin: 4mm 0 2mm; }
p { margin: 0 0 3mm; }
a { color: #0b4f8a; }
.titelsida { min-height: 240mm; display: block; page-break-after: always; break-after: page; }
.titelsida .kommun { font-size: 13pt; font-weight: 700; color: #0b3a5d; margin-bottom: 50mm; }
.titelsida .period { font-size: 14pt; }
.titelsida .meta { margin-top: 30mm; }
.kapitel { page-break-before: always; break-before: page; }
nav.innehall ol { list-style: none; padding-left: 0; }
nav.innehall ol ol { padding-left: 6mm; }
nav.innehall li { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 1mm; font-size: 9pt; page-break-inside: auto; }
caption { caption-side: top; text-align: left; font-weight: 700; font-size: 10pt; padding: 0 0 1.5mm; color: #0b3a5d; }
caption .enhet { font-weight: 400; color: #444; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border-bottom: 1px solid #c8c8c8; padding: 1mm 1.5mm; vertical-align: top; }
thead th { border-bottom: 1.5px solid #0b3a5d; background: #e8eef4; text-align: right; font-weight: 700; }
thead th:first-child, table.mal thead th:nth-child(2), thead th.text { text-align: left; }
tbody th { text-align: left; font-weight: 400; }
td.tal { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.text { text-align: left; }
tr.varav th, tr.varav td, tr.specifikation th, tr.specifikation td, tr.kursiv th, tr.kursiv td { font-style: italic; }
tr.summa th, tr.summa td, tr.fet th, tr.fet td { font-weight: 700; }
tr.summa th, tr.summa td { border-top: 1.5px solid #1a1a1a; }
tr.grupp th { font-weight: 700; padding-top: 2mm; }
.niva-1 th { padding-left: 5mm; }
.niva-2 th { padding-left: 9mm; }
.niva-3 th { padding-left: 13mm; }
sup { font-size: 70%; line-height: 0; }
.fotnoter { font-size: 8.5pt; color: #333; margin: 1mm 0 5mm; }
.fotnoter p { margin: 0 0 1mm; }
.tabellkommentar { font-size: 9pt; }
table.mal th[scope=rowgroup] { font-weight: 700; width: 26%; }
table.mal .beskrivning, table.mal .forklaring { display: block; font-style: italic; font-weight: 400; font-size: 8.5pt; color: #333; }
table.mal tr.delrad th { padding-left: 5mm; font-style: italic; }
.bedomning { font-weight: 700; }
.bedomning .farg { display: inline-block; width: 3.2mm; height: 3.2mm; border-radius: 50%; margin-right: 1.5mm; vertical-align: -0.3mm; border: 1px solid #1a1a1a; }
${Object.entries(BEDÖMNING_FÄRG)
  .map(([k, c]) => `.bedomning-${k} .farg { background: ${c}; }`)
  .join('\n')}
${Object.entries(BEDÖMNING_FÄRG)
  .map(([k, c]) => `.bedomning-${k} { color: ${c}; }`)
  .join('\n')}
ul.fargforklaring { list-style: none; padding-left: 0; }
ol.uppdrag li { margin-bottom: 2mm; }
.uppdrag .not { font-style: italic; }
.underskrifter p { display: inline-block; margin: 8mm 14mm 4mm 0; vertical-align: top; }
.ref { }
figure.diagram { margin: 4mm 0 6mm; page-break-inside: avoid; break-inside: avoid; }
figure.diagram svg { max-width: 100%; height: auto; display: block; }
figure.diagram figcaption { font-weight: 700; color: #0b3a5d; font-size: 10pt; margin-top: 1mm; }
.diagram-text { font-size: 9pt; color: #333; }
details summary { font-size: 9pt; cursor: pointer; }
.sidbrytning { page-break-after: always; break-after: page; }
@media screen { body { padding: 10mm 6mm; } .titelsida { border-bottom: 1px solid #c8c8c8; margin-bottom: 10mm; } }
/* A phone: a wide table scrolls sideways in its own box instead of widening the page; charts shrink to the width. */
@media screen and (max-width: 700px) {
  html { font-size: 11pt; }
  body { padding: 4mm 3mm; overflow-wrap: anywhere; }
  table { display: block; overflow-x: auto; max-width: 100%; box-sizing: border-box; overflow-wrap: normal; -webkit-overflow-scrolling: touch; }
  figure.diagram { margin-left: 0; margin-right: 0; }
  figure.diagram svg { width: 100%; }
  .titelsida { min-height: 0; }
  .titelsida .kommun { margin-bottom: 12mm; }
  .titelsida .meta { margin-top: 10mm; }
}
@media print { body { max-width: none; padding: 0; } }
`;

/**
 * Printing the HTML on A4 (a browser's print to PDF): the title in the running header and
 * "Sida x av y" at the foot of every page but the first, as in the PDF.
 */
export function printCss(titel: string): string {
  const text = titel.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/</g, '\\3C ');
  return `@page { @top-left { content: "${text}"; font-family: "Roboto", Arial, sans-serif; font-size: 8pt; color: #444; } @bottom-center { content: "Sida " counter(page) " av " counter(pages); font-family: "Roboto", Arial, sans-serif; font-size: 8pt; color: #444; } }
@page :first { @top-left { content: none; } @bottom-center { content: none; } }`;
}
