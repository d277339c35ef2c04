import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../src/load/load-report.js';
import type { Block, Dokument } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { chartTextAlternative } from '../src/render/chart/index.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { useTagging } from '../src/render/pdf/tagging.js';
import { caption } from '../src/render/shared.js';
import { bundled } from './support/lookup.js';
import { contentIds, elements, readTagged, type PdfjsPage, type StructNode } from './support/pdfjs.js';
import { REPORTS, ROOT } from './support/project.js';
import { requireTool } from './support/tools.js';

const FIXTURE = 'norrvik-kulturbudget-2026';
const ALL = [FIXTURE, ...REPORTS];
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-tagged-'));
const docs = new Map<string, Dokument>();
const read = new Map<string, PdfjsPage[]>();
const file = (id: string): string => join(dir, `${id}.pdf`);

beforeAll(async () => {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', 'sidbrott')), FIXTURE);
  docs.set(FIXTURE, c.dokument!);
  for (const id of REPORTS) docs.set(id, bundled(id));
  for (const id of ALL) {
    writeFileSync(file(id), await renderPdf(docs.get(id)!));
    read.set(id, (await readTagged(file(id))).pages);
  }
}, 180_000);

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** An element's text: the runs of its marked content on that page. */
function text(page: PdfjsPage, e: StructNode): string {
  const ids = new Set(contentIds(e));
  return flat(
    page.runs
      .filter((r) => r.mcid && ids.has(r.mcid))
      .map((r) => r.str)
      .join(' '),
  );
}

/** The model's headings in reading order, with the role each must have. */
function modelHeadings(d: Dokument): { role: string; text: string }[] {
  const out = [{ role: 'H1', text: flat(d.titelsida.titel) }];
  const walk = (bs: Block[]): void => {
    for (const b of bs) {
      if (b.typ === 'avsnitt') {
        out.push({ role: `H${Math.min(6, b.nivå)}`, text: flat(b.rubrikText) });
        walk(b.block);
      } else if (b.typ === 'mål' && b.visning === 'målredovisning') {
        for (const n of b.nämndmål) if (n.bedömning) out.push({ role: 'H5', text: flat(n.namn) });
      } else if (b.typ === 'lista') b.punkter.forEach(walk);
    }
  };
  walk(d.block);
  return out;
}

describe('the tagging hooks (src/render/pdf/tagging.ts)', () => {
  it('are installed on pdfmake 0.3.11: LayoutBuilder.buildNextLine and processList, ElementWriter.addFragment, Renderer.renderPages', () => {
    expect(useTagging()).toBe(true);
  });
});

describe.each(ALL)('%s, read back with pdf.js', (id) => {
  it('has a structure tree with the expected roles, and every text run tagged or an artifact', () => {
    const pages = read.get(id)!;
    const roles = new Set(pages.flatMap((p) => elements(p.tree).map((e) => e.role)));
    for (const r of [
      'Document',
      'H1',
      'P',
      'Table',
      'THead',
      'TBody',
      'TR',
      'TH',
      'TD',
      'Caption',
      'L',
      'LI',
      'LBody',
      'Lbl',
      'Link',
      'TOC',
      'TOCI',
    ])
      expect(roles, r).toContain(r);
    pages.forEach((p, i) => {
      expect(p.tree, `sidan ${i + 1}`).not.toBeNull();
      const loose = p.runs.filter((r) => !r.mcid && !r.artifact).map((r) => r.str);
      expect(loose, `sidan ${i + 1}`).toEqual([]);
      // Running header and page number are artifacts.
      if (i > 0) expect(p.runs.some((r) => r.artifact && /^Sida \d+ av \d+$/.test(r.str))).toBe(true);
    });
  });
  it('has every heading of the model as H1–H6 in order', () => {
    const pages = read.get(id)!;
    const found = pages.flatMap((p) =>
      elements(p.tree)
        .filter((e) => /^H[1-6]$/.test(e.role))
        .map((e) => ({ role: e.role, text: text(p, e) })),
    );
    // pdf.js gives a word broken after a hyphen or slash as two runs: compare without spaces.
    const bare = (hs: { role: string; text: string }[]): string[] =>
      hs.map((h) => `${h.role} ${h.text.replace(/\s+/g, '')}`);
    expect(bare(found)).toEqual(bare(modelHeadings(docs.get(id)!)));
  });
  it('has every table with its caption and header cells', () => {
    const pages = read.get(id)!;
    const d = docs.get(id)!;
    const captions = pages.flatMap((p) =>
      elements(p.tree)
        .filter((e) => e.role === 'Caption')
        .map((e) => text(p, e)),
    );
    const expected = [
      ...d.tabeller.map((t) => flat(caption(t))),
      ...d.diagram.map((b) => `Diagram ${b.nummer}. ${flat(b.rubrik)}`),
    ];
    // A caption is a link destination, drawn word by word: pdf.js splits "HR-staben" after the hyphen, so compare without spaces.
    const bare = (s: string): string => s.replace(/\s+/g, '');
    for (const c of expected)
      expect(
        captions.some((x) => bare(x).startsWith(bare(c))),
        c,
      ).toBe(true);
    for (const p of pages)
      for (const t of elements(p.tree).filter((e) => e.role === 'Table')) {
        const kids = (t.children ?? []).filter((k): k is StructNode => 'role' in k).map((k) => k.role);
        expect(kids).toContain('TBody');
      }
    // Every table starts with its header row; TH carry their scope.
    const bytes = readFileSync(file(id)).toString('latin1');
    expect(bytes).toContain('/Scope /Column');
  });
  it('has every chart as a Figure whose alt text is the chart text alternative', () => {
    const pages = read.get(id)!;
    const figures = pages.flatMap((p) => elements(p.tree).filter((e) => e.role === 'Figure'));
    expect(figures.map((f) => f.alt)).toEqual(docs.get(id)!.diagram.map((b) => chartTextAlternative(b)));
  });
});

describe('repeated table heads', () => {
  it('are artifacts after a page break: a screen reader reads a goal once', () => {
    const runs = read
      .get(FIXTURE)!
      .flatMap((p) => p.runs)
      .filter((r) => r.str.includes('Mål 5, ett levande kultur'));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.filter((r) => r.mcid).length).toBe(1);
    expect(runs.filter((r) => r.artifact).length).toBe(runs.length - 1);
  });
});

describe('document-level accessibility', () => {
  it('declares sv-SE, shows the title as the window title, is marked, and identifies as PDF/UA-1', () => {
    const bytes = readFileSync(file('ks-internbudget-2024')).toString('latin1');
    expect(bytes).toContain('/Lang (sv-SE)');
    expect(bytes).toMatch(/\/DisplayDocTitle true/);
    expect(bytes).toMatch(/\/MarkInfo/);
    const meta = execFileSync(requireTool('pdfinfo', 'poppler-utils'), ['-meta', file('ks-internbudget-2024')], {
      encoding: 'utf8',
    });
    expect(meta).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(spawnSync(requireTool('qpdf', 'qpdf'), ['--check', file('ks-internbudget-2024')]).status).toBe(0);
  });
});
