import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../src/load/load-report.js';
import type { Block, Dokument } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { chartCaption } from '../src/render/chart/index.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { layoutPdf, layoutPdfPages } from '../src/render/pdf/engine.js';
import { keepWithNext } from '../src/render/pdf/keep-together.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { verifyLayout } from '../src/render/pdf/verify.js';
import { useBatchedPageBreaks, useStreamedLayout } from '../src/render/pdf/page-break-passes.js';
import { caption } from '../src/render/shared.js';
import { bundled } from './support/lookup.js';
import { countCalls } from './support/count-calls.js';
import { pdfPages, pdfWords, type WordBox } from './support/pdf.js';
import { REPORTS, ROOT } from './support/project.js';

/** A report of a fictional kommun written to provoke page-end cases: 24 sections of varying length, goals with long descriptions, markers in number columns, a page break before a chapter. */
const FIXTURE = 'norrvik-kulturbudget-2026';
const fixture = (): Dokument => {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', 'sidbrott')), FIXTURE);
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  return c.dokument;
};

/** Reports written from scratch for other tests (their own folders under test/fixtures), read here for page-end defects too. */
const OWN: Record<string, string> = {
  'stenvik-verksamhetsplan-2027': 'stenvik',
  'hallbo-verksamhetsberattelse-2025': 'hallbo',
};
const own = (id: string): Dokument => {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', OWN[id]!)), id);
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  return c.dokument;
};

const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-layout-'));
const ALL = [FIXTURE, ...REPORTS, ...Object.keys(OWN)];
const docs = new Map<string, Dokument>();
const file = (id: string): string => join(dir, `${id}.pdf`);

beforeAll(async () => {
  docs.set(FIXTURE, fixture());
  for (const id of REPORTS) docs.set(id, bundled(id));
  for (const id of Object.keys(OWN)) docs.set(id, own(id));
  for (const id of ALL) writeFileSync(file(id), await renderPdf(docs.get(id)!));
}, 180_000);

// A4 and the margins of render-pdf.ts: the text area every body word must lie in.
const PAGE = { height: 841.89, width: 595.28, top: 64, bottom: 58, left: 57, right: 57 };
const inBody = (w: WordBox): boolean => w.yMin >= PAGE.top - 1 && w.yMax <= PAGE.height - PAGE.bottom + 1;

/** Body lines of a page, top to bottom: words whose tops are within 2 pt make one line. */
function bodyLines(words: WordBox[], page: number): string[] {
  const ws = words.filter((w) => w.page === page && inBody(w));
  const lines: { y: number; words: WordBox[] }[] = [];
  for (const w of ws) {
    const l = lines.find((x) => Math.abs(x.y - w.yMin) < 2);
    if (l) l.words.push(w);
    else lines.push({ y: w.yMin, words: [w] });
  }
  return lines
    .sort((a, b) => a.y - b.y)
    .map((l) =>
      l.words
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(' '),
    );
}

/** Every heading and caption of the model, as printed. */
function headings(d: Dokument): string[] {
  const out: string[] = [];
  const walk = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.typ === 'avsnitt') {
        out.push(b.rubrikText);
        walk(b.block);
      } else if (b.typ === 'tabell' || b.typ === 'mål' || b.typ === 'uppdrag') out.push(caption(b));
      else if (b.typ === 'diagram') out.push(chartCaption(b));
    }
  };
  walk(d.block);
  return out.map((h) => h.replace(/\s+/g, ' '));
}

describe.each(ALL)('%s, read back with pdftotext -bbox', (id) => {
  it('has no heading or caption last on a page, no blank page and no page with a single line ', () => {
    const words = pdfWords(file(id));
    const pages = Math.max(...words.map((w) => w.page)) + 1;
    const hs = headings(docs.get(id)!);
    const defects: string[] = [];
    for (let p = 1; p < pages; p++) {
      const lines = bodyLines(words, p);
      if (lines.length <= 1) {
        defects.push(`sidan ${p + 1}: ${lines.length} rader`);
        continue;
      }
      const last = lines[lines.length - 1]!.replace(/\s+/g, ' ');
      if (hs.some((h) => h.endsWith(last))) defects.push(`sidan ${p + 1} slutar med rubriken «${last}»`);
    }
    expect(defects).toEqual([]);
  });
  it('has every word inside the page, and all body text inside the text area', () => {
    const words = pdfWords(file(id));
    for (const w of words) {
      expect(w.yMax, `${w.text} på sidan ${w.page + 1}`).toBeLessThanOrEqual(PAGE.height);
      expect(w.xMax, `${w.text} på sidan ${w.page + 1}`).toBeLessThanOrEqual(PAGE.width - PAGE.right + 1);
      expect(w.xMin, `${w.text} på sidan ${w.page + 1}`).toBeGreaterThanOrEqual(PAGE.left - 1);
      // Outside the text area only the running header and the page number.
      if (!inBody(w) && w.page > 0)
        expect(
          w.yMax < PAGE.top || /^(Sida|\d+|av)$/.test(w.text) || w.yMin > PAGE.height - PAGE.bottom,
          `${w.text} på sidan ${w.page + 1}`,
        ).toBe(true);
    }
  });
});

describe('the fixture of page-end cases', () => {
  it('prints every goal description to its last word, and the goal again on a page its table continues on', () => {
    const text = pdfPages(file(FIXTURE)).join('\n').replace(/\s+/g, ' ');
    const d = docs.get(FIXTURE)!;
    for (const m of d.mål)
      for (const n of m.nämndmål) expect(text).toContain(n.beskrivning!.replace(/\s+/g, ' ').slice(-80));
  });
  it('repeats a goal with its column heads on every page its indicators run over', () => {
    const pages = pdfPages(file(FIXTURE));
    const goal = 'Förvaltningsmål: Mål 5, ett levande kultur- och fritidsliv i hela Norrvik';
    const on = pages.map((p, i) => (p.includes(goal) ? i : -1)).filter((i) => i >= 0);
    expect(on.length).toBeGreaterThanOrEqual(2);
    on.slice(1).forEach((p, k) => expect(p).toBe(on[k]! + 1));
    // On a continuation page the column heads and the goal come first.
    const words = pdfWords(file(FIXTURE));
    for (const p of on.slice(1)) {
      const body = words.filter((w) => w.page === p && inBody(w));
      const top = Math.min(...body.map((w) => w.yMin));
      expect(body.filter((w) => w.yMin < top + 2).map((w) => w.text)).toContain('Förvaltningsindikator');
    }
  });
  it('stands markers right in number columns, aligned with the figures', () => {
    const words = pdfWords(file(FIXTURE));
    // The label's row in the table: the occurrence with three cells after it.
    const row = (label: string): WordBox[] =>
      words
        .filter((w) => w.text === label)
        .map((l) =>
          words
            .filter((w) => w.page === l.page && Math.abs(w.yMin - l.yMin) < 2 && w.xMin > l.xMin)
            .sort((a, b) => a.xMin - b.xMin),
        )
        .find((r) => r.length === 3)!;
    const figures = row('Bibliotek').slice(-3);
    const simhall = row('Tärnan').slice(-3);
    const musik = row('Musikskolan').slice(-3);
    expect(simhall[0]!.text).toBe('I.U.');
    expect(musik[1]!.text).toBe('-');
    expect(Math.abs(simhall[0]!.xMax - figures[0]!.xMax)).toBeLessThan(0.5);
    expect(Math.abs(musik[1]!.xMax - figures[1]!.xMax)).toBeLessThan(0.5);
  });
  it('prints a minus typed in the narrative as U+2212, in the PDF and the HTML, and leaves ranges alone', () => {
    expect(pdfPages(file(FIXTURE)).join('\n')).toContain('\u22121,5 mnkr');
    const html = renderHtml(docs.get(FIXTURE)!);
    expect(html).toContain('\u22121,5 mnkr');
    expect(html).toContain('2027–2028');
  });
});

describe('the build verifies its own PDF (src/render/pdf/verify.ts)', () => {
  it('fails, naming the block, where a cell spanning rows runs past the page end as the old goal tables did', async () => {
    const long = Array.from(
      { length: 90 },
      (_, i) => `mening${i} om målet och hur förvaltningen följer upp det varje år.`,
    ).join(' ');
    const def = {
      pageSize: 'A4' as const,
      pageMargins: [57, 64, 57, 58] as [number, number, number, number],
      content: [
        { text: 'Fyllnad '.repeat(600) },
        {
          table: {
            dontBreakRows: true,
            widths: [95, '*'],
            body: [
              [{ text: long, rowSpan: 2 }, 'Indikator A'],
              [{}, 'Indikator B'],
            ],
          },
        },
      ],
    };
    const { pages } = await layoutPdfPages(def);
    const problems = verifyLayout(pages, [{ namn: 'målet «Lång beskrivning»', ord: long.split(' ') }]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(
      /målet «Lång beskrivning»: ordet «mening\d+|går utanför textytan|utanför sidan/,
    );
  });
  it('passes when every word is there, and fails when a word of the model is not', async () => {
    const { pages } = await layoutPdfPages({ content: [{ text: 'Nämnden har tre mål för 2026.' }] });
    expect(verifyLayout(pages, [{ namn: 'stycket', ord: ['Nämnden', 'har', 'tre', 'mål', 'för', '2026.'] }])).toEqual(
      [],
    );
    expect(verifyLayout(pages, [{ namn: 'stycket «Nämnden har»', ord: ['Nämnden', 'har', 'fyra', 'mål'] }])).toEqual([
      'stycket «Nämnden har»: ordet «fyra» (ord 3 av 4) syns inte i PDF:ens textyta efter «har» på sidan 1',
    ]);
  });
});

describe('chart text from the facts', () => {
  it("quotes the table's own sum row, never a recomputed total that contradicts it", () => {
    const text = pdfPages(file('ks-internbudget-2024')).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(
      'Totalt enligt tabellens rad Summa nämndens internbudget: 554,9 mnkr för Utfall 2022, 618,5 mnkr för Budget 2023 och 666,8 mnkr för Budget 2024.',
    );
    expect(text).not.toContain('666,9');
  });
});

describe('page breaks decided in one layout (src/render/pdf/layout-stream.ts, page-break-passes.ts)', () => {
  /** Full layouts pdfmake's LayoutBuilder.tryLayoutDocument made while `f` ran. */
  const layouts = <T>(f: () => Promise<T>): Promise<{ result: T; count: number }> =>
    countCalls('LayoutBuilder.js', 'tryLayoutDocument', f);

  it('replaces pdfmake 0.3.11 LayoutBuilder.layoutDocument, and gives the same bytes as pdfmake asking one break per layout', async () => {
    expect(useBatchedPageBreaks(true)).toBe(true);
    for (const id of ALL) {
      const streamed = readFileSync(file(id));
      let own: { result: Buffer; count: number };
      let rounds: { result: Buffer; count: number };
      try {
        useBatchedPageBreaks(false);
        own = await layouts(() => renderPdf(docs.get(id)!));
        useBatchedPageBreaks(true);
        useStreamedLayout(false);
        rounds = await layouts(() => renderPdf(docs.get(id)!));
      } finally {
        useBatchedPageBreaks(true);
        useStreamedLayout(true);
      }
      expect(own.result.equals(streamed), id).toBe(true);
      expect(rounds.result.equals(streamed), id).toBe(true);
      // pdfmake laid the document out once per break and once more; the rounds, once per break per part.
      expect(own.count, id).toBeGreaterThanOrEqual(rounds.count);
      if (id === 'ks-internbudget-2024') expect(rounds.count, id).toBeGreaterThan(2);
    }
  }, 240_000);

  it("gives the pages of pdfmake's own rounds on a long part with many breaks (no chapter starts a page)", async () => {
    // A report of a fictional kommun's 200 verksamheter in one chapter: a heading, one to nine
    // lines of text, now and then a caption, a table and its footnote: dozens of breaks the hook
    // asks for one after another in the same part.
    const build = (): unknown[] => {
      const content: unknown[] = [];
      for (let i = 0; i < 200; i++) {
        content.push({ text: `Verksamhet ${i + 1}`, style: 'h2', headlineLevel: 2 });
        const words = 12 + ((i * 37) % 90);
        content.push({
          text: Array.from({ length: words }, (_, w) => (w % 7 === 0 ? `${(i * w) % 97} tkr` : 'budget')).join(' '),
          style: 'p',
        });
        if (i % 3 === 0) {
          content.push({ text: `Tabell ${i / 3 + 1}. Nettokostnad`, style: 'caption', headlineLevel: 7 });
          content.push({
            // Shaded head and rows: pdfmake draws cell fills at the start of the page's items.
            layout: { fillColor: (row: number) => (row === 0 ? '#e8eef4' : row % 2 ? '#f4f6f8' : null) },
            table: {
              headerRows: 1,
              widths: ['*', 60, 60],
              body: [
                ['Post', 'Budget', 'Utfall'],
                ...Array.from({ length: 3 + (i % 5) }, (_, r) => [`Rad ${r + 1}`, `${r * 11 + i}`, `${r * 13 + i}`]),
              ],
            },
          });
          content.push({ text: 'Not: belopp i tkr.', style: 'tabellnot' });
        }
      }
      return content;
    };
    const def = (): TDocumentDefinitions => ({
      info: { creationDate: new Date(0) },
      pageMargins: [57, 70, 57, 60],
      content: build() as TDocumentDefinitions['content'],
      styles: { h2: { fontSize: 14, bold: true, margin: [0, 12, 0, 4] }, p: { margin: [0, 0, 0, 6] } },
      pageBreakBefore: keepWithNext(70) as unknown as TDocumentDefinitions['pageBreakBefore'],
    });
    let own: { result: Buffer; count: number };
    try {
      useBatchedPageBreaks(false);
      own = await layouts(() => layoutPdf(def() as Parameters<typeof layoutPdf>[0]));
    } finally {
      useBatchedPageBreaks(true);
    }
    const streamed = await layouts(() => layoutPdf(def() as Parameters<typeof layoutPdf>[0]));
    expect(own.count).toBeGreaterThan(10);
    expect(streamed.count).toBe(0);
    expect(streamed.result.equals(own.result)).toBe(true);
  }, 240_000);

  it('lays a document out once, going back only as far as the block a break moves', async () => {
    const { result, count } = await layouts(() => renderPdf(docs.get('ks-internbudget-2024')!));
    expect(count).toBe(0);
    expect(result.equals(readFileSync(file('ks-internbudget-2024')))).toBe(true);
  }, 120_000);
});
