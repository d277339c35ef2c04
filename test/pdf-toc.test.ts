import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dokument } from '../src/core/model/dokument.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { keepWithNext, keptRun, type NodeInfo } from '../src/render/pdf/keep-together.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { tocHeadings } from '../src/render/pdf/toc.js';
import { bundled } from './support/lookup.js';
import { pdfPages } from './support/pdf.js';
import { contentIds, elements, readTagged, type PdfjsPage } from './support/pdfjs.js';
import { ALL_REPORTS, ROOT } from './support/project.js';

/**
 * The table of contents the PDF builds itself (src/render/pdf/toc.ts): every entry's page number
 * is the page its heading stands on, and the TOC never leaves its last entry or two alone on a page.
 */
const FIXTURES = {
  'stenvik-verksamhetsplan-2027': 'stenvik',
  'hallbo-verksamhetsberattelse-2025': 'hallbo',
} as const;
const ALL = [...ALL_REPORTS, ...Object.keys(FIXTURES)];
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-toc-'));
const docs = new Map<string, Dokument>();
const pages = new Map<string, string[]>();
const tagged = new Map<string, PdfjsPage[]>();

function fixture(id: keyof typeof FIXTURES): Dokument {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', FIXTURES[id])), id);
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  return c.dokument;
}

beforeAll(async () => {
  for (const id of ALL) {
    const d = id in FIXTURES ? fixture(id as keyof typeof FIXTURES) : bundled(id);
    docs.set(id, d);
    const file = join(dir, `${id}.pdf`);
    writeFileSync(file, await renderPdf(d));
    pages.set(id, pdfPages(file, true));
    tagged.set(id, (await readTagged(file)).pages);
  }
}, 180_000);

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
/** A table-of-contents line: the heading's text, a gap, its page number at the right. */
const ENTRY = /^\s*(\S.*?)\s{2,}(\d+)\s*$/;

interface Entry {
  title: string;
  page: number;
  /** 1-based page of the table of contents the entry is printed on. */
  on: number;
}

/** The entries as printed, from the page headed "Innehåll" on, in the order of the model's headings. */
function printed(ps: string[], titles: string[]): Entry[] {
  const start = ps.findIndex((p) => p.split('\n').some((l) => l.trim() === 'Innehåll'));
  expect(start, 'sidan med Innehåll').toBeGreaterThanOrEqual(0);
  const out: Entry[] = [];
  let i = start;
  for (const title of titles) {
    // A long heading may wrap in the contents: its last line holds the number.
    for (; i < ps.length && out.length < titles.length; i++) {
      const lines = ps[i]!.split('\n');
      const found = lines.findIndex((l, k) => {
        const m = ENTRY.exec(l);
        if (!m) return false;
        const joined = squash(`${lines[k - 1] ?? ''} ${m[1]}`);
        return squash(m[1]!) === squash(title) || joined.endsWith(squash(title));
      });
      if (found < 0) continue;
      out.push({ title, page: Number(ENTRY.exec(lines[found]!)![2]), on: i + 1 });
      // The next entry is on this page or a later one.
      ps = ps.map((p, k) => (k === i ? lines.slice(found + 1).join('\n') : p));
      break;
    }
  }
  return out;
}

/** The 1-based pages on which a line, or two lines (a long heading wraps), read exactly `title`, outside the contents' pages. */
function headingPages(ps: string[], title: string, skip: Set<number>): number[] {
  const t = squash(title);
  return ps.flatMap((p, i) => {
    const lines = p.split('\n');
    const has = lines.some((l, k) => squash(l) === t || squash(`${l} ${lines[k + 1] ?? ''}`) === t);
    return !skip.has(i + 1) && has ? [i + 1] : [];
  });
}

describe.each(ALL)('%s: the table of contents', (id) => {
  it('lists every heading with the page it stands on', () => {
    const d = docs.get(id)!;
    const ps = pages.get(id)!;
    const headings = tocHeadings(d.block);
    expect(headings.length).toBeGreaterThan(3);
    const entries = printed(
      ps,
      headings.map((h) => h.rubrikText),
    );
    expect(entries.map((e) => e.title)).toEqual(headings.map((h) => h.rubrikText));
    const tocPages = new Set(entries.map((e) => e.on));
    // Headings of one text (two "Ekonomi") are matched in order: each entry's page is the first such heading page at or after the previous entry's.
    let last = 0;
    for (const e of entries) {
      const at = headingPages(ps, e.title, tocPages).filter((p) => p >= last);
      expect(at, `«${e.title}»`).toContain(e.page);
      expect(e.page, `«${e.title}»`).toBeGreaterThanOrEqual(last);
      last = e.page;
    }
  });
  it('is tagged TOC > TOCI, one per entry, each reading its heading and page number through Link elements', () => {
    const d = docs.get(id)!;
    const entries = printed(
      pages.get(id)!,
      tocHeadings(d.block).map((h) => h.rubrikText),
    );
    const read: string[] = [];
    for (const p of tagged.get(id)!)
      for (const toci of elements(p.tree).filter((e) => e.role === 'TOCI')) {
        const ids = new Set(contentIds(toci));
        // Runs break after "/" too: compared without spaces.
        const runs = p.runs.filter((r) => r.mcid && ids.has(r.mcid)).map((r) => r.str);
        read.push(runs.join('').replace(/\s+/g, ''));
        expect(elements(toci).filter((e) => e.role === 'Link')).toHaveLength(2);
      }
    expect(read).toEqual(entries.map((e) => `${e.title}${e.page}`.replace(/\s+/g, '')));
  });
  it('leaves no entry (nor two) alone on a page', () => {
    const d = docs.get(id)!;
    const entries = printed(
      pages.get(id)!,
      tocHeadings(d.block).map((h) => h.rubrikText),
    );
    const perPage = new Map<number, number>();
    for (const e of entries) perPage.set(e.on, (perPage.get(e.on) ?? 0) + 1);
    for (const [p, n] of perPage) expect(n, `sidan ${p}`).toBeGreaterThanOrEqual(3);
  });
});

describe('a run of kept blocks (keep-together.ts)', () => {
  const hook = keepWithNext(64);
  const at = (nr: number, antal: number, page: number): NodeInfo => ({
    table: { body: [], ...keptRun('toc', nr, antal) },
    pageNumbers: [page],
    startPosition: { top: 700, pageInnerHeight: 720, pageNumber: page },
  });
  const ask = (node: NodeInfo, next: NodeInfo[]): boolean =>
    hook(node, { getFollowingNodesOnPage: () => [], getNodesOnNextPage: () => next });
  it('moves the third-last member when the last one or two stand alone on the next page', () => {
    expect(ask(at(7, 10, 5), [at(9, 10, 6)])).toBe(true);
    expect(ask(at(7, 10, 5), [at(8, 10, 6), at(9, 10, 6)])).toBe(true);
  });
  it('moves nothing when three or more go on, when the run goes on past the next page, or for another member', () => {
    expect(ask(at(6, 10, 5), [at(7, 10, 6), at(8, 10, 6), at(9, 10, 6)])).toBe(false);
    expect(ask(at(7, 10, 5), [at(8, 10, 6)])).toBe(false);
    expect(ask(at(6, 10, 5), [at(9, 10, 6)])).toBe(false);
    expect(ask(at(7, 10, 5), [])).toBe(false);
    // A run of three or fewer: its first member stays under its heading.
    expect(ask(at(0, 3, 5), [at(2, 3, 6)])).toBe(false);
  });
  it('reads a list item’s membership from its style object (blocks.ts marks each list’s items)', () => {
    const item = (nr: number, antal: number, page: number): NodeInfo => ({
      style: keptRun('lista-1', nr, antal),
      pageNumbers: [page],
      startPosition: { top: 700, pageInnerHeight: 720, pageNumber: page },
    });
    expect(ask(item(3, 6, 5), [item(5, 6, 6)])).toBe(true);
    expect(ask(item(3, 6, 5), [item(4, 6, 6), item(5, 6, 6)])).toBe(true);
    // Another list's items are another run.
    expect(ask(item(3, 6, 5), [at(4, 6, 6), at(5, 6, 6)])).toBe(false);
  });
});
