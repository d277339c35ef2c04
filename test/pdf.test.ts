import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/html/render-html.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { layoutPdf, usePdfSpeedups } from '../src/render/pdf/engine.js';
import { useLineRuns } from '../src/render/pdf/line-runs.js';
import { useBatchedStreamWrites } from '../src/render/pdf/stream-writes.js';
import { useFastStyleLookup } from '../src/render/pdf/style-lookup.js';
import { bundled } from './support/lookup.js';
import { pdfPages, pdfWords } from './support/pdf.js';
import { REPORTS, ROOT } from './support/project.js';
import { requireTool } from './support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-pdf-'));
const file = (id: string): string => join(dir, `${id}.pdf`);

beforeAll(async () => {
  for (const id of REPORTS) writeFileSync(file(id), await renderPdf(bundled(id)));
});

describe('PDF text, read back with pdftotext', () => {
  it('has headings and table figures exactly as formatted, Swedish characters intact', () => {
    const text = pdfPages(file('ks-internbudget-2024'), true).join('\n');
    expect(text).toContain('Kommunövergripande mål');
    expect(text).toContain('Nämndens verksamheter, kostnader och intäkter');
    expect(text).toMatch(/Summa nämndens internbudget\s+554,9\s+618,5\s+666,8\s+673,7\s+680,0\s+677,2\s+678,2\s+679,1/);
    expect(text).toMatch(/- ers MSB intäkt\s+−4 800\s+−4 800/);
    expect(text).toContain('Tabell 2. Driftsammandrag');
    expect(text).toContain('666,8 mnkr');
  });
  it('shows the bedömning in words in the delårsrapport', () => {
    const text = pdfPages(file('ks-delarsrapport-2021-08')).join('\n');
    expect(text).toContain('Bedömning: Uppfylls delvis');
    expect(text.match(/Bedömning: Uppfylls\b(?! delvis)/g)!.length).toBeGreaterThanOrEqual(8);
  });
  it('has no header or footer on the title page, and "Sida x av y" on the others', () => {
    const pages = pdfPages(file('ks-internbudget-2024'));
    expect(pages[0]).not.toContain('Sida 1');
    expect(pages[1]).toContain(`Sida 2 av ${pages.length}`);
    expect(pages[pages.length - 1]).toContain(`Sida ${pages.length} av ${pages.length}`);
    expect(pages[1]!.startsWith('Kommunstyrelsens internbudget för 2024')).toBe(true);
  });
});

describe.each(REPORTS)('%s', (id) => {
  it('every table-of-contents entry names the page its heading lands on', () => {
    const pages = pdfPages(file(id), true);
    const tocStart = pages.findIndex((p) => /^\s*Innehåll\s*$/m.test(p));
    expect(tocStart).toBeGreaterThan(0);
    const entries: { title: string; page: number }[] = [];
    for (const p of pages.slice(tocStart, tocStart + 3)) {
      for (const m of p.matchAll(/^\s*(\S.*?\S)\s{2,}(\d+)\s*$/gm))
        if (!/^Sida /.test(m[1]!)) entries.push({ title: m[1]!, page: Number(m[2]) });
    }
    expect(entries.length).toBeGreaterThan(10);
    const flat = (p: string): string => p.replace(/\s+/g, ' ');
    let previous = 0;
    for (const e of entries) {
      // The named page holds the heading (not just the table of contents), and pages never run backwards.
      const page = pages[e.page - 1] ?? '';
      const body = e.page - 1 === tocStart ? page.slice(page.lastIndexOf(e.title.slice(0, 20))) : page;
      expect(flat(body), `${e.title} på sidan ${e.page}`).toContain(flat(e.title));
      expect(e.page).toBeGreaterThanOrEqual(previous);
      previous = e.page;
    }
  });
  it('passes qpdf --check and has bookmarks for its headings', () => {
    const qpdf = requireTool('qpdf', 'qpdf');
    const r = spawnSync(qpdf, ['--check', file(id)], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors');
    const outlines = JSON.parse(execFileSync(qpdf, ['--json', '--json-key=outlines', file(id)], { encoding: 'utf8' }))
      .outlines as { title: string; kids: unknown[] }[];
    expect(outlines.length).toBeGreaterThan(4);
    expect(outlines.some((o) => o.kids.length > 0)).toBe(true);
  });
  it('carries the metadata and is byte-identical when built twice', async () => {
    const info = execFileSync(requireTool('pdfinfo', 'poppler-utils'), [file(id)], { encoding: 'utf8' });
    const d = bundled(id);
    expect(info).toMatch(new RegExp(`Title:\\s+${d.titelsida.titel.replace(/[()]/g, '.')}`));
    expect(info).toMatch(/Author:\s+Kommunstyrelsen/);
    expect(info).toMatch(/Keywords:\s+Linköpings kommun/);
    expect(info).toContain(`CreationDate:`);
    expect(readFileSync(file(id)).includes(Buffer.from('/Lang (sv-SE)'))).toBe(true);
    const again = await renderPdf(d);
    expect(again.equals(readFileSync(file(id)))).toBe(true);
  });
});

describe('shaping and font tables shared between documents (src/render/pdf/shaping-cache.ts, font-tables.ts)', () => {
  it('a PDF built alone in a fresh process is byte-identical to one built after other reports', () => {
    // beforeAll rendered the förvaltningsbudget last, with the words of the other two already shaped.
    const id = 'vss-forvaltningsbudget-2023';
    const out = mkdtempSync(join(tmpdir(), 'kommunrapport-pdf-alone-'));
    const r = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'src', 'cli', 'main.ts'), 'build', id, '--format', 'pdf', '--out', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const alone = readFileSync(join(out, id, `${id}.pdf`));
    expect(alone.equals(readFileSync(file(id)))).toBe(true);
    // Ligatures keep their letters in the text layer (ToUnicode), whoever shaped the word first.
    expect(pdfPages(file(id)).join('\n')).not.toMatch(/[\uFB01\uFB02]/);
  });
});

describe('speed-ups to pdfmake and pdfkit (src/render/pdf/engine.ts usePdfSpeedups)', () => {
  it("are installed, and each report's PDF is byte-identical to what pdfmake and pdfkit write on their own (line runs aside)", async () => {
    // The patches that can fail to install say so; a missing hook would make this test pass vacuously.
    expect(useFastStyleLookup(true)).toBe(true);
    expect(useBatchedStreamWrites(true)).toBe(true);
    expect(useLineRuns(true)).toBe(true);
    try {
      usePdfSpeedups(false);
      useLineRuns(true);
      for (const id of REPORTS) {
        const own = await renderPdf(bundled(id));
        expect(own.equals(readFileSync(file(id))), id).toBe(true);
      }
    } finally {
      usePdfSpeedups(true);
    }
  });
});

describe('line runs (src/render/pdf/line-runs.ts)', () => {
  it.each(REPORTS)('%s: every word lands where pdfmake alone draws it, in a smaller file', async (id) => {
    let alone: Buffer;
    try {
      useLineRuns(false);
      alone = await renderPdf(bundled(id));
    } finally {
      useLineRuns(true);
    }
    const plain = join(dir, `${id}-utan-radkorningar.pdf`);
    writeFileSync(plain, alone);
    const ours = pdfWords(file(id));
    const theirs = pdfWords(plain);
    expect(ours.length).toBeGreaterThan(5000);
    expect(ours.map((w) => `${w.page} ${w.text}`)).toEqual(theirs.map((w) => `${w.page} ${w.text}`));
    let worst = 0;
    ours.forEach((w, i) => {
      const t = theirs[i]!;
      worst = Math.max(
        worst,
        Math.abs(w.xMin - t.xMin),
        Math.abs(w.xMax - t.xMax),
        Math.abs(w.yMin - t.yMin),
        Math.abs(w.yMax - t.yMax),
      );
    });
    expect(worst).toBeLessThan(0.001);
    // One text object per run of words instead of one per word. (Since the PDF is tagged, both files
    // carry the same structure tree and marked content, so the saving is a smaller share: 15–18 %.)
    expect(readFileSync(file(id)).length).toBeLessThan(alone.length * 0.88);
  });
  it('words with combining marks (offset glyphs) land where pdfmake alone draws them', async () => {
    // Roboto composes e + acute into é, but places an acute over q and a dot under x as offset glyphs.
    const text = 'Vi betalar 1 200 kr per caf\u00e9, q\u0301 och x\u0323 i samma rad som 1 150 kr.';
    const def = {
      content: [
        { text, fontSize: 11 },
        { text: `${text} ${text}`, alignment: 'justify' as const },
      ],
    };
    const qpdf = requireTool('qpdf', 'qpdf');
    const build = async (runs: boolean): Promise<string> => {
      const f = join(dir, `kombinerade-${runs}.pdf`);
      try {
        useLineRuns(runs);
        writeFileSync(f, await layoutPdf(def));
      } finally {
        useLineRuns(true);
      }
      return f;
    };
    const ours = pdfWords(await build(true));
    const theirs = pdfWords(await build(false));
    expect(ours.map((w) => w.text)).toEqual(theirs.map((w) => w.text));
    expect(ours.length).toBeGreaterThan(30);
    ours.forEach((w, i) =>
      expect(Math.abs(w.xMin - theirs[i]!.xMin) + Math.abs(w.yMax - theirs[i]!.yMax)).toBeLessThan(0.001),
    );
    // The offset glyphs were placed by their own Tm inside a run's text object.
    const content = execFileSync(qpdf, ['--qdf', '--object-streams=disable', join(dir, 'kombinerade-true.pdf'), '-'], {
      encoding: 'latin1',
    });
    expect(content.match(/ Tm\n/g)!.length).toBeGreaterThan(content.match(/^BT$/gm)!.length);
  });
});

describe('tables across pages', () => {
  it('a table spanning two pages shows its header row on both', () => {
    const pages = pdfPages(file('ks-internbudget-2024'), true);
    const withRows = pages.filter((p) => p.includes('Specifikation av förändringar'));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) expect(p).toContain('Nettokostnad, belopp mnkr');
  });
});

describe('the model is not changed by rendering', () => {
  it('HTML rendered after the PDF, from the same document, still shows the målredovisning lists', async () => {
    const d = bundled('ks-delarsrapport-2021-08');
    const before = JSON.stringify(d.mål);
    await renderPdf(d);
    expect(JSON.stringify(d.mål)).toBe(before);
    expect(renderHtml(d)).toContain('<h6>Resultat</h6><ul><li>');
  });
});

describe('PDF/A-2a', () => {
  it('--pdfa writes PDF/A-2a identification, the same Info and XMP title, a file id of its own, and still passes qpdf', async () => {
    const id = 'vss-forvaltningsbudget-2023';
    const f = join(dir, 'pdfa.pdf');
    writeFileSync(f, await renderPdf(bundled(id), { pdfa: true }));
    const pdfinfo = requireTool('pdfinfo', 'poppler-utils');
    const meta = execFileSync(pdfinfo, ['-meta', f], { encoding: 'utf8' });
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    const title = bundled(id).titelsida.titel;
    expect(meta).toContain(title);
    expect(execFileSync(pdfinfo, [f], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    expect(spawnSync(requireTool('qpdf', 'qpdf'), ['--check', f]).status).toBe(0);
    const fileId = (p: string): string => /\/ID \[<([0-9a-f]+)>/.exec(readFileSync(p).toString('latin1'))![1]!;
    expect(fileId(f)).not.toBe(fileId(file(id)));
  });
});
