import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dokument, Sidreferens } from '../src/core/model/dokument.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { bookmarkName, referencedAnchors } from '../src/render/docx/bookmarks.js';
import { renderDocx } from '../src/render/docx/render-docx.js';
import { pdfPages } from './support/pdf.js';
import { ROOT } from './support/project.js';
import { convertWithLibreOffice } from './support/tools.js';

/**
 * Page references (`{=sida/…}`) in the Word document: a PAGEREF field to a bookmark on the
 * target's heading or caption, which Word fills in when it updates the fields. LibreOffice
 * computes such fields when it converts the document: its PDF shows the page the target is on.
 * The report: test/fixtures/stenvik (references to a table, a goal area and a heading).
 */
const ID = 'stenvik-verksamhetsplan-2027';
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-docx-sidref-'));
let d: Dokument;
let xml: string;
let pages: string[];

beforeAll(async () => {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', 'stenvik')), ID);
  if (!c.dokument) throw new Error(c.diagnostics.map((x) => x.meddelande).join('; '));
  d = c.dokument;
  const bytes = await renderDocx(d);
  writeFileSync(join(dir, `${ID}.docx`), bytes);
  xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')) ?? '';
  convertWithLibreOffice({
    files: [join(dir, `${ID}.docx`)],
    to: 'pdf',
    outDir: dir,
    profile: join(dir, 'lo-profile'),
  });
  pages = pdfPages(join(dir, `${ID}.pdf`));
}, 300_000);

describe('page references in the .docx', () => {
  it('are PAGEREF fields (\\h: a link) to a bookmark that stands once, on the target', () => {
    const anchors = [...referencedAnchors(d.block)];
    expect(anchors.sort()).toEqual(['mal-trygga-gator', 'personal', 'tabell-driftsammandrag']);
    for (const a of anchors) {
      const name = bookmarkName(a);
      expect(xml).toContain(`<w:instrText xml:space="preserve">PAGEREF ${name} \\h</w:instrText>`);
      expect(xml.split(`w:name="${name}"`).length - 1, name).toBe(1);
    }
    // The heading's bookmark holds the heading's text.
    expect(xml).toMatch(
      /<w:bookmarkStart w:name="kr_personal" w:id="\d+"\/><w:r><w:t[^>]*>Personal<\/w:t><\/w:r><w:bookmarkEnd/,
    );
    // No bookmark for a heading nothing refers to.
    expect(xml.match(/w:name="kr_/g)).toHaveLength(3);
  });
  it('show, once the fields are computed (LibreOffice), the page the target stands on', () => {
    const body = pages.join('\n').replace(/\s+/g, ' ');
    const pageOf = (re: RegExp): number =>
      pages.findIndex((p, i) => i > 1 && p.split('\n').some((l) => re.test(l))) + 1;
    const drift = pageOf(/^Tabell 1\. Driftsammandrag/);
    const personal = pageOf(/^Personal$/);
    const goal = pageOf(/^Tabell 2\. Livsmiljö/);
    expect(Math.min(drift, personal, goal)).toBeGreaterThan(1);
    expect(body).toContain(`redovisas i driftsammandraget på sidan ${drift},`);
    expect(body).toContain(`trafiksäkerheten finns på sidan ${goal}.`);
    expect(body).toContain(`rubriken Personal (sidan ${personal}).`);
  });
  it('names a bookmark as Word allows: a letter first, letters, digits and _ only, at most 40 characters', () => {
    for (const a of ['personal', 'tabell-driftsammandrag', 'mål-över-åren', 'x'.repeat(80), `${'x'.repeat(80)}-2`]) {
      expect(bookmarkName(a)).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    }
    expect(bookmarkName('x'.repeat(80))).not.toBe(bookmarkName(`${'x'.repeat(80)}-2`));
    const r: Pick<Sidreferens, 'ankare'> = { ankare: 'mål-över-åren' };
    expect(bookmarkName(r.ankare)).toBe('kr_mal_over_aren');
  });
});
