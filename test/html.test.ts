import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { bundled } from './support/lookup.js';
import { ALL_REPORTS, ROOT } from './support/project.js';
import { CHROMIUM_ARGS, convertWithLibreOffice, requireTool } from './support/tools.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-html-'));
const htmlOf = (id: string): string => renderHtml(bundled(id));
const fileOf = (id: string): string => {
  const f = join(dir, `${id}.html`);
  writeFileSync(f, htmlOf(id));
  return f;
};

describe('HTML content', () => {
  const ib = htmlOf('ks-internbudget-2024');
  it('has one h1, lang="sv", captions and scoped headers', () => {
    expect(ib.match(/<h1[ >]/g)).toHaveLength(1);
    expect(ib).toContain('<html lang="sv">');
    expect(ib).toContain('<caption>Tabell 2. Driftsammandrag');
    expect(ib).toContain('<th scope="col">Budget 2024</th>');
  });
  it('shows a known table cell with Swedish formatting in its row', () => {
    expect(ib).toMatch(
      /<tr class="summa[^"]*"><th scope="row">Summa nämndens internbudget<\/th><td class="tal" data-fakta="driftsammandrag\/summa\/utfall_2022">554,9<\/td>/,
    );
    expect(ib).toContain('data-fakta="vo-kommunledningsstaben/ers_msb_intakt/budget_2024">\u22124\u00a0800</td>');
  });
  it('renders inline references with unit conversion and records their cell', () => {
    expect(ib).toContain('<span class="ref" data-fakta="driftsammandrag/summa/budget_2024">666,8\u00a0mnkr</span>');
    expect(ib).toContain('<span class="ref" data-fakta="vo-kommunstyrelsen/summa/budget_2024">30,2\u00a0mnkr</span>');
  });
  it('keeps "1:a", "S:t", "kl. 10:30", "1:3" and "§ 283" literal', () => {
    const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', 'exempel')), 'exempel-2025');
    const html = renderHtml(c.dokument!);
    expect(html).toContain(
      'kl. 10:30 den 1:a december i S:t Larssalen, där förslaget antogs med röstsiffrorna 1:3 enligt § 283.',
    );
    expect(html).toContain('Nämnden har <span class="ref" data-fakta="antal/nämndmål">2</span> nämndmål');
  });
  it('shows each bedömning in colour and in words, with the legend', () => {
    const dr = htmlOf('ks-delarsrapport-2021-08');
    expect(dr).toContain(
      '<p class="bedomning bedomning-uppfylls-delvis"><span class="symbol" aria-hidden="true">●</span> Bedömning: Uppfylls delvis</p>',
    );
    expect(dr).toContain('aria-label="Färgförklaring för bedömningen"');
    expect(dr.match(/class="bedomning bedomning-/g)!.length).toBe(18 + 4);
  });
  it('is byte-identical when built twice', () => {
    const a = renderHtml(loadAndCompose(projectPaths(ROOT), 'ks-internbudget-2024').dokument!);
    const b = renderHtml(loadAndCompose(projectPaths(ROOT), 'ks-internbudget-2024').dokument!);
    expect(a === b).toBe(true);
  });
});

describe('HTML in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: requireTool('chromium', 'chromium'), args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());

  it.each(ALL_REPORTS)(
    '%s: axe-core finds zero WCAG 2.1 AA violations; a screenshot of the first page is saved',
    async (id) => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1414 } });
      await page.goto(`file://${fileOf(id)}`);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const result = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
                opts: object,
              ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      });
      expect(
        result.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(', ')}`,
        ),
      ).toEqual([]);
      const shots = join(ROOT, 'out', 'screenshots');
      mkdirSync(shots, { recursive: true });
      const png = join(shots, `${id}.png`);
      await page.screenshot({ path: png });
      expect(statSync(png).size).toBeGreaterThan(10_000);
      // The title page is what the first screen shows.
      expect(await page.locator('h1').first().isVisible()).toBe(true);
      await page.close();
    },
  );
});

describe('HTML opened by a word processor', () => {
  it('LibreOffice Writer converts the KS internbudget to .docx with the driftsammandrag as a real table', async () => {
    const src = fileOf('ks-internbudget-2024');
    const out = join(dir, 'docx');
    convertWithLibreOffice({
      files: [src],
      to: 'docx:MS Word 2007 XML',
      outDir: out,
      profile: join(dir, 'lo-profile'),
      timeout: 240_000,
    });
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'ks-internbudget-2024.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    const tables = xml
      .split('<w:tbl>')
      .slice(1)
      .map((t) => t.split('</w:tbl>')[0]!);
    const text = (x: string): string => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    const drift = tables.map(text).find((t) => t.includes('Summa nämndens internbudget'));
    expect(drift).toBeDefined();
    expect(drift).toContain('554,9');
    expect(drift).toContain('666,8');
    expect(drift).toContain('Kommungemensamt');
    // Headings stay headings and lists stay lists.
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(xml).toContain('<w:numPr>');
  });
});
