import type { Root } from 'mdast';

/**
 * Parsed Markdown trees kept by their text, for `watch`: an edit changes one chapter, and
 * re-parsing the others was most of a rebuild's compose time. The tree depends on the text
 * alone and nothing downstream changes it, so the same text may share one tree. Off unless
 * switched on, so a batch does not hold every report's trees.
 */
const trees = new Map<string, Root>();
let limit = 0;

/** Keep up to `n` trees (0: none, the default). */
export function keepParsedTrees(n: number): void {
  limit = n;
  trees.clear();
}

export function cachedTree(text: string, parse: () => Root): Root {
  if (!limit) return parse();
  const hit = trees.get(text);
  if (hit) {
    // Most recently used last, so the oldest goes first.
    trees.delete(text);
    trees.set(text, hit);
    return hit;
  }
  const tree = parse();
  trees.set(text, tree);
  if (trees.size > limit) trees.delete(trees.keys().next().value!);
  return tree;
}
