import { formatNumber } from '../../core/format/number.js';
import type { DiagramBlock } from '../../core/model/dokument.js';
import { formatValue, unitTitle } from './format.js';
import { AXELTEXTFÄRG, serieStil, TEXTFÄRG, type SerieStil } from './palette.js';
import { niceScale, project, type Scale } from './scale.js';
import { fontMeasures, type ChartFont } from './font.js';
import { ASCENT, DESCENT, textWidth, withMeasures } from './text-width.js';
import { wrapText } from './wrap.js';

/**
 * The geometry of a chart, computed from the data and measured text widths alone; the SVG writer
 * only prints it. Exported so tests can check what a reader sees (bars, label boxes) by numbers.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextBlock {
  /** The full text (also when the lines are shortened). */
  text: string;
  lines: string[];
  /** Anchor x and the baseline of the first line. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  fontSize: number;
  lineHeight: number;
  fill: string;
  /** Degrees about the anchor (x, y): 0, or −45 for slanted category labels. */
  rotation: number;
  /** The ink area of all lines (ascent to descent) as four corners, rotation applied. */
  polygon: [number, number][];
  /** The axis-aligned bounding box of `polygon`. */
  box: Box;
  /** The lines end in an ellipsis; the full text goes in a <title>. */
  shortened: boolean;
}

export interface Bar extends Box {
  serie: number;
  kategori: number;
  värde: number;
  stil: SerieStil;
  etikett?: TextBlock;
}

export interface ChartLayout {
  width: number;
  height: number;
  orientation: 'vertical' | 'horizontal';
  /** The area of bars and grid lines. */
  plot: Box;
  scale: Scale;
  /** Where the value axis is zero (y for vertical bars, x for horizontal ones). */
  zero: number;
  ticks: { värde: number; pos: number; etikett: TextBlock }[];
  categories: TextBlock[];
  bars: Bar[];
  /** Null values: no bar, a dash at zero. */
  missing: { serie: number; kategori: number; etikett: TextBlock }[];
  legend: { serie: number; swatch: Box; etikett: TextBlock }[];
  unit: TextBlock;
}

export interface ChartOptions {
  /** Width in user units (the viewBox; at least 240); height follows from the content. Default 640. */
  width?: number;
  /** The kommun's font (its profile's), for the labels; Roboto when not given. */
  typsnitt?: ChartFont;
}

export const DEFAULT_WIDTH = 640;
const PAD = 8;
const FS_LABEL = 12;
const FS_TICK = 11;
const FS_VALUE = 11;
const FS_VALUE_MIN = 10;
const LH = 1.25;
const SWATCH = 12;
const MAX_LINES = 3;
/** Horizontal bars: thickness per series (the bar itself is 2 less). */
const BAR_T = 16;

export function lineHeight(fontSize: number): number {
  return fontSize * LH;
}

/** Baseline of a text line of `fontSize` centred in a line box starting at `top`. */
function baselineIn(top: number, fontSize: number): number {
  return top + (lineHeight(fontSize) - (ASCENT + DESCENT) * fontSize) / 2 + ASCENT * fontSize;
}

export function textBlock(
  text: string,
  lines: string[],
  x: number,
  y: number,
  anchor: TextBlock['anchor'],
  fontSize: number,
  fill: string,
  shortened = false,
  rotation = 0,
): TextBlock {
  const lh = lineHeight(fontSize);
  const w = Math.max(0, ...lines.map((l) => textWidth(l, fontSize)));
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  const top = y - ASCENT * fontSize;
  const h = (lines.length - 1) * lh + (ASCENT + DESCENT) * fontSize;
  const rad = (rotation * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const turn = ([px, py]: [number, number]): [number, number] => [
    x + (px - x) * cos - (py - y) * sin,
    y + (px - x) * sin + (py - y) * cos,
  ];
  const polygon = (
    [
      [left, top],
      [left + w, top],
      [left + w, top + h],
      [left, top + h],
    ] as [number, number][]
  ).map(turn);
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys),
    w: Math.max(...xs) - Math.min(...xs),
    h: Math.max(...ys) - Math.min(...ys),
  };
  return { text, lines, x, y, anchor, fontSize, lineHeight: lh, fill, rotation, polygon, box, shortened };
}

/** The legend in rows across the top: swatch, gap, name; a row wraps when full. */
function legendLayout(b: DiagramBlock, width: number, top: number): { items: ChartLayout['legend']; bottom: number } {
  const items: ChartLayout['legend'] = [];
  const lh = lineHeight(FS_LABEL);
  let x = PAD;
  let rowTop = top;
  let rowLines = 1;
  b.serier.forEach((s, i) => {
    const wrapped = wrapText(s.namn, width - 2 * PAD - SWATCH - 6, FS_LABEL, 2);
    const itemW = SWATCH + 6 + wrapped.width;
    if (x > PAD && x + itemW > width - PAD) {
      rowTop += rowLines * lh + 2;
      rowLines = 1;
      x = PAD;
    }
    const etikett = textBlock(
      s.namn,
      wrapped.lines,
      x + SWATCH + 6,
      baselineIn(rowTop, FS_LABEL),
      'start',
      FS_LABEL,
      TEXTFÄRG,
      wrapped.shortened,
    );
    items.push({ serie: i, swatch: { x, y: rowTop + (lh - SWATCH) / 2, w: SWATCH, h: SWATCH }, etikett });
    rowLines = Math.max(rowLines, wrapped.lines.length);
    x += itemW + 18;
  });
  return { items, bottom: b.serier.length ? rowTop + rowLines * lh : top };
}

function allValues(b: DiagramBlock): number[] {
  return b.serier.flatMap((s) => s.värden.filter((v): v is number => v !== null && Number.isFinite(v)));
}

/** Tick labels in the step's decimals ("−2,0", "1 000"); zero is always "0". */
function tickTexts(scale: Scale): string[] {
  return scale.ticks.map((t) => (t === 0 ? '0' : formatNumber(t, scale.decimals)));
}

/** The layout of a chart: grouped vertical bars or horizontal bars. */
export function chartLayout(b: DiagramBlock, opts: ChartOptions = {}): ChartLayout {
  const width = Math.max(240, opts.width ?? DEFAULT_WIDTH);
  // Labels are measured in the font they are drawn in: the kommun's, or Roboto.
  return withMeasures(fontMeasures(opts.typsnitt), () =>
    b.diagramtyp === 'liggande-staplar' ? horizontal(b, width) : vertical(b, width),
  );
}

function value(b: DiagramBlock, serie: number, kategori: number): number | null {
  const v = b.serier[serie]?.värden[kategori];
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** Grouped vertical bars: one group per category, one bar per series, labels wrapped under each group. */
function vertical(b: DiagramBlock, width: number): ChartLayout {
  const legend = legendLayout(b, width, PAD);
  const unitTop = legend.bottom + 6;
  const plotH = Math.min(320, Math.max(180, Math.round(width * 0.4)));
  const scale = niceScale(allValues(b), Math.max(2, Math.min(8, Math.floor(plotH / 40))));
  const tickLabels = tickTexts(scale);
  const tickW = Math.max(...tickLabels.map((t) => textWidth(t, FS_TICK)));
  const unit = textBlock(
    unitTitle(b.enhet),
    [unitTitle(b.enhet)],
    PAD,
    baselineIn(unitTop, FS_TICK),
    'start',
    FS_TICK,
    AXELTEXTFÄRG,
  );
  const plotY = unitTop + lineHeight(FS_TICK) + 2;
  const catTop = plotY + plotH + 6;

  // Category labels, each in its own slot; slanted when a word would not fit across the slot.
  // A slanted label may reach left of the plot: then the plot moves right and the labels are redone.
  let plotX = PAD + tickW + 6;
  let cats = categoryLabels(b.kategorier, plotX, width - PAD - plotX, catTop);
  for (let i = 0; i < 3; i++) {
    const overflow = PAD - Math.min(PAD, ...cats.blocks.map((c) => c.box.x));
    if (overflow <= 0.01) break;
    plotX += overflow;
    cats = categoryLabels(b.kategorier, plotX, width - PAD - plotX, catTop);
  }
  const plotW = width - PAD - plotX;

  const nCat = Math.max(1, b.kategorier.length);
  const nSer = Math.max(1, b.serier.length);
  const slot = plotW / nCat;
  const barW = Math.min((slot * 0.8) / nSer, 56);
  const groupX = (k: number): number => plotX + k * slot + (slot - barW * nSer) / 2;

  // Value labels: all or none, so the reader is not left guessing which bars have one.
  const labelled: { s: number; k: number; v: number; text: string }[] = [];
  b.serier.forEach((_, s) =>
    b.kategorier.forEach((_, k) => {
      const v = value(b, s, k);
      if (v !== null) labelled.push({ s, k, v, text: formatValue(b, v) });
    }),
  );
  const valueFs = [FS_VALUE, FS_VALUE_MIN].find((fs) => labelled.every((l) => textWidth(l.text, fs) <= barW - 1));
  const hasNeg = labelled.some((l) => l.v < 0);
  const valueSpace = valueFs ? lineHeight(valueFs) + 3 : 0;
  const innerTop = Math.max(valueSpace, 0.6 * FS_TICK + 2);
  const innerBottom = Math.max(hasNeg ? valueSpace : 0, 0.6 * FS_TICK + 2);
  const yTop = plotY + innerTop;
  const yBottom = plotY + plotH - innerBottom;
  const at = (v: number): number => project(scale, v, yBottom, yTop);
  const zero = at(0);

  // Value-axis ticks on the left, labels right-aligned before the plot.
  const ticks = axisTicks(scale.ticks, tickLabels, at, (pos) => [plotX - 6, pos + 0.35 * FS_TICK, 'end']);

  const bars: Bar[] = [];
  const missing: ChartLayout['missing'] = [];
  b.serier.forEach((_, s) => {
    b.kategorier.forEach((_, k) => {
      const x = groupX(k) + s * barW;
      const v = value(b, s, k);
      if (v === null) {
        missing.push({
          serie: s,
          kategori: k,
          etikett: textBlock(
            '\u2013',
            ['\u2013'],
            x + barW / 2,
            zero - 3 - DESCENT * FS_VALUE,
            'middle',
            FS_VALUE,
            TEXTFÄRG,
          ),
        });
        return;
      }
      const y = at(v);
      const bar: Bar = {
        serie: s,
        kategori: k,
        värde: v,
        stil: serieStil(s),
        x,
        y: Math.min(y, zero),
        w: barW,
        h: Math.abs(zero - y),
      };
      if (valueFs) {
        const text = formatValue(b, v);
        const base = v >= 0 ? y - 3 - DESCENT * valueFs : y + 3 + ASCENT * valueFs;
        bar.etikett = textBlock(text, [text], x + barW / 2, base, 'middle', valueFs, TEXTFÄRG);
      }
      bars.push(bar);
    });
  });

  const categories = cats.blocks;
  const height = catTop + cats.height + PAD;

  return {
    width,
    height,
    orientation: 'vertical',
    plot: { x: plotX, y: plotY, w: plotW, h: plotH },
    scale,
    zero,
    ticks,
    categories,
    bars,
    missing,
    legend: legend.items,
    unit,
  };
}

/** Longest line of a slanted label before it wraps (user units). */
const SLANT_MAX = 150;
const SIN45 = Math.SQRT1_2;

/**
 * Category labels under vertical bars. Across: each wrapped to its slot (minus a gap), whole words,
 * at most three lines, so neighbours cannot touch. When a word is wider than the slot even at a
 * smaller size: slanted 45°, ending under the group; parallel slanted labels are
 * slot × sin 45° apart, so a label gets as many lines as fit in that distance (at most two).
 */
function categoryLabels(
  kategorier: string[],
  plotX: number,
  plotW: number,
  top: number,
): { blocks: TextBlock[]; height: number } {
  const slot = plotW / Math.max(1, kategorier.length);
  const center = (k: number): number => plotX + k * slot + slot / 2;
  for (const fs of [FS_LABEL, FS_LABEL - 1]) {
    const wrapped = kategorier.map((k) => wrapText(k, slot - 6, fs, MAX_LINES));
    if (wrapped.every((w) => !w.brokeWord && !w.shortened)) {
      const blocks = kategorier.map((kat, k) =>
        textBlock(kat, wrapped[k]!.lines, center(k), baselineIn(top, fs), 'middle', fs, TEXTFÄRG),
      );
      return { blocks, height: Math.max(1, ...wrapped.map((w) => w.lines.length)) * lineHeight(fs) };
    }
  }
  // Slanted. The distance between neighbours must hold the label's lines (ascent to descent).
  const gap = slot * SIN45 - 2;
  let fs = FS_LABEL;
  while (fs > 6 && (ASCENT + DESCENT) * fs > gap) fs -= 0.5;
  const lh = lineHeight(fs);
  const maxLines = Math.max(1, Math.min(2, 1 + Math.floor((gap - (ASCENT + DESCENT) * fs) / lh)));
  const blocks = kategorier.map((kat, k) => {
    const w = wrapText(kat, SLANT_MAX, fs, maxLines);
    const h = (w.lines.length - 1) * lh + (ASCENT + DESCENT) * fs;
    // The anchor is the top corner of the rotated block; shift it so the block's end sits under the group.
    const x = center(k) - (h * SIN45) / 2;
    return textBlock(kat, w.lines, x, top + ASCENT * fs, 'end', fs, TEXTFÄRG, w.shortened, -45);
  });
  return { blocks, height: Math.max(0, ...blocks.map((c) => c.box.y + c.box.h - top)) };
}

/** Horizontal bars: one row per category, one bar per series; labels in a left column sized to the longest. */
function horizontal(b: DiagramBlock, width: number): ChartLayout {
  const legend = legendLayout(b, width, PAD);
  const plotY = legend.bottom + 8;
  const lh = lineHeight(FS_LABEL);

  const longest = Math.max(0, ...b.kategorier.map((k) => textWidth(k, FS_LABEL)));
  const colMax = Math.min(longest, width * 0.38);
  const wrapped = b.kategorier.map((k) => wrapText(k, colMax, FS_LABEL, MAX_LINES));
  const colW = Math.max(0, ...wrapped.map((w) => w.width));
  const plotX = PAD + colW + 8;
  const plotRight = width - PAD;

  const values = allValues(b);
  const texts = values.map((v) => ({ v, w: textWidth(formatValue(b, v), FS_VALUE) }));
  const posLabel = Math.max(0, ...texts.filter((t) => t.v >= 0).map((t) => t.w + 4));
  const negLabel = Math.max(0, ...texts.filter((t) => t.v < 0).map((t) => t.w + 4));

  // As many ticks as fit with their labels side by side.
  let scale = niceScale(values, 2);
  let tickLabels = tickTexts(scale);
  let xLeft = plotX;
  let xRight = plotRight;
  for (let n = 8; n >= 2; n--) {
    const s = niceScale(values, n);
    const labels = tickTexts(s);
    const tickW = Math.max(...labels.map((t) => textWidth(t, FS_TICK)));
    const l = plotX + Math.max(negLabel, PAD + tickW / 2 - plotX, 0);
    const r = plotRight - Math.max(posLabel, tickW / 2 + 2);
    const spacing = (r - l) / Math.max(1, s.ticks.length - 1);
    scale = s;
    tickLabels = labels;
    xLeft = l;
    xRight = r;
    if (spacing >= tickW + 10) break;
  }
  const at = (v: number): number => project(scale, v, xLeft, xRight);
  const zero = at(0);

  const nSer = Math.max(1, b.serier.length);
  const groupH = nSer * BAR_T;
  const rowH = b.kategorier.map((_, k) => Math.max(groupH + 8, (wrapped[k]?.lines.length ?? 1) * lh + 4));
  const rowTop = (k: number): number => plotY + rowH.slice(0, k).reduce((a, c) => a + c, 0);
  const plotH = rowH.reduce((a, c) => a + c, 0);

  const categories = b.kategorier.map((kat, k) => {
    const w = wrapped[k]!;
    const top = rowTop(k) + (rowH[k]! - w.lines.length * lh) / 2;
    return textBlock(kat, w.lines, PAD + colW, baselineIn(top, FS_LABEL), 'end', FS_LABEL, TEXTFÄRG, w.shortened);
  });

  const bars: Bar[] = [];
  const missing: ChartLayout['missing'] = [];
  b.serier.forEach((_, s) => {
    b.kategorier.forEach((_, k) => {
      const y = rowTop(k) + (rowH[k]! - groupH) / 2 + s * BAR_T + 1;
      const h = BAR_T - 2;
      const mid = y + h / 2 + 0.35 * FS_VALUE;
      const v = value(b, s, k);
      if (v === null) {
        missing.push({
          serie: s,
          kategori: k,
          etikett: textBlock('\u2013', ['\u2013'], zero + 3, mid, 'start', FS_VALUE, TEXTFÄRG),
        });
        return;
      }
      const x = at(v);
      const text = formatValue(b, v);
      const etikett =
        v >= 0
          ? textBlock(text, [text], x + 3, mid, 'start', FS_VALUE, TEXTFÄRG)
          : textBlock(text, [text], x - 3, mid, 'end', FS_VALUE, TEXTFÄRG);
      bars.push({
        serie: s,
        kategori: k,
        värde: v,
        stil: serieStil(s),
        x: Math.min(x, zero),
        y,
        w: Math.abs(x - zero),
        h,
        etikett,
      });
    });
  });

  const tickTop = plotY + plotH + 4;
  // Value-axis ticks below the plot, labels centred under each tick.
  const ticks = axisTicks(scale.ticks, tickLabels, at, (pos) => [pos, baselineIn(tickTop, FS_TICK), 'middle']);
  const unitTop = tickTop + lineHeight(FS_TICK) + 2;
  const unit = textBlock(
    unitTitle(b.enhet),
    [unitTitle(b.enhet)],
    (xLeft + xRight) / 2,
    baselineIn(unitTop, FS_TICK),
    'middle',
    FS_TICK,
    AXELTEXTFÄRG,
  );
  const height = unitTop + lineHeight(FS_TICK) + PAD;

  return {
    width,
    height,
    orientation: 'horizontal',
    plot: { x: plotX, y: plotY, w: plotRight - plotX, h: plotH },
    scale,
    zero,
    ticks,
    categories,
    bars,
    missing,
    legend: legend.items,
    unit,
  };
}

/** A value axis's ticks: each value, its position, and its label placed where `place` says. */
function axisTicks(
  values: readonly number[],
  labels: readonly string[],
  at: (v: number) => number,
  place: (pos: number) => [x: number, y: number, anchor: 'start' | 'middle' | 'end'],
) {
  return values.map((t, i) => {
    const pos = at(t);
    const [x, y, anchor] = place(pos);
    return { värde: t, pos, etikett: textBlock(labels[i]!, [labels[i]!], x, y, anchor, FS_TICK, AXELTEXTFÄRG) };
  });
}
