import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../src/check/index.js';
import { TYPED_PAGE } from '../src/check/rules/sidhanvisning/index.js';
import type { Dokument } from '../src/core/model/dokument.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { keepWithNext, type NodeInfo } from '../src/render/pdf/keep-together.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { contentIds, elements, readTagged, type PdfjsPage, type StructNode } from './support/pdfjs.js';
import { ROOT } from './support/project.js';
import { bundled } from './support/lookup.js';
import { requireTool } from './support/tools.js';

/**
 * Issue 18's last PDF defects, on a report written from scratch for this test (test/fixtures/stenvik:
 * Stenviks kommun's tekniska nämnd, a verksamhetsplan): page references to a table, a goal area and
 * a heading; a link; bulleted and numbered lists; a table with footnotes; long goal descriptions.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'stenvik');
const ID = 'stenvik-verksamhetsplan-2027';
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-sidref-'));
const pdf = join(dir, `${ID}.pdf`);
let doc: Dokument;
let pages: string[];
let tagged: PdfjsPage[];

function compose(root = FIXTURE): ReturnType<typeof loadAndCompose> {
  return loadAndCompose(projectPaths(root), ID);
}

/** A copy of the fixture with one text replaced in one narrative file. */
function copyWith(file: string, from: string, to: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kr-stenvik-'));
  cpSync(FIXTURE, root, { recursive: true });
  const p = join(root, 'content', ID, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" finns inte i ${file}`);
  writeFileSync(p, text.replace(from, to));
  return root;
}

beforeAll(async () => {
  const c = compose();
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  doc = c.dokument;
  writeFileSync(pdf, await renderPdf(doc));
  const text = execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-layout', pdf, '-'], { encoding: 'utf8' });
  pages = text.split('\f');
  tagged = (await readTagged(pdf)).pages;
}, 120_000);

/** 1-based pages whose text has a line matching `re` (the table of contents, page 2, left out). */
const pagesWith = (re: RegExp): number[] =>
  pages.flatMap((p, i) => (i > 1 && p.split('\n').some((l) => re.test(l)) ? [i + 1] : []));

describe('page references {=sida/…}', () => {
  it('print the pages where the table, the goal area and the heading stand', () => {
    const body = pages.join('\n').replace(/\s+/g, ' ');
    const drift = pagesWith(/Tabell 1\. Driftsammandrag/);
    const driftEnd = pagesWith(/^\s*Summa\s/);
    expect(drift.length).toBe(1);
    const sidor = (a: number, b: number): string => (a === b ? `på sidan ${a}` : `på sidorna ${a}–${b}`);
    expect(body).toContain(`redovisas i driftsammandraget ${sidor(drift[0]!, driftEnd.at(-1)!)},`);
    // The goal area runs over more than one page: a range, from its caption to its last goal.
    const goalStart = pagesWith(/Tabell 2\. Livsmiljö/)[0]!;
    const goalEnd = pagesWith(/Nämndmål: Nämndmål 6 om/).at(-1)!;
    expect(goalEnd).toBeGreaterThan(goalStart);
    expect(body).toContain(`trafiksäkerheten finns ${sidor(goalStart, goalEnd)}.`);
    // A heading: its own page.
    const personal = pagesWith(/^Personal\s*$/);
    expect(body).toContain(`rubriken Personal (sidan ${personal[0]}).`);
  });
  it('link to their target in the PDF and, without pages, in the HTML', async () => {
    const d = await getDocument({ data: new Uint8Array(readFileSync(pdf)), isEvalSupported: false }).promise;
    const page = await d.getPage(3);
    const annots = (await page.getAnnotations()) as { dest?: unknown; url?: string; contentsObj?: { str: string } }[];
    await d.destroy();
    expect(annots.some((a) => a.dest === 'tabell-driftsammandrag')).toBe(true);
    expect(annots.some((a) => a.dest === 'mal-trygga-gator')).toBe(true);
    const html = renderHtml(doc);
    expect(html).toContain('driftsammandraget <a class="sidref" href="#tabell-driftsammandrag">i tabell 1</a>,');
    expect(html).toContain('id="tabell-driftsammandrag"');
    expect(html).toContain('(<a class="sidref" href="#personal">avsnittet «Personal»</a>)');
  });
  it('to an unknown target is an error in Swedish at its file, line and column', () => {
    const root = copyWith('01-inledning.md', '{=sida/driftsammandrag på}', '{=sida/driftsamandrag på}');
    const fel = compose(root).diagnostics.filter((x) => x.allvarlighet === 'fel');
    expect(fel).toHaveLength(1);
    expect(fel[0]!.meddelande).toContain('sidreferensen {=sida/driftsamandrag} pekar på något som inte finns');
    expect(fel[0]!.plats).toMatchObject({ fil: expect.stringContaining('01-inledning.md'), rad: 7, kolumn: 47 });
  });
  it('a page number typed into the text is a warning suggesting the reference', () => {
    const root = copyWith('01-inledning.md', '{=sida/driftsammandrag på}', 'på sidorna 4-5');
    const d = compose(root).dokument!;
    const fynd = runChecks(d).fynd.filter((f) => f.regel === 'sidhänvisning');
    expect(fynd).toHaveLength(1);
    expect(fynd[0]!.allvarlighet).toBe('varning');
    expect(fynd[0]!.meddelande).toContain('{=sida/');
    expect(fynd[0]!.plats).toMatchObject({ rad: 7, kolumn: 50 });
    // The fixture itself writes references only; "vid sidan av detta" is no page number.
    expect(runChecks(doc).fynd.filter((f) => f.regel === 'sidhänvisning')).toEqual([]);
    expect('Vid sidan av detta, se sid. 12 och sidan 3–4.'.match(TYPED_PAGE)).toEqual(['sid. 12', 'sidan 3–4']);
  });
});

/** An element's text on its page. */
function text(page: PdfjsPage, e: StructNode): string {
  const ids = new Set(contentIds(e));
  return page.runs
    .filter((r) => r.mcid && ids.has(r.mcid))
    .map((r) => r.str)
    .join(' ')
    .trim();
}
const kids = (e: StructNode): StructNode[] => (e.children ?? []).filter((k): k is StructNode => 'role' in k);

describe('link destinations', () => {
  it('a goal area a follow-up shows twice (bedömning, then indicators) is named once: the PDF builds', async () => {
    const d = bundled('norrvik-tertial-2026');
    const twice = d.mål.filter((m) => JSON.stringify(d.block).split(`"id":"${m.id}"`).length > 2);
    expect(twice.length).toBeGreaterThan(0);
    const bytes = (await renderPdf(d)).toString('latin1');
    expect(bytes).toContain(`(mal-${twice[0]!.id})`);
  }, 60_000);
});

describe('tagging of links and lists', () => {
  it('every link is a Link element with an OBJR to its annotation, which has /Contents', async () => {
    const links = tagged.flatMap((p) => elements(p.tree).filter((e) => e.role === 'Link'));
    // Table-of-contents entries, the page references, the URL.
    expect(links.length).toBeGreaterThan(10);
    for (const l of links) expect((l.children ?? []).some((k) => 'type' in k && k.type === 'object')).toBe(true);
    const d = await getDocument({ data: new Uint8Array(readFileSync(pdf)), isEvalSupported: false }).promise;
    for (let i = 1; i <= d.numPages; i++) {
      const annots = (await (await d.getPage(i)).getAnnotations()) as { contentsObj?: { str: string }; url?: string }[];
      for (const a of annots) expect(a.contentsObj?.str, `sidan ${i}`).toMatch(/\S/);
      if (i === 3)
        expect(annots.map((a) => a.contentsObj?.str)).toContain(
          'upphandlingsplanen (https://www.example.org/stenvik/upphandling)',
        );
    }
    await d.destroy();
    // The URL's Link holds the link text.
    const p3 = tagged[2]!;
    expect(
      elements(p3.tree)
        .filter((e) => e.role === 'Link')
        .map((e) => text(p3, e)),
    ).toContain('upphandlingsplanen');
  });
  it('every list item is an LI with the marker as Lbl and the text as LBody', () => {
    const p3 = tagged[2]!;
    const items = elements(p3.tree).filter((e) => e.role === 'LI');
    expect(items).toHaveLength(6);
    for (const li of items) expect(kids(li).map((k) => k.role)).toEqual(['Lbl', 'LBody']);
    const numbered = items.slice(3).map((li) => [text(p3, kids(li)[0]!), text(p3, kids(li)[1]!)]);
    expect(numbered).toEqual([
      ['1.', 'kostnaden per kilometer väg,'],
      ['2.', 'andelen belysningspunkter med LED,'],
      ['3.', 'antalet synpunkter per tusen invånare.'],
    ]);
    // A bullet is drawn, not written: its Lbl holds the drawing's marked content.
    for (const li of items.slice(0, 3)) expect(contentIds(kids(li)[0]!).length).toBe(1);
  });
});

describe("a table's footnotes", () => {
  it('stand on the page of its last row', () => {
    expect(pagesWith(/Hamnen förs över till ett kommunalt bolag/)).toEqual(pagesWith(/^\s*Summa\s/));
  });
  const table = (page: number, top: number): NodeInfo => ({
    table: {},
    pageNumbers: [page],
    startPosition: { top, pageInnerHeight: 720, pageNumber: page },
  });
  const note: NodeInfo = {
    style: 'tabellnot',
    pageNumbers: [4],
    startPosition: { top: 64, pageInnerHeight: 720, pageNumber: 4 },
  };
  const hook = keepWithNext(64);
  const around = (following: NodeInfo[], next: NodeInfo[]) => ({
    getFollowingNodesOnPage: () => following,
    getNodesOnNextPage: () => next,
  });
  it('move the table to the next page when they would start it alone', () => {
    expect(hook(table(3, 400), around([], [note]))).toBe(true);
    // Not when the table starts the page (it cannot fit better on the next), nor when it runs over pages.
    expect(hook(table(3, 64), around([], [note]))).toBe(false);
    expect(hook({ ...table(3, 400), pageNumbers: [3, 4] }, around([], [note]))).toBe(false);
    // In a goal area, only the last table before the notes moves.
    expect(hook(table(3, 300), around([table(3, 500)], [note]))).toBe(false);
    // Notes on the table's own page: nothing to do.
    expect(
      hook(
        table(3, 400),
        around([{ ...note, pageNumbers: [3] }], [{ pageNumbers: [4], startPosition: note.startPosition }]),
      ),
    ).toBe(false);
  });
});
