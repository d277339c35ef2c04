import type { Root } from 'mdast';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedTree, keepParsedTrees } from '../src/narrative/tree-cache.js';
import { loadAndCompose } from '../src/pipeline.js';
import { PATHS } from './support/project.js';

const tree = (n: number): Root => ({ type: 'root', children: [{ type: 'thematicBreak', data: { n } }] }) as Root;

describe('parsed Markdown trees kept for watch', () => {
  afterEach(() => keepParsedTrees(0));

  it('parses every time unless switched on; then once per text, the oldest going first beyond the limit', () => {
    let parses = 0;
    const parse = (): Root => tree(++parses);
    cachedTree('a', parse);
    cachedTree('a', parse);
    expect(parses).toBe(2);
    keepParsedTrees(2);
    const first = cachedTree('a', parse);
    expect(cachedTree('a', parse)).toBe(first);
    expect(parses).toBe(3);
    cachedTree('b', parse);
    cachedTree('a', parse); // a is now the most recently used
    cachedTree('c', parse); // so b goes
    expect(parses).toBe(5);
    expect(cachedTree('a', parse)).toBe(first);
    cachedTree('b', parse);
    expect(parses).toBe(6);
  });

  it('a report composed from kept trees is the same as one parsed afresh', () => {
    const fresh = loadAndCompose(PATHS, 'ks-internbudget-2024').dokument!;
    keepParsedTrees(64);
    loadAndCompose(PATHS, 'ks-internbudget-2024');
    const kept = loadAndCompose(PATHS, 'ks-internbudget-2024').dokument!;
    expect(JSON.stringify(kept.block)).toBe(JSON.stringify(fresh.block));
    expect(JSON.stringify(kept.textstycken)).toBe(JSON.stringify(fresh.textstycken));
    expect(kept.diagnostics).toEqual(fresh.diagnostics);
    expect(JSON.stringify(kept.block)).toContain('Planeringsförutsättningar');
  });
});
