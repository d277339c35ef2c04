import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../src/load/load-report.js';
import { Paragraph, TextRun } from 'docx';
import type { Block, Dokument, Inline } from '../src/core/model/dokument.js';
import { item, sections } from '../src/render/docx/flow.js';
import { planFootnotes } from '../src/render/docx/footnotes.js';
import { loadAndCompose } from '../src/pipeline.js';
import { chartTextAlternative } from '../src/render/chart/index.js';
import { renderDocx } from '../src/render/docx/render-docx.js';
import { fitColumns } from '../src/render/docx/grid.js';
import { textWidth } from '../src/render/docx/page.js';
import { factCell } from '../src/render/shared.js';
import { bundled } from './support/lookup.js';
import { pdfPages } from './support/pdf.js';
import { REPORTS, ROOT } from './support/project.js';
import { convertWithLibreOffice, requireTool } from './support/tools.js';

/** A fictional kommun's delårsrapport written for this test: a 13-column table and a chart. */
const NORRBY = 'norrby-delar-2025-08';
function norrby(): Dokument {
  const c = loadAndCompose(projectPaths(join(ROOT, 'test', 'fixtures', 'norrby')), NORRBY);
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  return c.dokument;
}
const ALL = [...REPORTS, NORRBY] as const;
const doc = (id: string): Dokument => (id === NORRBY ? norrby() : bundled(id));

interface Parts {
  document: string;
  styles: string;
  settings: string;
  core: string;
  footnotes: string;
  numbering: string;
  footers: string[];
  headers: string[];
  zip: JSZip;
}
const parts = new Map<string, Parts>();
const bytes = new Map<string, Buffer>();
const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-docx-'));

beforeAll(async () => {
  for (const id of ALL) {
    const b = await renderDocx(doc(id));
    bytes.set(id, b);
    writeFileSync(join(dir, `${id}.docx`), b);
    const zip = await JSZip.loadAsync(b);
    const text = async (n: string): Promise<string> => (await zip.file(n)?.async('string')) ?? '';
    const named = (re: RegExp): Promise<string[]> =>
      Promise.all(
        Object.keys(zip.files)
          .filter((n) => re.test(n))
          .map(text),
      );
    parts.set(id, {
      document: await text('word/document.xml'),
      styles: await text('word/styles.xml'),
      settings: await text('word/settings.xml'),
      core: await text('docProps/core.xml'),
      footnotes: await text('word/footnotes.xml'),
      numbering: await text('word/numbering.xml'),
      footers: await named(/^word\/footer\d*\.xml$/),
      headers: await named(/^word\/header\d*\.xml$/),
      zip,
    });
  }
}, 120_000);

const p = (id: string): Parts => parts.get(id)!;
/** Every paragraph of the body, with its properties and its text. */
const paragraphs = (xml: string): { props: string; text: string }[] =>
  [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map((m) => {
    const inner = m[1] ?? m[2] ?? '';
    return {
      props: /<w:pPr>(.*?)<\/w:pPr>/.exec(inner)?.[1] ?? '',
      text: [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    };
  });
const unescape = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** How many Word tables the document should hold: data tables, indicator tables, uppdrag status tables, charts' data. */
function tableBlocks(d: Dokument): number {
  const count = (bs: Block[]): number =>
    bs.reduce((n, b) => {
      if (b.typ === 'avsnitt') return n + count(b.block);
      if (b.typ === 'lista') return n + b.punkter.reduce((k, p) => k + count(p), 0);
      const table =
        b.typ === 'tabell' ||
        b.typ === 'diagram' ||
        (b.typ === 'mål' && b.visning === 'indikatorer') ||
        (b.typ === 'uppdrag' && b.medStatus);
      return n + (table ? 1 : 0);
    }, 0);
  return count(d.block);
}

/** Each table with its grid widths and the text width of the section it stands in. */
function tablesWithSections(
  xml: string,
): { grid: number[]; tblW: number; textWidth: number; landscape: boolean; xml: string }[] {
  const out: { grid: number[]; tblW: number; textWidth: number; landscape: boolean; xml: string }[] = [];
  const pending: { grid: number[]; tblW: number; xml: string }[] = [];
  for (const m of xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>|<w:sectPr\b(.*?)<\/w:sectPr>/g)) {
    if (m[1] !== undefined) {
      pending.push({
        grid: [...m[1].matchAll(/<w:gridCol w:w="(\d+)"/g)].map((g) => Number(g[1])),
        tblW: Number(
          /<w:tblW w:type="dxa" w:w="(\d+)"|<w:tblW w:w="(\d+)" w:type="dxa"/.exec(m[1])?.slice(1).find(Boolean),
        ),
        xml: m[1],
      });
      continue;
    }
    const s = m[2]!;
    const w = Number(/<w:pgSz [^>]*w:w="(\d+)"/.exec(s)![1]);
    const left = Number(/<w:pgMar [^>]*w:left="(\d+)"/.exec(s)![1]);
    const right = Number(/<w:pgMar [^>]*w:right="(\d+)"/.exec(s)![1]);
    const landscape = /w:orient="landscape"/.test(s);
    for (const t of pending.splice(0)) out.push({ ...t, textWidth: w - left - right, landscape });
  }
  expect(pending).toEqual([]);
  return out;
}

describe('Word document structure', () => {
  it.each(ALL)(
    "%s: Word's own Heading 1–3 styles, a TOC field for Heading 1–2 that Word updates on opening, A4 pages",
    (id) => {
      const { document, styles, settings } = p(id);
      for (const h of ['Heading1', 'Heading2']) {
        expect(styles).toContain(`w:styleId="${h}"`);
        expect(document).toContain(`<w:pStyle w:val="${h}"/>`);
      }
      expect(styles).toMatch(/w:styleId="Heading1".*?<w:outlineLvl w:val="0"\/>/);
      const chapters = doc(id)
        .block.filter((b) => b.typ === 'avsnitt' && b.nivå === 2)
        .map((b) => (b.typ === 'avsnitt' ? b.rubrikText : ''));
      const h1 = paragraphs(document)
        .filter((x) => x.props.includes('<w:pStyle w:val="Heading1"/>'))
        .map((x) => unescape(x.text));
      expect(h1).toEqual(chapters);
      // The TOC field is written dirty, with its entries from the headings; Word updates it on opening.
      expect(document).toContain(
        '<w:fldChar w:fldCharType="begin" w:dirty="true"/><w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;</w:instrText>',
      );
      expect(settings).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
      expect(
        [...document.matchAll(/<w:pgSz [^>]*\/>/g)].every(
          (m) => /w:w="(11906|16838)"/.test(m[0]) && /w:h="(16838|11906)"/.test(m[0]),
        ),
      ).toBe(true);
    },
  );

  it.each(ALL)('%s: the table of contents lists the chapters and sections the HTML and PDF list, in order', (id) => {
    const expected: string[] = [];
    const walk = (bs: Block[]): void => {
      for (const b of bs)
        if (b.typ === 'avsnitt') {
          if (b.iInnehåll && b.nivå <= 3) expected.push(b.rubrikText);
          walk(b.block);
        }
    };
    walk(doc(id).block);
    const entries = paragraphs(p(id).document)
      .filter((x) => /<w:pStyle w:val="TOC[12]"\/>/.test(x.props))
      .map((x) => unescape(x.text));
    expect(entries).toEqual(expected);
  });

  it.each(ALL)('%s: every table repeats its header row, and no table is wider than the text area of its page', (id) => {
    const tables = tablesWithSections(p(id).document);
    expect(tables.length).toBe(tableBlocks(doc(id)));
    for (const t of tables) {
      expect(t.xml).toMatch(/^.*?<w:tr>.*?<w:trPr>(?:(?!<\/w:trPr>).)*<w:tblHeader\/>/);
      const sum = t.grid.reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(t.textWidth);
      expect(t.tblW).toBe(sum);
    }
  });

  it.each(ALL)('%s: every number of every table is in a right-aligned cell, as published', (id) => {
    const d = doc(id);
    const right = new Map<string, number>();
    for (const x of paragraphs(p(id).document))
      if (x.props.includes('<w:jc w:val="right"/>'))
        right.set(unescape(x.text), (right.get(unescape(x.text)) ?? 0) + 1);
    let numbers = 0;
    for (const t of d.tabeller) {
      if (t.typ !== 'tabell') continue;
      for (const r of t.rader) {
        for (const id2 of r.celler) {
          const f = factCell(d, id2);
          if (!f.numeric) continue;
          numbers++;
          expect(right.has(f.text + (f.fotnot ?? '')), `${id2}: ${f.text}`).toBe(true);
        }
      }
    }
    expect(numbers).toBeGreaterThan(10);
  });

  it('the driftsammandrag summa row is bold, a varav row italic', () => {
    const rows = p('ks-internbudget-2024')
      .document.split('<w:tr>')
      .map((r) => r);
    const summa = rows.find((r) => r.includes('Summa nämndens internbudget') && r.includes('666,8'))!;
    expect(summa).toBeDefined();
    expect([...summa.matchAll(/<w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t[^>]*>666,8<\/w:t>/g)][0]?.[1]).toContain('<w:b/>');
    const varav = rows.find((r) => r.includes('>varav intäkter<') && r.includes('52,2'))!;
    expect(/<w:r><w:rPr>(.*?)<\/w:rPr><w:t[^>]*>52,2<\/w:t>/.exec(varav)?.[1]).toContain('<w:i/>');
  });

  it.each(ALL)(
    '%s: Swedish everywhere (w:lang sv-SE in the defaults, no other language), properties from the data, no wall-clock date',
    async (id) => {
      const { styles, document, core, zip } = p(id);
      const d = doc(id);
      expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr>.*?<w:lang w:val="sv-SE"[^>]*\/>.*?<\/w:rPrDefault>/);
      const langs = new Set([...`${styles}${document}`.matchAll(/<w:lang w:val="([^"]+)"/g)].map((m) => m[1]));
      expect([...langs]).toEqual(['sv-SE']);
      expect(core).toContain(`<dc:title>${d.titelsida.titel}</dc:title>`);
      expect(core).toContain(`<dc:creator>${d.titelsida.nämnd}</dc:creator>`);
      expect(core).toContain(
        `<cp:keywords>${[d.titelsida.kommun, d.titelsida.nämnd, d.rapport.rapporttyp, String(d.rapport.budgetår)].join(', ')}</cp:keywords>`,
      );
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${d.datum}T00:00:00Z</dcterms:created>`);
      expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${d.datum}T00:00:00Z</dcterms:modified>`);
      const [y, m, day] = d.datum.split('-').map(Number);
      for (const f of Object.values(zip.files))
        expect([f.date.getFullYear(), f.date.getMonth() + 1, f.date.getDate()], f.name).toEqual([y, m, day]);
    },
  );

  it.each(ALL)('%s: the running header holds the title and the footer "Sida X av Y" from PAGE and NUMPAGES', (id) => {
    const { headers, footers } = p(id);
    expect(headers.some((h) => h.includes(doc(id).titelsida.titel))).toBe(true);
    expect(footers.some((f) => /Sida .*PAGE.* av .*NUMPAGES/.test(f.replace(/<[^>]+>/g, ' ')))).toBe(true);
  });

  it('two builds are byte-identical, also after other documents in the same process', async () => {
    for (const id of ALL) expect((await renderDocx(doc(id))).equals(bytes.get(id)!), id).toBe(true);
  });

  it('the meeting stamp goes in the header of a packaged attachment', async () => {
    const stamp = 'Bilaga 2 till KS 2025-10-07 § 188, Dnr KS 2025-0412';
    const zip = await JSZip.loadAsync(await renderDocx(norrby(), { stämpel: stamp }));
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/header\d*\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(headers.some((h) => h.includes(stamp) && h.includes('Fritidsnämndens delårsrapport per augusti 2025'))).toBe(
      true,
    );
  });
});

describe('Word document content of the fictional report', () => {
  it('the 13-column table gets a landscape section; the rest stays portrait', () => {
    const tables = tablesWithSections(p(NORRBY).document);
    const wide = tables.find((t) => t.grid.length === 13)!;
    expect(wide.landscape).toBe(true);
    expect(wide.textWidth).toBe(textWidth('liggande'));
    expect(tables.filter((t) => t !== wide).every((t) => !t.landscape)).toBe(true);
  });
  it('Markdown footnotes are Word footnotes, lists are Word numbering (bullets and numbers)', () => {
    const { document, footnotes, numbering } = p(NORRBY);
    expect(document).toContain('<w:footnoteReference w:id="1"/>');
    expect(footnotes).toContain('Prognosen bygger på utfallet till och med augusti och kända beslut efter det.');
    expect(document).not.toContain('>Prognosen bygger på utfallet');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    const listed = paragraphs(document)
      .filter((x) => x.props.includes('<w:numPr>'))
      .map((x) => x.text);
    expect(listed).toEqual(
      expect.arrayContaining([
        'kvällsöppet i simhallarna sedan februari,',
        'att hålla prognosen för personalkostnaden,',
      ]),
    );
  });
  it('the chart is a picture (SVG with a PNG fallback) with its text alternative, followed by its data table', async () => {
    const { document, zip } = p(NORRBY);
    const d = norrby();
    const b = d.diagram[0]!;
    expect(
      Object.keys(zip.files)
        .filter((n) => n.startsWith('word/media/'))
        .map((n) => n.replace(/^.*\./, ''))
        .sort(),
    ).toEqual(['png', 'svg']);
    const png = await zip.file(/word\/media\/.*\.png$/)[0]!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const descr = /<wp:docPr [^>]*descr="([^"]*)"/.exec(document)![1]!;
    expect(unescape(descr)).toBe(chartTextAlternative(b));
    const after = document.slice(document.indexOf('<wp:docPr '));
    expect(after.indexOf(`Data för Diagram ${b.nummer}.`)).toBeGreaterThan(0);
    expect(after.indexOf(`Data för Diagram ${b.nummer}.`)).toBeLessThan(after.indexOf('<w:tbl>'));
  });
});

describe('sections and footnotes', () => {
  it('a landscape table takes the heading and caption just before it into its section', () => {
    const para = (t: string): Paragraph => new Paragraph({ children: [new TextRun(t)] });
    const [text, head, cap, table, after] = ['text', 'rubrik', 'tabell', 'bred', 'efter'].map(para) as [
      Paragraph,
      Paragraph,
      Paragraph,
      Paragraph,
      Paragraph,
    ];
    const s = sections([
      item(text),
      item(head, { keepNext: true }),
      item(cap, { liggande: true, keepNext: true }),
      item(table, { liggande: true }),
      item(after),
    ]);
    expect(s.map((x) => [x.orientation, x.children])).toEqual([
      ['stående', [text]],
      ['liggande', [head, cap, table]],
      ['stående', [after]],
    ]);
    // Nothing but a heading before it: no empty portrait section.
    expect(
      sections([item(head, { keepNext: true }), item(table, { liggande: true })]).map((x) => x.orientation),
    ).toEqual(['liggande']);
  });
  it('footnote numbers restart in every narrative file: each reference gets the entry of its own file', () => {
    const ref = (n: number): Inline => ({ typ: 'fotnotsref', nummer: n });
    const [a, b] = [ref(1), ref(1)];
    const noteA = { nummer: 1, inl: [{ typ: 'text' as const, text: 'A' }] };
    const noteB = { nummer: 1, inl: [{ typ: 'text' as const, text: 'B' }] };
    const blocks: Block[] = [
      { typ: 'stycke', inl: [a] },
      { typ: 'fotnoter', poster: [noteA] },
      { typ: 'stycke', inl: [b] },
      { typ: 'fotnoter', poster: [noteB] },
    ];
    const plan = planFootnotes(blocks);
    expect([plan.refs.get(a), plan.refs.get(b)]).toEqual([1, 2]);
    expect([plan.notes.get(1), plan.notes.get(2)]).toEqual([noteA, noteB]);
  });
});

describe('fitColumns', () => {
  it('never exceeds the text width, however many columns', () => {
    for (const n of [1, 3, 8, 13, 40]) {
      const { widths, orientation } = fitColumns(Array.from({ length: n }, () => ({ min: 700, pref: 1400 })));
      expect(widths.reduce((a, b) => a + b, 0)).toBe(textWidth(orientation));
      expect(orientation).toBe(n * 700 <= textWidth('stående') ? 'stående' : 'liggande');
    }
  });
});

describe('LibreOffice opens the .docx', () => {
  const pdfDir = join(dir, 'pdf');
  beforeAll(() => {
    convertWithLibreOffice({
      files: ALL.map((id) => join(dir, `${id}.docx`)),
      to: 'pdf',
      outDir: pdfDir,
      profile: join(dir, 'lo-profile'),
    });
  }, 300_000);

  it("the driftsammandrag's figures appear in order, each row on its line", () => {
    const d = bundled('ks-internbudget-2024');
    const t = d.tabeller.find((x) => x.id === 'driftsammandrag')!;
    const text = pdfPages(join(pdfDir, 'ks-internbudget-2024.pdf'), true).join('\n');
    const lines = text.split('\n');
    for (const label of ['Summa nämndens internbudget', 'varav intäkter', 'varav kostnader', 'Kommunledningsstaben']) {
      const r = t.rader.find((x) => x.etikett === label)!;
      const values = r.celler.map((c) => factCell(d, c).text.replace(/\u00a0/g, ' ')).filter(Boolean);
      const line = lines.find((l) => l.trim().startsWith(label) && l.includes(values[0]!));
      expect(line, label).toBeDefined();
      const after = line!.slice(line!.indexOf(label) + label.length).trim();
      const escape = (v: string): string => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
      expect(after, label).toMatch(new RegExp(`^${values.map(escape).join('\\s+')}$`));
    }
  });

  it.each(ALL)('%s: every word lies within the page margins; landscape pages only where a table needs one', (id) => {
    const xml = execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-bbox', join(pdfDir, `${id}.pdf`), '-'], {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
    const pages = xml.split('<page ').slice(1);
    let landscape = 0;
    for (const [i, page] of pages.entries()) {
      const w = Number(/width="([\d.]+)"/.exec(page)![1]);
      const h = Number(/height="([\d.]+)"/.exec(page)![1]);
      if (w > h) landscape++;
      for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)) {
        expect(Number(m[1]), `${id} sida ${i + 1}`).toBeGreaterThanOrEqual(57 - 1);
        expect(Number(m[2]), `${id} sida ${i + 1}`).toBeLessThanOrEqual(w - 57 + 1);
      }
    }
    expect(landscape > 0).toBe(tablesWithSections(p(id).document).some((t) => t.landscape));
  });

  it('the chart is drawn as a picture, and the pages are saved as images for a reader to look at', () => {
    const list = execFileSync(requireTool('pdfimages', 'poppler-utils'), ['-list', join(pdfDir, `${NORRBY}.pdf`)], {
      encoding: 'utf8',
    });
    const images = list
      .split('\n')
      .slice(2)
      .filter((l) => l.trim().split(/\s+/)[2] === 'image');
    expect(images.length).toBe(1);
    const shots = join(ROOT, 'out', 'screenshots', 'docx');
    mkdirSync(shots, { recursive: true });
    execFileSync(requireTool('pdftoppm', 'poppler-utils'), [
      '-r',
      '50',
      '-png',
      join(pdfDir, `${NORRBY}.pdf`),
      join(shots, NORRBY),
    ]);
    expect(readFileSync(join(shots, `${NORRBY}-1.png`)).length).toBeGreaterThan(1000);
  });

  it('headings are set as headings: chapter titles larger than the body text', () => {
    const xml = execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-bbox', join(pdfDir, `${NORRBY}.pdf`), '-'], {
      encoding: 'utf8',
    });
    const words = [
      ...xml.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((m) => ({ h: Number(m[2]) - Number(m[1]), t: m[3] }));
    const heightOf = (t: string): number => Math.max(...words.filter((w) => w.t === t).map((w) => w.h));
    expect(heightOf('Sammanfattning')).toBeGreaterThan(1.3 * heightOf('Fritidsnämnden'));
  });
});

describe('Word: deterministic links', () => {
  it('names a hyperlink relationship the same in every build, in the part and its .rels alike', async () => {
    const { Document, ExternalHyperlink } = await import('docx');
    const { packDocx } = await import('../src/render/docx/deterministic.js');
    const make = () =>
      new Document({
        sections: [
          {
            children: [
              new Paragraph({
                children: [
                  new ExternalHyperlink({ link: 'https://exempel.se/a', children: [new TextRun('a')] }),
                  new ExternalHyperlink({ link: 'https://exempel.se/b', children: [new TextRun('b')] }),
                ],
              }),
            ],
          },
        ],
      });
    const [one, two] = [await packDocx(make(), '2027-02-15'), await packDocx(make(), '2027-02-15')];
    expect(Buffer.compare(one, two)).toBe(0);
    const zip = await JSZip.loadAsync(one);
    const doc = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    expect(doc.match(/<w:hyperlink[^>]*r:id="([^"]+)"/g)).toEqual([
      '<w:hyperlink w:history="1" r:id="rIdLank1"',
      '<w:hyperlink w:history="1" r:id="rIdLank2"',
    ]);
    expect(rels).toContain(
      'Id="rIdLank2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://exempel.se/b"',
    );
  });
});
