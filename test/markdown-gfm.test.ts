import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayUseGfm, parseTree } from '../src/narrative/parse-markdown.js';

const ROOT = join(import.meta.dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdownFiles(p) : n.endsWith('.md') ? [p] : [];
  });
}

describe('remark-gfm only where GFM syntax may occur', () => {
  it('every narrative in the repository parses to the same tree as with remark-gfm', () => {
    const files = [...markdownFiles(join(ROOT, 'content')), ...markdownFiles(join(ROOT, 'test', 'fixtures'))];
    expect(files.length).toBeGreaterThan(20);
    let plain = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (!mayUseGfm(text)) plain++;
      expect(parseTree(text), f).toEqual(parseTree(text, { gfm: true }));
    }
    // Most narratives use no GFM: they are what the fast path is for.
    expect(plain).toBeGreaterThan(files.length / 2);
  });

  it('Swedish prose with colons, paragraphs signs, brackets and dashes takes the plain path, to the same tree', () => {
    const text = [
      '# Ekonomi',
      '',
      'Nämnden fick 1:a plats; S:t Lars park öppnar kl. 10:30 och beslutet togs i § 283 (KS 2023-0123).',
      'Kostnaden ökar med 3,2 % – jämfört med 2023 [se bilaga 2] och *enligt plan* [1].',
      '',
      '- en punkt [a]',
      '- en annan, med `kod` och en [länk](https://exempel.se)',
      '',
      '1. första',
      '2. andra',
    ].join('\n');
    // The link's URL has "https://" in it, so this text goes to remark-gfm; without it, the plain path.
    const withoutUrl = text.replace('(https://exempel.se)', '(bilaga.pdf)');
    expect(mayUseGfm(withoutUrl)).toBe(false);
    expect(parseTree(withoutUrl)).toEqual(parseTree(withoutUrl, { gfm: true }));
    expect(mayUseGfm(text)).toBe(true);
  });

  it.each([
    ['a table', '| a | b |\n|---|---|\n| 1 | 2 |\n', '"type":"table"'],
    ['strikethrough', 'Det var ~~fel~~ rätt.\n', '"type":"delete"'],
    ['a task list', '- [ ] att göra\n- [x] klart\n', '"checked":true'],
    ['a footnote', 'Text[^1].\n\n[^1]: Källa.\n', '"type":"footnoteReference"'],
    ['a www autolink', 'Se www.norrvik.se för mer.\n', '"type":"link"'],
    ['an https autolink', 'Se https://norrvik.se/budget för mer.\n', '"type":"link"'],
    ['an e-mail autolink', 'Skriv till ekonomi@norrvik.se.\n', '"type":"link"'],
  ])('%s goes to remark-gfm', (_name, text, mark) => {
    expect(mayUseGfm(text)).toBe(true);
    expect(JSON.stringify(parseTree(text))).toContain(mark);
    expect(parseTree(text)).toEqual(parseTree(text, { gfm: true }));
    // Without remark-gfm the construct would be lost: the detection is what keeps it.
    expect(JSON.stringify(parseTree(text, { gfm: false }))).not.toContain(mark);
  });
});
