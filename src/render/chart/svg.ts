import type { DiagramBlock } from '../../core/model/dokument.js';
import { chartCaption, formatWithUnit } from './format.js';
import { hatchPath } from './hatch.js';
import { chartLayout, type Box, type ChartLayout, type ChartOptions, type TextBlock } from './layout.js';
import { KONTURFÄRG, RUTNÄTSFÄRG, serieStil, TEXTFÄRG, type SerieStil } from './palette.js';
import { chartTextAlternative } from './text-alternative.js';
import { esc, num, safeId } from './xml.js';

/** The font of both the HTML (@font-face "Roboto") and the PDF (pdfmake's Roboto); fallbacks for the HTML. */
export const FONT_FAMILY = 'Roboto, Arial, sans-serif';

/** Ids of the chart's <title> and <desc>, derived from the block id. */
export function chartIds(b: DiagramBlock): { titel: string; beskrivning: string } {
  const base = `diagram-${safeId(b.id)}`;
  return { titel: `${base}-titel`, beskrivning: `${base}-beskrivning` };
}

/**
 * The chart as a standalone SVG document: only svg, g, title, desc, rect, line, path (straight
 * segments) and text, with presentation attributes (no CSS), so a browser shows it inline and
 * pdfmake's svg node draws the same picture. Deterministic: same block, same string.
 */
export function chartSvg(b: DiagramBlock, opts: ChartOptions = {}): string {
  return svgOf(b, chartLayout(b, opts), opts.typsnitt?.familj);
}

/**
 * The family list of the labels: the kommun's font first, Roboto and the HTML's fallbacks after it.
 * The profile registers its font as "Family (file.ttf)" (the HTML's @font-face and the PDF's fonts);
 * a renderer that reads the font file itself (resvg, for Word's PNG) knows it by its own name. pdfmake
 * takes the first name it has registered, so it skips the own name and uses the registration.
 */
export function fontFamily(familj?: string): string {
  if (!familj) return FONT_FAMILY;
  const registrerad = familj.replace(/["'<>&]/g, '');
  const egen = registrerad.replace(/\s*\([^)]*\)$/, '');
  // The font's own name first: resvg gives up on a list whose first name it cannot parse ("X (file)").
  return `'${egen}', ${egen !== registrerad ? `'${registrerad}', ` : ''}${FONT_FAMILY}`;
}

export function svgOf(b: DiagramBlock, l: ChartLayout, familj?: string): string {
  const ids = chartIds(b);
  const W = num(l.width);
  const H = num(Math.ceil(l.height));
  const o: string[] = [];
  o.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${ids.titel}" aria-describedby="${ids.beskrivning}" data-diagram="${esc(b.id)}" data-diagramtyp="${esc(b.diagramtyp)}">`,
  );
  o.push(`<title id="${ids.titel}">${esc(chartCaption(b))}</title>`);
  o.push(`<desc id="${ids.beskrivning}">${esc(chartTextAlternative(b))}</desc>`);
  o.push(`<g font-family="${esc(fontFamily(familj))}">`);
  o.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);

  // Grid lines at every tick except zero, which gets the dark zero line over the bars.
  const p = l.plot;
  o.push(`<g stroke="${RUTNÄTSFÄRG}" stroke-width="1">`);
  for (const t of l.ticks) {
    if (t.värde === 0) continue;
    o.push(l.orientation === 'vertical' ? line(p.x, t.pos, p.x + p.w, t.pos) : line(t.pos, p.y, t.pos, p.y + p.h));
  }
  o.push('</g>');

  for (const bar of l.bars) {
    const label = `${b.kategorier[bar.kategori] ?? ''}, ${b.serier[bar.serie]?.namn ?? ''}: ${formatWithUnit(b, bar.värde)}`;
    o.push(`<g><title>${esc(label)}</title>`);
    o.push(
      `<rect data-serie="${bar.serie}" data-kategori="${bar.kategori}" data-varde="${bar.värde}" x="${num(bar.x)}" y="${num(bar.y)}" width="${num(bar.w)}" height="${num(bar.h)}" fill="${bar.stil.fyllning}" stroke="${KONTURFÄRG}" stroke-width="0.75"/>`,
    );
    o.push(hatch(bar.stil, bar));
    o.push('</g>');
  }

  o.push(
    `<line data-nollinje="" x1="${num(l.orientation === 'vertical' ? p.x : l.zero)}" y1="${num(l.orientation === 'vertical' ? l.zero : p.y)}" x2="${num(l.orientation === 'vertical' ? p.x + p.w : l.zero)}" y2="${num(l.orientation === 'vertical' ? l.zero : p.y + p.h)}" stroke="${TEXTFÄRG}" stroke-width="1"/>`,
  );

  for (const bar of l.bars)
    if (bar.etikett) o.push(text(bar.etikett, `data-varde-etikett="${bar.serie}-${bar.kategori}"`));
  for (const m of l.missing) o.push(text(m.etikett, `data-saknas="${m.serie}-${m.kategori}"`));
  for (const t of l.ticks) o.push(text(t.etikett, `data-tick="${t.värde}"`));
  o.push(text(l.unit, 'data-enhet=""'));
  l.categories.forEach((c, k) => o.push(text(c, `data-kategori-etikett="${k}"`)));

  for (const item of l.legend) {
    const stil = serieStil(item.serie);
    o.push(`<g data-legend="${item.serie}">`);
    o.push(
      `<rect x="${num(item.swatch.x)}" y="${num(item.swatch.y)}" width="${num(item.swatch.w)}" height="${num(item.swatch.h)}" fill="${stil.fyllning}" stroke="${KONTURFÄRG}" stroke-width="0.75"/>`,
    );
    o.push(hatch(stil, item.swatch));
    o.push(text(item.etikett, ''));
    o.push('</g>');
  }
  o.push('</g>');
  o.push('</svg>');
  return o.filter(Boolean).join('\n');
}

function line(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}"/>`;
}

function hatch(stil: SerieStil, r: Box): string {
  const d = hatchPath(stil.mönster, r.x, r.y, r.w, r.h);
  return d ? `<path d="${d}" fill="none" stroke="${stil.mönsterfärg}" stroke-width="0.9"/>` : '';
}

/**
 * A text block: one <text> per line (no tspan arithmetic for the PDF to get wrong), in a <g> that
 * records its box; a shortened label keeps its full text in a <title>.
 */
function text(t: TextBlock, attrs: string): string {
  const box = `data-ruta="${num(t.box.x)} ${num(t.box.y)} ${num(t.box.w)} ${num(t.box.h)}"`;
  const lines = t.lines.map(
    (s, i) =>
      `<text x="${num(t.x)}" y="${num(t.y + i * t.lineHeight)}" font-size="${num(t.fontSize)}" text-anchor="${t.anchor}" fill="${t.fill}">${esc(s)}</text>`,
  );
  const title = t.shortened ? `<title>${esc(t.text)}</title>` : '';
  const turn = t.rotation ? ` transform="rotate(${num(t.rotation)} ${num(t.x)} ${num(t.y)})"` : '';
  return `<g ${attrs ? `${attrs} ` : ''}${box}${turn}>${title}${lines.join('')}</g>`;
}
