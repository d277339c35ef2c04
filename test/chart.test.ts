import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import pdfmake from 'pdfmake';
import { describe, expect, it } from 'vitest';
import { XmlDocument, type XmlElement } from 'xmldoc';
import type { DiagramBlock } from '../src/core/model/dokument.js';
import {
  chartDataTable,
  chartLayout,
  chartSvg,
  chartTextAlternative,
  contrastRatio,
  niceScale,
  relativeLuminance,
  serieStil,
  wrapText,
  AXELTEXTFÄRG,
  TEXTFÄRG,
  type ChartLayout,
} from '../src/render/chart/index.js';
import { fontBytes, fontPath } from '../src/util/fonts.js';
import { CHROMIUM_ARGS, requireTool } from './support/tools.js';

const NBSP = '\u00a0';
const MINUS = '\u2212';

function diagram(
  p: Partial<Omit<DiagramBlock, 'serier'>> &
    Pick<DiagramBlock, 'kategorier'> & { serier: [string, (number | null)[]][] },
): DiagramBlock {
  return {
    typ: 'diagram',
    id: 'nettokostnad',
    nummer: 3,
    rubrik: 'Nettokostnad per stab',
    diagramtyp: 'grupperade-staplar',
    tabell: 'driftsammandrag',
    enhet: 'mnkr',
    decimaler: 1,
    ...p,
    serier: p.serier.map(([namn, värden]) => ({ namn, värden, fakta: värden.map(() => null) })),
  };
}

/** Vertical, amounts in the thousands, one negative value and one missing. */
const grupperat = diagram({
  kategorier: ['Kommunstyrelsen', 'Kommungemensamt', 'Kommunledningsstaben', 'HR-staben'],
  serier: [
    ['Budget 2023', [300, 1200, -150, null]],
    ['Budget 2024', [320.5, 1350, -100, 80]],
  ],
});

/** Horizontal, small values around zero, a zero, a negative and a missing value. */
const liggande = diagram({
  id: 'prognos per stab',
  nummer: 4,
  rubrik: 'Prognos mot budget per stab',
  diagramtyp: 'liggande-staplar',
  kategorier: ['Kommunledningsstaben', 'Näringsliv- och tillväxtstaben', 'Ekonomistaben', 'HR-staben'],
  serier: [
    ['Prognos', [-2.1, 1.5, null, 0.4]],
    ['Budget', [1, -0.6, 2.2, 0]],
  ],
});

/** Vertical, a half step: ticks with one decimal. */
const små = diagram({
  id: 'avvikelse',
  kategorier: ['Kultur & fritid', 'Vård <och> omsorg'],
  serier: [['Avvikelse', [-2, 0.8]]],
});

/** Twelve long labels on a narrow chart: they cannot be written across the slots. */
const trångt = diagram({
  id: 'trangt',
  kategorier: [
    'Kommunstyrelsen',
    'Kommungemensamt',
    'Kommunledningsstaben',
    'Planeringsstaben',
    'Näringsliv- och tillväxtstaben',
    'Ekonomistaben',
    'HR-staben',
    'Kommunikations- & utvecklingsstaben',
    'Trygghetsatsningar, budgetöverföring till social & omsorgsnämnden & samhällsbyggnadsnämnden',
    'Verksamhetsstöd och service',
    'Leanlink',
    'Övrigt',
  ],
  serier: [
    ['Utfall 2022', [24.2, 206, 87.9, 35.4, 43, 26.1, 64.5, 67.6, -2.4, 12, 3, 0]],
    ['Budget 2023', [28.1, 260.3, 103.6, 40.7, 42.5, 34, 50.2, 59.1, -2.4, 13, 4, 1]],
    ['Budget 2024', [30.2, 297.1, 113.2, 41.4, 44.9, 34.8, 50.2, 55.1, -2.4, 14, 5, 2]],
  ],
});
const trångtLiggande: DiagramBlock = { ...trångt, id: 'trangt-liggande', diagramtyp: 'liggande-staplar' };

const ALL = { grupperat, liggande, små, trångt, trångtLiggande };

// --- SVG helpers ---------------------------------------------------------------------------

function parse(svg: string): XmlElement {
  return new XmlDocument(svg);
}

function elements(e: XmlElement): XmlElement[] {
  return [e, ...e.children.flatMap((c) => (c.type === 'element' ? elements(c as XmlElement) : []))];
}

function bars(
  svg: string,
): { serie: number; kategori: number; värde: number; x: number; y: number; w: number; h: number }[] {
  return elements(parse(svg))
    .filter((e) => e.name === 'rect' && e.attr['data-serie'] !== undefined)
    .map((e) => ({
      serie: Number(e.attr['data-serie']),
      kategori: Number(e.attr['data-kategori']),
      värde: Number(e.attr['data-varde']),
      x: Number(e.attr.x),
      y: Number(e.attr.y),
      w: Number(e.attr.width),
      h: Number(e.attr.height),
    }));
}

/** The visible text of the <g> carrying `attr` = value (its lines joined by "|"). */
function labelText(svg: string, attr: string, value: string): string {
  const g = elements(parse(svg)).find((e) => e.name === 'g' && e.attr[attr] === value);
  if (!g) throw new Error(`no ${attr}=${value}`);
  return g
    .childrenNamed('text')
    .map((t) => t.val)
    .join('|');
}

// --- geometry: convex polygons overlap (separating axis theorem) ----------------------------

type Poly = [number, number][];
const rectPoly = (r: { x: number; y: number; w: number; h: number }): Poly => [
  [r.x, r.y],
  [r.x + r.w, r.y],
  [r.x + r.w, r.y + r.h],
  [r.x, r.y + r.h],
];

function overlap(a: Poly, b: Poly): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const [nx, ny] = [y2 - y1, x1 - x2];
      const pa = a.map(([x, y]) => x * nx + y * ny);
      const pb = b.map(([x, y]) => x * nx + y * ny);
      // Touching edges do not count; a gap of a hundredth of a unit is a gap.
      if (Math.max(...pa) <= Math.min(...pb) + 1e-6 || Math.max(...pb) <= Math.min(...pa) + 1e-6) return false;
    }
  }
  return true;
}

/** Everything a reader must be able to tell apart: every text and every bar. */
function shapes(l: ChartLayout): { namn: string; poly: Poly; text: boolean }[] {
  return [
    ...l.categories.map((c, k) => ({ namn: `kategori ${k} "${c.text}"`, poly: c.polygon, text: true })),
    ...l.ticks.map((t) => ({ namn: `tick ${t.värde}`, poly: t.etikett.polygon, text: true })),
    ...l.legend.flatMap((i) => [
      { namn: `legend ${i.serie}`, poly: i.etikett.polygon, text: true },
      { namn: `legendruta ${i.serie}`, poly: rectPoly(i.swatch), text: false },
    ]),
    { namn: 'enhet', poly: l.unit.polygon, text: true },
    ...l.bars.flatMap((b) => [
      { namn: `stapel ${b.serie}/${b.kategori}`, poly: rectPoly(b), text: false },
      ...(b.etikett ? [{ namn: `värde ${b.serie}/${b.kategori}`, poly: b.etikett.polygon, text: true }] : []),
    ]),
    ...l.missing.map((m) => ({ namn: `saknas ${m.serie}/${m.kategori}`, poly: m.etikett.polygon, text: true })),
  ];
}

function collisions(l: ChartLayout): string[] {
  const s = shapes(l);
  const out: string[] = [];
  for (let i = 0; i < s.length; i++)
    for (let j = i + 1; j < s.length; j++)
      if ((s[i]!.text || s[j]!.text) && overlap(s[i]!.poly, s[j]!.poly)) out.push(`${s[i]!.namn} × ${s[j]!.namn}`);
  return out;
}

function outside(l: ChartLayout): string[] {
  return shapes(l)
    .filter(({ poly }) => poly.some(([x, y]) => x < -1e-6 || y < -1e-6 || x > l.width + 1e-6 || y > l.height + 1e-6))
    .map((s) => s.namn);
}

// --- tests -----------------------------------------------------------------------------------

describe('bars', () => {
  it('draws one bar per non-missing value, grouped vertically and in rows horizontally', () => {
    const v = bars(chartSvg(grupperat));
    expect(v).toHaveLength(7);
    expect(v.find((b) => b.serie === 0 && b.kategori === 3)).toBeUndefined();
    const h = bars(chartSvg(liggande));
    expect(h).toHaveLength(7);
    expect(h.find((b) => b.serie === 0 && b.kategori === 2)).toBeUndefined();
    // Vertical: the bars of a category side by side, in series order, groups left to right.
    const x = (s: number, k: number): number => v.find((b) => b.serie === s && b.kategori === k)?.x ?? NaN;
    expect(x(0, 0)).toBeLessThan(x(1, 0));
    expect(x(1, 0)).toBeLessThan(x(0, 1));
    // Horizontal: a row per category, series top to bottom.
    const y = (s: number, k: number): number => h.find((b) => b.serie === s && b.kategori === k)?.y ?? NaN;
    expect(y(0, 0)).toBeLessThan(y(1, 0));
    expect(y(1, 0)).toBeLessThan(y(0, 1));
  });

  it('vertical bar heights are proportional to the values, negative ones below the zero line', () => {
    const svg = chartSvg(grupperat);
    const l = chartLayout(grupperat);
    const v = bars(svg).filter((b) => b.värde !== 0);
    const perUnit = v.map((b) => b.h / Math.abs(b.värde));
    for (const p of perUnit) expect(p).toBeCloseTo(perUnit[0]!, 3);
    expect(v.find((b) => b.värde === 1350)!.h / v.find((b) => b.värde === 300)!.h).toBeCloseTo(4.5, 2);
    for (const b of v) {
      if (b.värde > 0) expect(b.y + b.h).toBeCloseTo(l.zero, 1);
      else expect(b.y).toBeCloseTo(l.zero, 1);
    }
    const zero = elements(parse(svg)).find((e) => e.attr['data-nollinje'] !== undefined)!;
    expect(Number(zero.attr.y1)).toBeCloseTo(l.zero, 1);
  });

  it('horizontal bar lengths are proportional to the values, negative ones left of zero', () => {
    const l = chartLayout(liggande);
    const h = bars(chartSvg(liggande));
    const zeroBar = h.find((b) => b.värde === 0)!;
    expect(zeroBar.w).toBe(0);
    const v = h.filter((b) => b.värde !== 0);
    const perUnit = v.map((b) => b.w / Math.abs(b.värde));
    for (const p of perUnit) expect(p).toBeCloseTo(perUnit[0]!, 2);
    for (const b of v) {
      if (b.värde > 0) expect(b.x).toBeCloseTo(l.zero, 1);
      else expect(b.x + b.w).toBeCloseTo(l.zero, 1);
    }
  });

  it('labels every bar with its value in Swedish format where the labels fit', () => {
    const svg = chartSvg(grupperat);
    expect(labelText(svg, 'data-varde-etikett', '1-1')).toBe(`1${NBSP}350,0`);
    expect(labelText(svg, 'data-varde-etikett', '0-2')).toBe(`${MINUS}150,0`);
    expect(labelText(svg, 'data-saknas', '0-3')).toBe('\u2013');
    const h = chartSvg(liggande);
    expect(labelText(h, 'data-varde-etikett', '0-0')).toBe(`${MINUS}2,1`);
    expect(labelText(h, 'data-varde-etikett', '1-3')).toBe('0,0');
    // Three series in narrow groups: numbers would not fit over the bars, so none is shown.
    expect(chartLayout(trångt).bars.every((b) => b.etikett === undefined)).toBe(true);
  });
});

describe('value axis', () => {
  it('has nice round steps including zero and negative values', () => {
    expect(niceScale([-150, 1350], 6)).toMatchObject({
      min: -500,
      max: 1500,
      step: 500,
      ticks: [-500, 0, 500, 1000, 1500],
    });
    expect(niceScale([-2, 0.8], 6)).toMatchObject({ step: 0.5, decimals: 1, ticks: [-2, -1.5, -1, -0.5, 0, 0.5, 1] });
    expect(niceScale([0.1, 0.7], 5).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceScale([12, 88], 5).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    // No data, or only zeros: an axis from 0 to 1.
    expect(niceScale([], 5)).toMatchObject({ min: 0, max: 1 });
    expect(niceScale([0, 0], 5)).toMatchObject({ min: 0, max: 1 });
    expect(niceScale([-7, -3], 4).ticks).toEqual([-8, -6, -4, -2, 0]);
  });

  it('writes tick labels in Swedish format: no-break space in thousands, true minus, decimal comma', () => {
    const svg = chartSvg(grupperat);
    expect(labelText(svg, 'data-tick', '1000')).toBe(`1${NBSP}000`);
    expect(labelText(svg, 'data-tick', '-500')).toBe(`${MINUS}500`);
    expect(labelText(svg, 'data-tick', '0')).toBe('0');
    const s = chartSvg(små);
    expect(labelText(s, 'data-tick', '-2')).toBe(`${MINUS}2,0`);
    expect(labelText(s, 'data-tick', '-0.5')).toBe(`${MINUS}0,5`);
    expect(labelText(s, 'data-tick', '0.5')).toBe('0,5');
    expect(labelText(svg, 'data-enhet', '')).toBe('Belopp i mnkr');
    expect(svg).not.toMatch(/>-\d/);
  });

  it('spaces the ticks evenly', () => {
    for (const b of Object.values(ALL)) {
      const pos = chartLayout(b).ticks.map((t) => t.pos);
      const d = pos.slice(1).map((p, i) => p - pos[i]!);
      for (const x of d) expect(x).toBeCloseTo(d[0]!, 6);
    }
  });
});

describe('labels never overlap', () => {
  it.each(Object.entries(ALL))('%s: no text touches another text or a bar, and all lie inside the picture', (_, b) => {
    for (const width of [640, 482, 360]) {
      const l = chartLayout(b, { width });
      expect(collisions(l)).toEqual([]);
      expect(outside(l)).toEqual([]);
    }
  });

  it('every category has a label, in the SVG with the box the layout computed', () => {
    for (const b of Object.values(ALL)) {
      const svg = chartSvg(b);
      const l = chartLayout(b);
      expect(l.categories.map((c) => c.text)).toEqual(b.kategorier);
      const gs = elements(parse(svg)).filter((e) => e.name === 'g' && e.attr['data-kategori-etikett'] !== undefined);
      expect(gs).toHaveLength(b.kategorier.length);
      gs.forEach((g, k) => {
        const c = l.categories[k]!;
        expect(g.childrenNamed('text').map((t) => t.val)).toEqual(c.lines);
        expect(g.attr['data-ruta']!.split(' ').map(Number)).toEqual(
          [c.box.x, c.box.y, c.box.w, c.box.h].map((v) => Math.round(v * 100) / 100),
        );
        // A shortened label keeps its full text in a <title>.
        expect(g.childNamed('title')?.val).toBe(c.shortened ? b.kategorier[k] : undefined);
      });
    }
  });

  it('wraps labels across their slot at whole words when they fit, else slants them', () => {
    const across = chartLayout(grupperat).categories;
    expect(across.every((c) => c.rotation === 0)).toBe(true);
    const slot = chartLayout(grupperat).plot.w / 4;
    for (const c of across) expect(c.box.w).toBeLessThanOrEqual(slot - 6);
    const slanted = chartLayout(trångt).categories;
    expect(slanted.every((c) => c.rotation === -45)).toBe(true);
    expect(chartSvg(trångt)).toContain('transform="rotate(-45 ');
    const long = slanted[8]!;
    expect(long.shortened).toBe(true);
    expect(long.lines.at(-1)).toMatch(/\u2026$/);
  });

  it('horizontal bars keep a left column sized to the longest label, wrapped when very long', () => {
    const l = chartLayout(liggande);
    const longest = Math.max(...l.categories.map((c) => c.box.w));
    for (const c of l.categories) {
      expect(c.lines).toHaveLength(1);
      expect(c.box.x + c.box.w).toBeLessThan(l.plot.x);
    }
    expect(l.plot.x).toBeCloseTo(8 + longest + 8, 6);
    const t = chartLayout(trångtLiggande, { width: 480 });
    const long = t.categories[8]!;
    expect(long.lines.length).toBeGreaterThan(1);
    expect(long.box.x).toBeGreaterThanOrEqual(0);
    expect(t.plot.x).toBeLessThanOrEqual(480 * 0.38 + 16 + 1e-6);
  });

  it('wrapText breaks at spaces and hyphens, inside a word only when it must, and cuts with an ellipsis', () => {
    expect(wrapText('Näringsliv- och tillväxtstaben', 100, 12, 3).lines).toEqual(['Näringsliv- och', 'tillväxtstaben']);
    expect(wrapText('Kommunikations-/utvecklingsstaben', 110, 12, 3).lines).toEqual([
      'Kommunikations-/',
      'utvecklingsstaben',
    ]);
    const broken = wrapText('Kommunledningsstaben', 60, 12, 3);
    expect(broken.brokeWord).toBe(true);
    expect(broken.lines.join('').replace(/-/g, '')).toBe('Kommunledningsstaben');
    const cut = wrapText('ett två tre fyra fem sex sju åtta', 40, 12, 2);
    expect(cut).toMatchObject({ shortened: true });
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1]).toMatch(/\u2026$/);
  });
});

describe('title, description, text alternative and data table', () => {
  it('names the SVG by its caption and describes it by the text alternative', () => {
    const svg = chartSvg(grupperat);
    const root = parse(svg);
    expect(root.attr).toMatchObject({
      role: 'img',
      'aria-labelledby': 'diagram-nettokostnad-titel',
      'aria-describedby': 'diagram-nettokostnad-beskrivning',
    });
    expect(root.childNamed('title')!.attr.id).toBe('diagram-nettokostnad-titel');
    expect(root.childNamed('title')!.val).toBe('Diagram 3. Nettokostnad per stab');
    expect(root.childNamed('desc')!.attr.id).toBe('diagram-nettokostnad-beskrivning');
    expect(root.childNamed('desc')!.val).toBe(chartTextAlternative(grupperat));
    // Ids come from the block id, made safe.
    expect(parse(chartSvg(liggande)).attr['aria-labelledby']).toBe('diagram-prognos-per-stab-titel');
  });

  it('the text alternative says what is compared, the largest, the smallest and the sums', () => {
    expect(chartTextAlternative(grupperat)).toBe(
      'Stapeldiagram som jämför Budget 2023 och Budget 2024 för 4 kategorier: Kommunstyrelsen, Kommungemensamt, Kommunledningsstaben och HR-staben. ' +
        'Belopp i mnkr. ' +
        `Störst är Kommungemensamt, Budget 2024: 1${NBSP}350,0${NBSP}mnkr; minst är Kommunledningsstaben, Budget 2023: ${MINUS}150,0${NBSP}mnkr. ` +
        `Summan av de visade värdena, räknad av verktyget, är 1${NBSP}350,0${NBSP}mnkr för Budget 2023 och 1${NBSP}650,5${NBSP}mnkr för Budget 2024. ` +
        'Uppgift saknas för HR-staben, Budget 2023.',
    );
    const h = chartTextAlternative(liggande);
    expect(h).toMatch(/^Liggande stapeldiagram som jämför Prognos och Budget för 4 kategorier/);
    expect(h).toContain(
      `Störst är Ekonomistaben, Budget: 2,2${NBSP}mnkr; minst är Kommunledningsstaben, Prognos: ${MINUS}2,1${NBSP}mnkr.`,
    );
    expect(h).toContain(
      `Summan av de visade värdena, räknad av verktyget, är ${MINUS}0,2${NBSP}mnkr för Prognos och 2,6${NBSP}mnkr för Budget.`,
    );
    // One series: no series name after the category; one sum.
    expect(chartTextAlternative(små)).toContain(
      `Störst är Vård <och> omsorg: 0,8${NBSP}mnkr; minst är Kultur & fritid: ${MINUS}2,0${NBSP}mnkr. Summan av de visade värdena, räknad av verktyget, är ${MINUS}1,2${NBSP}mnkr.`,
    );
    // Percentages are not summed.
    const pct = chartTextAlternative({ ...små, enhet: '%' });
    expect(pct).toContain('Andel i procent.');
    expect(pct).toContain(`minst är Kultur & fritid: ${MINUS}2,0%.`);
    expect(pct).not.toContain('Summan');
  });

  it('the data table has the formatted values, a dash where one is missing', () => {
    expect(chartDataTable(grupperat)).toEqual({
      kolumner: ['Belopp i mnkr', 'Budget 2023', 'Budget 2024'],
      rader: [
        { etikett: 'Kommunstyrelsen', värden: ['300,0', '320,5'] },
        { etikett: 'Kommungemensamt', värden: [`1${NBSP}200,0`, `1${NBSP}350,0`] },
        { etikett: 'Kommunledningsstaben', värden: [`${MINUS}150,0`, `${MINUS}100,0`] },
        { etikett: 'HR-staben', värden: ['\u2013', '80,0'] },
      ],
    });
  });
});

describe('colours', () => {
  it('text is at least 4.5:1 against white; series differ in lightness and pattern', () => {
    expect(contrastRatio(TEXTFÄRG, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(AXELTEXTFÄRG, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const first = [0, 1, 2].map((i) => relativeLuminance(serieStil(i).fyllning)).sort((a, b) => a - b);
    expect(first[1]! - first[0]!).toBeGreaterThan(0.2);
    expect(first[2]! - first[1]!).toBeGreaterThan(0.2);
    const seven = Array.from({ length: 7 }, (_, i) => serieStil(i));
    expect(new Set(seven.map((s) => s.mönster)).size).toBe(7);
    expect(new Set(seven.map((s) => s.fyllning)).size).toBe(7);
    // Bars are outlined and hatched per series; the legend shows the same swatches.
    const svg = chartSvg(trångt);
    expect(svg).toMatch(/<rect data-serie="1"[^>]* fill="#e69f00" stroke="#1a1a1a"/);
    const hatches = elements(parse(svg)).filter((e) => e.name === 'path');
    expect(hatches.length).toBeGreaterThan(0);
    expect(elements(parse(svg)).filter((e) => e.attr['data-legend'] !== undefined)).toHaveLength(3);
  });
});

describe('the SVG itself', () => {
  it.each(Object.entries(ALL))(
    '%s: is well-formed XML with only simple elements and presentation attributes',
    (_, b) => {
      const svg = chartSvg(b);
      const root = parse(svg);
      expect(root.name).toBe('svg');
      expect(root.attr.xmlns).toBe('http://www.w3.org/2000/svg');
      const [vx, vy, vw, vh] = root.attr.viewBox!.split(' ').map(Number);
      expect([vx, vy, vw, vh]).toEqual([0, 0, Number(root.attr.width), Number(root.attr.height)]);
      const all = elements(root);
      expect(new Set(all.map((e) => e.name))).toEqual(
        new Set(
          ['svg', 'title', 'desc', 'g', 'rect', 'line', 'path', 'text'].filter((n) => all.some((e) => e.name === n)),
        ),
      );
      for (const n of new Set(all.map((e) => e.name)))
        expect(['svg', 'title', 'desc', 'g', 'rect', 'line', 'path', 'text']).toContain(n);
      for (const e of all) {
        expect(e.attr.class).toBeUndefined();
        expect(e.attr.style).toBeUndefined();
      }
      for (const t of all.filter((e) => e.name === 'text')) expect(Number(t.attr['font-size'])).toBeGreaterThan(0);
      expect(all.find((e) => e.name === 'g')!.attr['font-family']).toMatch(/^Roboto,/);
      for (const p of all.filter((e) => e.name === 'path'))
        expect(p.attr.d).toMatch(/^(M-?[\d.]+ -?[\d.]+L-?[\d.]+ -?[\d.]+)+$/);
      // Markup in the data is escaped, not interpreted.
      if (b === små)
        expect(all.filter((e) => e.name === 'text').map((t) => t.val)).toEqual(
          expect.arrayContaining(['Kultur & fritid', 'Vård <och> omsorg']),
        );
    },
  );

  it('is the same string every time, also from a copy of the block', () => {
    for (const b of Object.values(ALL)) {
      const a = chartSvg(b);
      expect(chartSvg(b)).toBe(a);
      expect(chartSvg(structuredClone(b))).toBe(a);
    }
    expect(chartSvg(grupperat, { width: 482 })).not.toBe(chartSvg(grupperat));
    expect(parse(chartSvg(grupperat, { width: 482 })).attr.width).toBe('482');
  });

  it('survives empty and degenerate data', () => {
    const empty = diagram({ kategorier: [], serier: [] });
    expect(parse(chartSvg(empty)).name).toBe('svg');
    const nulls = diagram({ kategorier: ['A', 'B'], serier: [['S', [null, null]]] });
    expect(bars(chartSvg(nulls))).toHaveLength(0);
    expect(chartTextAlternative(nulls)).toContain('Uppgift saknas för A och B.');
    const one = diagram({ kategorier: ['A'], serier: [['S', [5]]] });
    expect(chartTextAlternative(one)).toContain(`Det enda värdet är A: 5,0${NBSP}mnkr.`);
  });
});

describe('in the real consumers', () => {
  it('Chromium measures every text no wider than the layout assumed (Roboto)', async () => {
    const browser = await chromium.launch({ executablePath: requireTool('chromium', 'chromium'), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const face = `@font-face{font-family:"Roboto";src:url(data:font/ttf;base64,${fontBytes('normal').toString('base64')}) format("truetype");}`;
      const svgs = Object.values(ALL).map((b) => chartSvg(b));
      await page.setContent(
        `<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>${face}</style></head><body>${svgs.join('')}</body></html>`,
      );
      await page.evaluate(() => document.fonts.ready);
      const measured = await page.evaluate(() =>
        [...document.querySelectorAll('svg text')].map((t) => ({
          text: t.textContent ?? '',
          width: (t as SVGTextElement).getComputedTextLength(),
          size: Number(t.getAttribute('font-size')),
        })),
      );
      expect(measured.length).toBeGreaterThan(100);
      expect(await page.evaluate(() => document.fonts.check('12px Roboto'))).toBe(true);
      const { textWidth } = await import('../src/render/chart/text-width.js');
      const tooWide = measured
        .filter((m) => m.width > textWidth(m.text, m.size) + 0.01)
        .map((m) => `${m.text}: ${m.width} > ${textWidth(m.text, m.size)}`);
      expect(tooWide).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('pdfmake draws the SVG into a PDF whose text has the labels', async () => {
    const pdftotext = requireTool('pdftotext', 'poppler-utils');
    const pm = pdfmake as unknown as {
      setFonts(f: object): void;
      setUrlAccessPolicy?(f: () => boolean): void;
      createPdf(d: object): { getBuffer(): Promise<Buffer> };
    };
    pm.setFonts({
      Roboto: {
        normal: fontPath('normal'),
        bold: fontPath('bold'),
        italics: fontPath('italics'),
        bolditalics: fontPath('bolditalics'),
      },
    });
    pm.setUrlAccessPolicy?.(() => false);
    const content = [grupperat, liggande].map((b) => ({ svg: chartSvg(b, { width: 482 }), width: 482 }));
    const pdf = await pm.createPdf({ content, defaultStyle: { font: 'Roboto' } }).getBuffer();
    const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-chart-'));
    writeFileSync(join(dir, 'chart.pdf'), pdf);
    const text = execFileSync(pdftotext, ['-layout', join(dir, 'chart.pdf'), '-'], { encoding: 'utf8' });
    for (const s of [
      'Budget 2023',
      'Budget 2024',
      'Belopp i mnkr',
      'Prognos',
      'Näringsliv- och tillväxtstaben',
      'Ekonomistaben',
      `${MINUS}2,1`,
    ])
      expect(text).toContain(s);
    // svg-to-pdfkit turns the no-break space into a space; the digits and the true minus stay.
    expect(text).toMatch(/1[ \u00a0]000/);
    expect(text).toContain(`${MINUS}500`);
  });
});
