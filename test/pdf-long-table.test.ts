import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Avsnitt, Block, Dokument } from '../src/core/model/dokument.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { mustHoldBack, notesHeight } from '../src/render/pdf/notes-hold.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { pdfPages } from './support/pdf.js';
import { ROOT } from './support/project.js';

/**
 * A table longer than a page keeps its footnotes with its last rows (src/render/pdf/notes-hold.ts),
 * on a report written from scratch (test/fixtures/hallbo: Hallbo kommun's socialnämnd, a
 * verksamhetsberättelse whose table of home-care costs per district runs over two pages and has
 * three footnotes). Lines of text put before the table move its end down the page, one step at a
 * time, across the place where the notes would otherwise start the next page alone.
 */
const ID = 'hallbo-verksamhetsberattelse-2025';
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-notes-'));
const SHIFTS = [0, 1, 2, 3, 4];
const results = new Map<string, { summa: number; notes: number[]; first: string; rows: number }>();
/** A bulleted list of seven one-line items in Hallbo's "Åtgärder under året", by a word of each. */
const ITEMS = [
  'bemanningspool',
  'förbrukningsmaterial',
  'handläggningstid',
  'tillsyn nattetid',
  'schemaläggning',
  'varje placering',
  'introduktionsprogram',
];
const LIST_SHIFTS = [2, 3, 4, 5, 6, 7, 8];
const listPages = new Map<number, number[]>();
const key = (notes: boolean, k: number): string => `${notes ? 'med' : 'utan'} noter, ${k}`;

/** The report with `k` one-line paragraphs before the long table, and its notes, or none. */
function withLines(d: Dokument, k: number, notes = true, heading = 'Hemtjänst i områdena'): Dokument {
  const copy = structuredClone(d);
  const find = (bs: Block[]): Avsnitt | undefined => {
    for (const b of bs)
      if (b.typ === 'avsnitt') {
        const f = b.rubrikText === heading ? b : find(b.block);
        if (f) return f;
      }
    return undefined;
  };
  const a = find(copy.block);
  if (!a) throw new Error(`rubriken ${heading} saknas`);
  if (!notes) for (const b of a.block) if (b.typ === 'tabell') b.fotnoter = [];
  for (let i = 0; i < k; i++) a.block.unshift({ typ: 'stycke', inl: [{ typ: 'text', text: 'En rad till.' }] });
  return copy;
}

beforeAll(async () => {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', 'hallbo')), ID);
  if (!c.dokument) throw new Error(c.diagnostics.map((x) => x.meddelande).join('; '));
  const t = c.dokument.tabeller.find((x) => x.id === 'hemtjanst')!;
  const summa = t.rader.at(-1)!;
  expect(summa.etikett).toBe('Summa');
  for (const [notes, k] of [true, false].flatMap((n) => SHIFTS.map((k) => [n, k] as const))) {
    const file = join(dir, `${key(notes, k)}.pdf`);
    writeFileSync(file, await renderPdf(withLines(c.dokument, k, notes)));
    const pages = pdfPages(file, true);
    const at = (re: RegExp): number => pages.findIndex((p) => p.split('\n').some((l) => re.test(l)));
    const s = at(/^\s*Summa\s+564,8\s/);
    // The first and the last of its three notes.
    const found = [at(/Området Hamnen fick under hösten/), at(/Avvikelse är utfall minus budget/)];
    const lines = pages[s]!.split('\n').filter((l) => l.trim() !== '');
    // Body lines of the Summa's page: the running header first, the page number last.
    const body = lines.slice(1, -1);
    // Rows of the table on that page: a label and three figures (the repeated head has none).
    const rows = body.filter((l) => /\d,\d\s+−?\d+,\d\s+−?\d+,\d\s*$/.test(l)).length;
    results.set(key(notes, k), { summa: s + 1, notes: found.map((n) => n + 1), first: body[0]!.trim(), rows });
  }
  for (const k of LIST_SHIFTS) {
    const file = join(dir, `lista-${k}.pdf`);
    writeFileSync(file, await renderPdf(withLines(c.dokument, k, true, 'Åtgärder under året')));
    const pages = pdfPages(file, true);
    listPages.set(
      k,
      ITEMS.map((t) => pages.findIndex((p) => p.includes(t)) + 1),
    );
  }
}, 180_000);

describe.each([true, false])('a table longer than a page, with footnotes: %s', (notes) => {
  it('crosses a page end at one of the shifts (the case is exercised)', () => {
    const pages = SHIFTS.map((k) => results.get(key(notes, k))!.summa);
    expect(new Set(pages).size).toBeGreaterThan(1);
  });
  it.each(SHIFTS)('with %i lines before it: its last page holds three rows at least, and its footnotes', (k) => {
    const r = results.get(key(notes, k))!;
    expect(r.rows).toBeGreaterThanOrEqual(3);
    if (!notes) return;
    expect(r.notes).toEqual([r.summa, r.summa]);
    expect(r.first).not.toMatch(/Området Hamnen fick|Stora Mo och Lilla Mo|Avvikelse är utfall/);
  });
});

describe('a list at a page end (a kept run, keep-together.ts)', () => {
  it('crosses a page end at one of the shifts (the case is exercised)', () => {
    expect(new Set(LIST_SHIFTS.map((k) => listPages.get(k)!.at(-1))).size).toBeGreaterThan(1);
  });
  it.each(LIST_SHIFTS)('with %i lines before it: its last page holds three items at least, or all', (k) => {
    const pages = listPages.get(k)!;
    expect(pages.every((p) => p > 0)).toBe(true);
    expect(pages.filter((p) => p === pages.at(-1)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('the hold on a table’s last rows (notes-hold.ts)', () => {
  const page = { pageSize: { height: 841.89 } };
  const ctx = (p: number, available: number) => ({
    page: p,
    availableHeight: available,
    pageMargins: { top: 64, bottom: 58 },
    getCurrentPage: () => page,
  });
  const table = { startPage: 3 };
  const row = (height: number) => ({ height: 12, items: [{ type: 'line', item: { krHold: { height, table } } }] });
  it('refuses a held row where what it holds does not fit below it, on a later page than the table’s start (with notes)', () => {
    expect(mustHoldBack(ctx(4, 30), row(notesHeight(['Kort not.', 'En till.'])))).toBe(true);
    expect(mustHoldBack(ctx(4, 300), row(notesHeight(['Kort not.'])))).toBe(false);
    // On the page the table starts on, keep-together.ts moves the whole table instead.
    expect(mustHoldBack(ctx(3, 30), row(40))).toBe(false);
    // Without notes there is nothing to move whole: the rows hold back on the first page too.
    const alone = {
      height: 12,
      items: [{ type: 'line', item: { krHold: { height: 40, table: { startPage: 3, fromStart: true } } } }],
    };
    expect(mustHoldBack(ctx(3, 30), alone)).toBe(true);
    // Rows without a hold, and holds that would not fit on a fresh page either, go as pdfmake puts them.
    expect(mustHoldBack(ctx(4, 30), { height: 12, items: [{ type: 'line', item: {} }] })).toBe(false);
    expect(mustHoldBack(ctx(4, 30), row(600))).toBe(false);
  });
});
