import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/html/render-html.js';
import { bundled } from './support/lookup.js';
import { pdfPages } from './support/pdf.js';
import { CHROMIUM_ARGS, requireTool } from './support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-html-'));
const id = 'ks-internbudget-2024';
let browser: Browser;

beforeAll(async () => {
  writeFileSync(join(dir, `${id}.html`), renderHtml(bundled(id)));
  browser = await chromium.launch({ executablePath: requireTool('chromium', 'chromium'), args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => browser?.close());

describe('the HTML on a phone (390 px)', () => {
  it('never widens the page: wide tables scroll in their own box, charts fit the width', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`file://${join(dir, `${id}.html`)}`);
    const m = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      tables: [...document.querySelectorAll('table')].map((t) => ({
        scroll: t.scrollWidth,
        client: t.clientWidth,
        right: t.getBoundingClientRect().right,
        role: t.getAttribute('role'),
      })),
      charts: [...document.querySelectorAll('figure.diagram svg')].map((s) => s.getBoundingClientRect().width),
    }));
    await page.screenshot({ path: join(dir, 'telefon.png') });
    expect(m.page).toBeLessThanOrEqual(390);
    expect(m.tables.length).toBeGreaterThan(10);
    for (const t of m.tables) expect(t.right).toBeLessThanOrEqual(390);
    // At least the wide tables (eight columns) really scroll inside their box.
    expect(m.tables.some((t) => t.scroll > t.client + 20)).toBe(true);
    expect(m.charts.length).toBeGreaterThan(0);
    for (const w of m.charts) expect(w).toBeLessThanOrEqual(390);
    await page.close();
  });
});

describe('the HTML printed on A4 (Chromium print to PDF)', () => {
  it('has "Sida x av y" and the title in the running header, not on the title page', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${join(dir, `${id}.html`)}`);
    const f = join(dir, 'utskrift.pdf');
    writeFileSync(f, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    await page.close();
    const pages = pdfPages(f);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages[0]).not.toMatch(/Sida 1 av/);
    expect(pages[1]).toContain(`Sida 2 av ${pages.length}`);
    expect(pages[pages.length - 1]).toContain(`Sida ${pages.length} av ${pages.length}`);
    expect(pages[1]).toContain(bundled(id).titelsida.titel);
  });
});
