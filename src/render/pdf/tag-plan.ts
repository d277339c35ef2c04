/**
 * The structure tree a tagged PDF gets, planned from the document model while its pdfmake content
 * is made: each text node, table cell and chart carries `krTag`, the element its lines belong to.
 * Plain data (structuredClone keeps the shared references and the parent links).
 */
export interface TagNode {
  role: string;
  alt?: string;
  scope?: 'Row' | 'Column' | 'Both';
  kids: TagNode[];
  parent?: TagNode;
}

export function tagRoot(): TagNode {
  return { role: 'Document', kids: [] };
}

/** A new element under `parent`, in reading order. */
export function el(parent: TagNode, role: string, opts: { alt?: string; scope?: TagNode['scope'] } = {}): TagNode {
  const n: TagNode = { role, ...opts, kids: [], parent };
  parent.kids.push(n);
  return n;
}

interface Taggable {
  krTag?: TagNode;
  stack?: unknown[];
  columns?: unknown[];
}

/**
 * Marks a pdfmake node and the nodes inside it (stacks, columns) that have no element of their
 * own as content of `tag`. pdfmake ignores keys it does not know; the layout hooks in tagging.ts
 * carry `krTag` from a text node to its lines.
 */
export function mark<T>(content: T, tag: TagNode): T {
  if (!content || typeof content !== 'object' || Array.isArray(content)) return content;
  const n = content as Taggable;
  if (n.krTag) return content;
  n.krTag = tag;
  for (const k of n.stack ?? []) mark(k, tag);
  for (const k of n.columns ?? []) mark(k, tag);
  return content;
}
