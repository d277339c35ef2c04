import type { Block, Inline } from '../../core/model/dokument.js';

type Post = Extract<Block, { typ: 'fotnoter' }>['poster'][number];
type Event = { ref: Inline; nummer: number } | { post: Post; nummer: number };

export interface FootnotePlan {
  /** Each reference → its Word footnote id (1, 2, … in order of first reference). */
  refs: Map<Inline, number>;
  /** Word footnote id → the entry it shows. */
  notes: Map<number, Post>;
}

/**
 * Pairs each footnote reference with its entry. Numbers restart in every narrative file, so a
 * reference takes the first entry with its number after it (the file's own notes come at the
 * end of the part that defines them), else the nearest one before it.
 */
export function planFootnotes(blocks: Block[]): FootnotePlan {
  const events: Event[] = [];
  const inl = (xs: Inline[]): void => {
    for (const i of xs) {
      if (i.typ === 'fotnotsref') events.push({ ref: i, nummer: i.nummer });
      else if (i.typ === 'fet' || i.typ === 'kursiv' || i.typ === 'länk') inl(i.inl);
    }
  };
  const walk = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.typ === 'avsnitt') {
        inl(b.rubrik);
        walk(b.block);
      } else if (b.typ === 'stycke') inl(b.inl);
      else if (b.typ === 'lista') b.punkter.forEach(walk);
      else if (b.typ === 'fotnoter') for (const p of b.poster) events.push({ post: p, nummer: p.nummer });
    }
  };
  walk(blocks);
  const refs = new Map<Inline, number>();
  const notes = new Map<number, Post>();
  const ids = new Map<Post, number>();
  events.forEach((e, i) => {
    if (!('ref' in e)) return;
    const isPost = (x: Event): x is { post: Post; nummer: number } => 'post' in x && x.nummer === e.nummer;
    const after = events.slice(i + 1).find(isPost);
    const before = events.slice(0, i).reverse().find(isPost);
    const post = (after ?? before)?.post;
    if (!post) return;
    let id = ids.get(post);
    if (id === undefined) {
      ids.set(post, (id = ids.size + 1));
      notes.set(id, post);
    }
    refs.set(e.ref, id);
  });
  return { refs, notes };
}
