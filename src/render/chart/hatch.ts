import type { Mönster } from './palette.js';
import { num } from './xml.js';

/** Distance between hatching lines, in user units. */
const AVSTÅND = 5;

/**
 * The hatching of a rectangle as path data made of straight segments (M/L only), already clipped
 * to the rectangle, so no clipPath or pattern is needed (pdfmake's SVG support draws it as is).
 * Empty for a solid fill or a rectangle too small to hatch.
 */
export function hatchPath(m: Mönster, x: number, y: number, w: number, h: number): string {
  if (m === 'fylld' || w < 1 || h < 1) return '';
  const seg: [number, number, number, number][] = [];
  const horizontal = (): void => {
    for (let yy = y + AVSTÅND / 2; yy < y + h; yy += AVSTÅND) seg.push([x, yy, x + w, yy]);
  };
  const vertical = (): void => {
    for (let xx = x + AVSTÅND / 2; xx < x + w; xx += AVSTÅND) seg.push([xx, y, xx, y + h]);
  };
  // Lines at 45°, anchored to the page (not the bar) so neighbouring bars line up.
  const diagonal = (rising: boolean): void => {
    const d = AVSTÅND * Math.SQRT2;
    // rising ("/"): x + y = c; falling ("\"): x − y = c.
    const cMin = rising ? x + y : x - (y + h);
    const cMax = rising ? x + w + y + h : x + w - y;
    for (let c = Math.ceil(cMin / d) * d; c <= cMax; c += d) {
      const pts: [number, number][] = [];
      // Intersections with the four edges, kept when inside the rectangle.
      const add = (px: number, py: number): void => {
        if (
          px >= x - 1e-9 &&
          px <= x + w + 1e-9 &&
          py >= y - 1e-9 &&
          py <= y + h + 1e-9 &&
          !pts.some(([qx, qy]) => Math.abs(qx - px) < 1e-9 && Math.abs(qy - py) < 1e-9)
        )
          pts.push([px, py]);
      };
      if (rising) {
        add(x, c - x);
        add(x + w, c - x - w);
        add(c - y, y);
        add(c - y - h, y + h);
      } else {
        add(x, x - c);
        add(x + w, x + w - c);
        add(c + y, y);
        add(c + y + h, y + h);
      }
      if (pts.length >= 2) {
        const [a, b] = pts as [[number, number], [number, number]];
        if (Math.hypot(a[0] - b[0], a[1] - b[1]) > 0.5) seg.push([a[0], a[1], b[0], b[1]]);
      }
    }
  };
  switch (m) {
    case 'snedstreck':
      diagonal(true);
      break;
    case 'bakstreck':
      diagonal(false);
      break;
    case 'vågrät':
      horizontal();
      break;
    case 'lodrät':
      vertical();
      break;
    case 'rutnät':
      horizontal();
      vertical();
      break;
    case 'kryss':
      diagonal(true);
      diagonal(false);
      break;
  }
  return seg.map(([x1, y1, x2, y2]) => `M${num(x1)} ${num(y1)}L${num(x2)} ${num(y2)}`).join('');
}
