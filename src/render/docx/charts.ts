import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ImageRun, Paragraph, TextRun } from 'docx';
import type { DiagramBlock } from '../../core/model/dokument.js';
import {
  chartCaption,
  chartDataTable,
  chartLayout,
  chartSvg,
  chartTextAlternative,
  type ChartFont,
} from '../chart/index.js';
import { cacheFolder } from '../../util/cache-dir.js';
import { cachedBytes, packageVersion } from '../../util/disk-cache.js';
import { fontPath } from '../../util/fonts.js';
import { VERSION } from '../../version.js';
import type { Ctx } from './context.js';
import { item, type Flow } from './flow.js';
import { need, type GridCell } from './grid.js';
import { textWidth } from './page.js';
import { captionParagraph, placedTable } from './tables.js';

type ResvgModule = typeof import('@resvg/resvg-js');
// resvg's renderer is a Node addon from the npm package of this platform; loaded when a chart is drawn.
let resvg: ResvgModule | undefined;
const load = (): ResvgModule => (resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule);

/** Pixels of the PNG per pixel of the SVG: sharp when printed. */
const ZOOM = 2.5;

/** The font files resvg may draw with: the kommun's beside Roboto, the SVG names its family first. */
const chartFonts = (typsnitt?: ChartFont): string[] => [
  ...(typsnitt ? [typsnitt.normal, typsnitt.fet] : []),
  fontPath('normal'),
  fontPath('bold'),
  fontPath('italics'),
];

/**
 * The chart's SVG as a PNG, for Word versions and readers that do not draw SVG. Only the bundled
 * Roboto and the kommun's own fonts are used (no system fonts), so the pixels are the same on
 * every machine and in every build; a chart once drawn is read from the cache folder.
 */
export function chartPng(svg: string, typsnitt?: ChartFont): Buffer {
  const fontFiles = chartFonts(typsnitt);
  return cachedBytes(pngFolder(), MAGIC, pngKey(svg, fontFiles), () => {
    const { Resvg } = load();
    const r = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Roboto' },
      fitTo: { mode: 'zoom', value: ZOOM },
      background: '#ffffff',
    });
    return r.render().asPng();
  });
}

/**
 * Drawing a chart costs a tenth of a second in a cold process (resvg reads five font files and
 * rasterises), and charts rarely change between builds. The PNG depends on the SVG, the bytes of
 * the font files (by their SHA-256), the zoom and resvg's version, and is kept under that key.
 */
const MAGIC = 'kommunrapport-diagram';
const fontHashes = new Map<string, string>();
function pngKey(svg: string, fontFiles: readonly string[]): string {
  const hashes = fontFiles.map((f) => {
    // Hashed once per file and version of it: `watch` keeps the process while a font is replaced.
    const { mtimeMs, size } = statSync(f);
    const id = `${f}\0${mtimeMs}\0${size}`;
    let h = fontHashes.get(id);
    if (h === undefined) fontHashes.set(id, (h = createHash('sha256').update(readFileSync(f)).digest('hex')));
    return h;
  });
  return [`zoom ${ZOOM}`, ...hashes, svg].join('\n');
}
let folder: string | null | undefined;
function pngFolder(): string | undefined {
  if (folder === undefined) {
    const base = cacheFolder();
    try {
      const version = packageVersion(createRequire(import.meta.url), '@resvg/resvg-js');
      folder = base ? join(base, 'diagram', `kommunrapport-${VERSION}_resvg-${version}`) : null;
    } catch {
      folder = null;
    }
  }
  return folder ?? undefined;
}

/** Twips to the pixels (96 per inch) docx sizes pictures in. */
const px = (twips: number): number => (twips / 1440) * 96;

/** Caption, the picture (SVG with a PNG fallback, the text alternative as alt text), then its data as a table. */
export function chart(ctx: Ctx, b: DiagramBlock): Flow {
  const w = Math.floor(px(textWidth('stående')));
  const typsnitt = ctx.d.profil.typsnitt;
  const opts = { width: w, ...(typsnitt ? { typsnitt } : {}) };
  const svg = chartSvg(b, opts);
  const height = Math.ceil(chartLayout(b, opts).height);
  const picture = new ImageRun({
    type: 'svg',
    data: Buffer.from(svg, 'utf8'),
    fallback: { type: 'png', data: chartPng(svg, typsnitt) },
    transformation: { width: w, height },
    altText: {
      id: String(++ctx.drawing),
      name: chartCaption(b),
      title: chartCaption(b),
      description: chartTextAlternative(b),
    },
  });
  const t = chartDataTable(b);
  const needs = t.kolumner.map((k, i) =>
    i === 0
      ? need(
          k,
          t.rader.map((r) => r.etikett),
          { floor: 1400, cap: 4000, first: true },
        )
      : need(
          k,
          t.rader.map((r) => r.värden[i - 1] ?? ''),
          { numeric: true },
        ),
  );
  const grid = {
    head: t.kolumner.map((k, i): GridCell => ({ text: k, right: i > 0 })),
    rows: t.rader.map((r) => ({
      cells: [{ text: r.etikett }, ...r.värden.map((v): GridCell => ({ text: v, right: true }))],
    })),
    needs,
  };
  return [
    item(captionParagraph(chartCaption(b)), { keepNext: true }),
    item(new Paragraph({ keepNext: true, children: [picture] }), { keepNext: true }),
    item(new Paragraph({ style: 'Tabellnot', children: [new TextRun(chartTextAlternative(b))] })),
    ...placedTable(`Data för ${chartCaption(b)}`, grid, []),
  ];
}
