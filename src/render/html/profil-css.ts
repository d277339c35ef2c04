import type { Profil } from '../../core/model/profil.js';
import { slugify } from '../../util/slug.js';
import { readFileSync } from 'node:fs';

/** A CSS class for a bedömning level id (ids may hold å, ä, ö). */
export const bedömningsklass = (id: string): string => `bedomning-${slugify(id)}`;

const faceCache = new Map<string, string>();
function face(familj: string, weight: number, style: string, path: string): string {
  const key = `${familj}|${weight}|${style}|${path}`;
  let css = faceCache.get(key);
  if (!css) {
    const format = path.toLowerCase().endsWith('.otf') ? 'opentype' : 'truetype';
    const mime = format === 'opentype' ? 'font/otf' : 'font/ttf';
    css = `@font-face{font-family:"${familj}";font-weight:${weight};font-style:${style};src:url(data:${mime};base64,${readFileSync(path).toString('base64')}) format("${format}");}`;
    faceCache.set(key, css);
  }
  return css;
}

/**
 * The kommun's look over the base styles: its colours, its bedömning scale and, when it has one,
 * its font embedded like Roboto is. Comes after the base CSS, so it wins where both say something.
 */
export function profilCss(p: Profil): string {
  const f = p.färger;
  const t = p.typsnitt;
  return [
    ...(t
      ? [
          face(t.familj, 400, 'normal', t.normal),
          face(t.familj, 700, 'normal', t.fet),
          face(t.familj, 400, 'italic', t.kursiv),
          face(t.familj, 700, 'italic', t.fetkursiv),
          `html { font-family: "${t.familj}", "Roboto", Arial, sans-serif; }`,
        ]
      : []),
    `html { color: ${f.text}; }`,
    `h1, h2, h3, h4, h5, h6, caption, figure.diagram figcaption, .titelsida .kommun { color: ${f.rubrik}; }`,
    `a { color: ${f.länk}; }`,
    `thead th { background: ${f.tabellhuvud}; border-bottom-color: ${f.rubrik}; }`,
    `th, td { border-bottom-color: ${f.linje}; }`,
    '.titelsida .logotyp { display: block; height: auto; margin-bottom: 8mm; }',
    ...p.bedömning.map((b) => `.${bedömningsklass(b.id)} { color: ${b.färg}; }`),
  ].join('\n');
}
