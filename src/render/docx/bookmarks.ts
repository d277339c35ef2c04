import { createHash } from 'node:crypto';
import { Bookmark, PageReference, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Sidreferens } from '../../core/model/dokument.js';
import type { Flow } from './flow.js';

/**
 * Page references in Word: the target's first paragraph (a heading, a table's caption) holds a
 * bookmark, and `{=sida/…}` becomes "på sidan" and a PAGEREF field to it (with \h, a link), so
 * Word shows the real page once it updates the fields (the document asks to on opening).
 */

/** Word's rules for a bookmark name: a letter first, then letters, digits and underscores, at most 40 characters. */
export function bookmarkName(ankare: string): string {
  const name = `kr_${ankare
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '_')}`;
  if (name.length <= 40) return name;
  // Long anchors keep their start and a hash of the whole, so two never meet.
  return `${name.slice(0, 31)}_${createHash('sha1').update(ankare).digest('hex').slice(0, 8)}`;
}

/** The anchors the page references of a part of the model point to. */
export function referencedAnchors(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) for (const k of x) referencedAnchors(k, out);
  else if (x && typeof x === 'object') {
    const r = x as Partial<Sidreferens>;
    if (r.typ === 'sidref' && r.ankare) out.add(r.ankare);
    else for (const v of Object.values(x)) referencedAnchors(v, out);
  }
  return out;
}

/** The flow with its first paragraph's content inside a bookmark for `ankare` (each anchor once: `named`). */
export function bookmarked(flow: Flow, ankare: string, named: Set<string>): Flow {
  const i = flow.findIndex((x) => x.el instanceof Paragraph);
  if (i < 0 || named.has(ankare)) return flow;
  named.add(ankare);
  const first = flow[i]!;
  const { text, children, ...rest } = (first.el as Paragraph).options;
  const inside: ParagraphChild[] = [...(text !== undefined ? [new TextRun(text)] : []), ...(children ?? [])];
  const el = new Paragraph({ ...rest, children: [new Bookmark({ id: bookmarkName(ankare), children: inside })] });
  return flow.map((x, k) => (k === i ? { ...x, el } : x));
}

/** "på sidan 7": the page where the target begins (a field has no "7–8"; a table over two pages is found from its start). */
export function pageReference(r: Sidreferens, f: { bold?: boolean; italics?: boolean }): ParagraphChild[] {
  return [
    new TextRun({ text: `${r.medPå ? 'på ' : ''}sidan `, ...f }),
    new PageReference(bookmarkName(r.ankare), { hyperlink: true }),
  ];
}
