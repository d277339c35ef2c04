import type { Dokument, Inline } from '../../core/model/dokument.js';

/** What rendering the body gathers on the way: footnotes, the list definitions used, picture ids. */
export interface Ctx {
  d: Dokument;
  /** Each footnote reference in the text → its Word footnote id. */
  refs: Map<Inline, number>;
  /** Footnote entries that became Word footnotes (and are not printed where they were defined). */
  placed: Set<object>;
  /** First numbers of the numbered lists used (one list definition each). */
  listStarts: Set<number>;
  /** Numbered lists restart: each is an instance of its definition. */
  listInstance: number;
  /** Anchors already given a bookmark (a goal area a follow-up shows twice is one target). */
  named: Set<string>;
  /** Anchors some page reference points to: only these get a bookmark. */
  referenced: Set<string>;
  /** Drawing ids, unique in the document and the same in every build. */
  drawing: number;
}
