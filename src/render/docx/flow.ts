import type { FileChild } from 'docx';
import type { Orientation } from './page.js';

/** A piece of the body: landscape pieces get a section of their own; headings keep with what follows. */
export interface Item {
  el: FileChild;
  liggande?: boolean;
  keepNext?: boolean;
}
export type Flow = Item[];

export const item = (el: FileChild, o: { liggande?: boolean; keepNext?: boolean } = {}): Item => ({ el, ...o });

/**
 * The body cut into runs of one orientation. Headings and captions just before a landscape run
 * move into it, so a heading never ends a portrait page with its table on the next.
 */
export function sections(flow: Flow): { orientation: Orientation; children: FileChild[] }[] {
  const out: { orientation: Orientation; items: Item[] }[] = [];
  for (const it of flow) {
    const o: Orientation = it.liggande ? 'liggande' : 'stående';
    const last = out[out.length - 1];
    if (last && last.orientation === o) {
      last.items.push(it);
      continue;
    }
    const carried: Item[] = [];
    if (last && o === 'liggande')
      while (last.items.length && last.items[last.items.length - 1]!.keepNext) carried.unshift(last.items.pop()!);
    if (last && !last.items.length) out.pop();
    const before = out[out.length - 1];
    if (before && before.orientation === o) before.items.push(...carried, it);
    else out.push({ orientation: o, items: [...carried, it] });
  }
  return out.map((s) => ({ orientation: s.orientation, children: s.items.map((i) => i.el) }));
}
