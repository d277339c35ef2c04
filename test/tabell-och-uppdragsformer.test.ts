import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../src/load/load-report.js';
import type { Dokument } from '../src/core/model/dokument.js';
import { planRules } from '../src/core/evaluate.js';
import { runChecks } from '../src/check/index.js';
import { loadAndCompose } from '../src/pipeline.js';
import { renderDocx } from '../src/render/docx/render-docx.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { renderXlsx } from '../src/render/xlsx/render-xlsx.js';
import { loadAndValidate } from '../src/validate/validate-report.js';
import { pdfPages } from './support/pdf.js';
import { ROOT } from './support/project.js';

/**
 * Issue 17's remaining table and uppdrag shapes, on a fictional kommun's verksamhetsplan written
 * for this test (test/fixtures/ekby): a personal table whose rows carry their own unit and decimals,
 * spacer rows and rows with only a label, in every output format.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'ekby');
const ID = 'ekby-vp-2027';

/** A copy of the fixture with one text replaced in one data file. */
function copyWith(file: string, from: string, to: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kr-ekby-'));
  cpSync(FIXTURE, root, { recursive: true });
  const p = join(root, 'data', ID, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" finns inte i ${file}`);
  writeFileSync(p, text.replace(from, to));
  return root;
}

function compose(root = FIXTURE): Dokument {
  const c = loadAndCompose(projectPaths(root), ID);
  if (!c.dokument) throw new Error(c.diagnostics.map((d) => d.meddelande).join('; '));
  return c.dokument;
}

/** A copy of the fixture with one text replaced in one data file; the validation's errors. */
function errorsAfter(file: string, from: string, to: string): { meddelande: string; rad?: number }[] {
  return loadAndValidate(projectPaths(copyWith(file, from, to)), ID)
    .diagnostics.filter((d) => d.allvarlighet === 'fel')
    .map((d) => ({ meddelande: d.meddelande, ...(d.plats ? { rad: d.plats.rad } : {}) }));
}

const d = compose();
let pdfText = '';
let docXml = '';
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kr-ekby-out-'));
  writeFileSync(join(dir, 'x.pdf'), await renderPdf(d));
  pdfText = pdfPages(join(dir, 'x.pdf'), true).join('\n');
  const zip = await JSZip.loadAsync(await renderDocx(d));
  docXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(d, { fynd: [], belopp: [] }, { version: 'test' })) as unknown as ArrayBuffer);
});

describe('a unit and decimals per row', () => {
  it('the facts carry the row\u2019s unit and decimals, the table\u2019s where the row has none', () => {
    expect(d.fakta.get('personal/sjukfranvaro/ar_2026')).toMatchObject({ enhet: '%', decimaler: 1 });
    expect(d.fakta.get('personal/anstallda/ar_2026')).toMatchObject({ enhet: 'antal', decimaler: 0 });
    expect(d.fakta.get('personal/medelalder/ar_2025')).toMatchObject({ enhet: 'år', decimaler: 1 });
    expect(d.fakta.get('driftsammandrag/summa/budget_2027')).toMatchObject({ enhet: 'tkr', decimaler: 0 });
  });
  it('HTML prints the unit after the label (not twice) and the row\u2019s decimals', () => {
    const html = renderHtml(d);
    expect(html).toMatch(
      /<th scope="row">Sjukfrånvaro, %<\/th><td class="tal" data-fakta="personal\/sjukfranvaro\/ar_2025">6,4<\/td>/,
    );
    expect(html).toContain('<th scope="row">Tillsvidareanställda, antal</th>');
    expect(html).toContain('<th scope="row">Medelålder, år</th>');
    expect(html).not.toContain('Medelålder, år, år');
  });
  it('the PDF shows the same rows', () => {
    expect(pdfText).toMatch(/Sjukfrånvaro, %\s+6,4\s+5,9/);
    expect(pdfText).toMatch(/Tillsvidareanställda, antal\s+187\s+193/);
    expect(pdfText).toMatch(/Medelålder, år\s+46,2\s+45,8/);
  });
  it('Word has the label with its unit and the figure with one decimal', () => {
    expect(docXml).toContain('>Sjukfrånvaro, %<');
    expect(docXml).toContain('>6,4<');
    expect(docXml).toContain('>46,2<');
  });
  it('the workbook keeps the numbers with the row\u2019s number format', () => {
    const ws = wb.getWorksheet('personal')!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'Sjukfrånvaro, %') row = n;
    });
    expect(row).toBeGreaterThan(0);
    expect(ws.getRow(row).getCell(2).value).toBe(6.4);
    expect(ws.getRow(row).getCell(2).numFmt).toBe('#,##0.0');
    expect(ws.getRow(row + 1).getCell(3).value).toBe(45.8);
    expect(ws.getRow(row - 2).getCell(2).numFmt).toBe('#,##0');
  });
  it('a row rule adding rows of different units is an error at the rule\u2019s line', () => {
    expect(errorsAfter('tabeller.yaml', 'typ: personal', 'typ: personal')).toEqual([]);
    const f = errorsAfter(
      'tabeller.yaml',
      '      - {id: medelalder, etikett: "Medelålder, år", enhet: år, decimaler: 1, värden: [46.2, 45.8]}',
      '      - {id: medelalder, etikett: "Medelålder, år", enhet: år, decimaler: 1, värden: [46.2, 45.8]}\n    regler:\n      - {rad: anstallda, är: sjukfranvaro + medelalder}',
    );
    expect(f).toEqual([
      {
        meddelande:
          'raden "sjukfranvaro" har enheten % men "anstallda" har antal; en regel räknar bara rader med samma enhet',
        rad: 36,
      },
    ]);
  });
});

describe('spacer rows and rows with only a label', () => {
  it('compose gives them no facts, and the rule over the table still holds', () => {
    expect([...d.fakta.keys()].filter((k) => /\/(luft|luft-1|rubrik-anstallda)\//.test(k))).toEqual([]);
    const t = d.tabeller.find((b) => b.id === 'personal');
    expect(t?.rader.map((r) => r.roll)).toEqual(['text', 'post', 'mellanrum', 'post', 'post']);
  });
  it('HTML has an empty spacer row and a label-only row with empty cells', () => {
    const html = renderHtml(d);
    expect(html).toContain(
      '<tr class="mellanrum niva-0"><th scope="row"></th><td class="text"></td><td class="text"></td><td class="text"></td></tr>',
    );
    expect(html).toContain(
      '<tr class="text niva-0"><th scope="row">Anställda den 31 december</th><td class="text"></td><td class="text"></td></tr>',
    );
  });
  it('the PDF leaves a blank line between Bibliotek and Föreningsbidrag, and prints the label-only row', () => {
    expect(pdfText).toMatch(/Bibliotek\s+22 300\s+23 100\s+23 400\n\s*\n\s*\n?Föreningsbidrag/);
    expect(pdfText).toMatch(/Anställda den 31 december\n/);
  });
  it('Word and the workbook keep the rows in place, the spacer empty', async () => {
    expect(docXml.indexOf('>Bibliotek<')).toBeLessThan(docXml.indexOf('>Föreningsbidrag<'));
    expect(docXml).toContain('>Anställda den 31 december<');
    const ws = wb.getWorksheet('driftsammandrag')!;
    let bib = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'Bibliotek') bib = n;
    });
    expect(ws.getRow(bib + 1).getCell(1).value ?? '').toBe('');
    expect(ws.getRow(bib + 1).getCell(2).value).toBeNull();
    expect(ws.getRow(bib + 2).getCell(1).value).toBe('Föreningsbidrag');
    // The summa rule's formula names the three rows, not the spacer.
    let rule = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(1).value).startsWith('Regel 1: beräknad')) rule = n;
    });
    expect(ws.getRow(rule).getCell(2).value).toEqual({
      formula: `SUM(B${bib - 1},B${bib},B${bib + 2})`,
      result: 42600,
    });
  });
  it('a spacer row with values, a row without a label, a rule naming a spacer: Swedish errors at their lines', () => {
    expect(
      errorsAfter('tabeller.yaml', '{id: luft-1, roll: mellanrum}', '{id: luft-1, roll: mellanrum, värden: [1, 2, 3]}'),
    ).toEqual([
      {
        meddelande: 'en mellanrumsrad har inga värden eller underrader; ta bort dem eller välj en annan roll',
        rad: 16,
      },
    ]);
    expect(errorsAfter('tabeller.yaml', '{id: luft, roll: mellanrum}', '{id: luft, roll: text}')).toEqual([
      {
        meddelande: 'fältet saknas (förväntade en text)',
        rad: 32,
      },
    ]);
    expect(
      errorsAfter('tabeller.yaml', 'är: fritid + bibliotek + forening', 'är: fritid + bibliotek + luft-1 + forening'),
    ).toEqual([{ meddelande: 'raden "luft-1" är en mellanrumsrad utan värden och kan inte räknas', rad: 20 }]);
    expect(
      errorsAfter(
        'tabeller.yaml',
        '{id: fritid, etikett: Fritidsgårdar, värden: [14200, 14650, 14900]}',
        '{id: fritid, etikett: Fritidsgårdar}',
      )[0]?.meddelande,
    ).toMatch(/saknar värden; skriv värdena, eller sätt roll: text/);
  });
});

describe('uppdrag without numbers', () => {
  it('compose marks the lists unnumbered, the numbered one numbered', () => {
    expect(d.uppdrag.map((u) => [u.id, u.numrerad])).toEqual([
      ['namnduppdrag', true],
      ['kf-uppdrag', false],
      ['forvaltningsuppdrag', false],
    ]);
  });
  it('HTML: a bulleted list, and a table without the Nr column', () => {
    const html = renderHtml(d);
    expect(html).toContain(
      '<ul class="uppdrag" aria-label="Kommunfullmäktiges uppdrag"><li>Ta fram en plan för fler spontanidrottsplatser i ytterområdena.</li>',
    );
    expect(html).toContain('<ol class="uppdrag" aria-label="Nämndens uppdrag"><li value="1">');
    expect(html).toContain(
      '<thead><tr><th scope="col">Uppdrag</th><th scope="col">Riktat till</th></tr></thead>\n<tbody><tr><td class="text">Samordna lovaktiviteterna med skolorna.</td><td class="text">Fritidsenheten</td></tr>',
    );
  });
  it('the PDF prints the bullets without numbers and the table without Nr', () => {
    expect(pdfText).toMatch(/Kommunfullmäktiges uppdrag\n\s+Ta fram en plan för fler spontanidrottsplatser/);
    expect(pdfText).not.toMatch(/\d\.\s+Ta fram en plan/);
    expect(pdfText).toMatch(/\nUppdrag\s+Riktat till\n\s*\nSamordna lovaktiviteterna med skolorna\.\s+Fritidsenheten/);
    expect(pdfText).not.toMatch(/Nr\s+Uppdrag\s+Riktat till/);
  });
  it('Word: the unnumbered list is bullets, the numbered one a numbered list', () => {
    const para = (text: string): string => {
      const i = docXml.indexOf(`>${text}<`);
      return docXml.slice(
        docXml.lastIndexOf('<w:p>', i) >= 0 ? docXml.lastIndexOf('<w:p>', i) : docXml.lastIndexOf('<w:p ', i),
        i,
      );
    };
    const numId = (text: string): string | undefined => /<w:numId w:val="(\d+)"\/>/.exec(para(text))?.[1];
    const bullet = numId('Ta fram en plan för fler spontanidrottsplatser i ytterområdena.');
    const numbered = numId('Öppna biblioteket i Östra Ekby på lördagar.');
    expect(bullet).toBeDefined();
    expect(numbered).toBeDefined();
    expect(bullet).not.toBe(numbered);
    expect(para('Ta fram en plan för fler spontanidrottsplatser i ytterområdena.')).not.toMatch(/>\d+\.\t?</);
    expect(docXml).not.toContain('>Nr<');
  });
  it('the workbook lists them with an empty Nr', () => {
    const ws = wb.getWorksheet('Uppdrag')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toContainEqual([
      'Nämndens uppdrag',
      1,
      'Öppna biblioteket i Östra Ekby på lördagar.',
      'Kultur- och fritidsnämnden',
    ]);
    expect(rows).toContainEqual([
      'Uppdrag till förvaltningen',
      undefined,
      'Samordna lovaktiviteterna med skolorna.',
      'Fritidsenheten',
    ]);
  });
  it('numbers are all or nothing in a list: a Swedish error at the uppdrag without one', () => {
    expect(
      errorsAfter('uppdrag.yaml', '      - {text: Pröva längre', '      - {nummer: 2, text: Pröva längre'),
    ).toEqual([
      {
        meddelande:
          'uppdraget saknar nummer men andra uppdrag i listan har nummer; ge alla ett nummer, eller ta bort numren i hela listan',
        rad: 11,
      },
    ]);
  });
});

describe('a rule referring to a cell of another table', () => {
  it('the evaluator reads the other table\u2019s cell', () => {
    const [regel] = planRules(
      d,
      d.tabeller.find((t) => t.id === 'oversikt')!,
    );
    expect(regel!.okända).toEqual([]);
    expect(regel!.beräkningar).toMatchObject([
      {
        rad: 'drift',
        publicerat: 44050,
        beräknat: 44050,
        differens: 0,
        termer: [{ tabell: 'driftsammandrag', rad: 'summa', kolumn: 'budget_2027', värde: 44050 }],
      },
    ]);
  });
  it('the workbook writes it as a cross-sheet formula', () => {
    const ws = wb.getWorksheet('oversikt')!;
    let rule = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(1).value).startsWith('Regel 1: beräknad')) rule = n;
    });
    const drift = wb.getWorksheet('driftsammandrag')!;
    let summa = 0;
    drift.eachRow((r, n) => {
      if (r.getCell(1).value === 'Summa' && summa === 0) summa = n;
    });
    expect(ws.getRow(rule).getCell(2).value).toEqual({ formula: `SUM('driftsammandrag'!C${summa})`, result: 44050 });
  });
  it('a figure that disagrees with the other table is a check finding', () => {
    const wrong = compose(copyWith('tabeller.yaml', 'värden: [44050]', 'värden: [44500]'));
    const fynd = runChecks(wrong).fynd.filter((f) => f.fakta?.includes('oversikt/drift/budget_2027'));
    expect(fynd.length).toBeGreaterThan(0);
    expect(fynd[0]!.allvarlighet).toBe('fel');
  });
  it('an unknown table, row or column is a Swedish error at the rule\u2019s line', () => {
    const fel = (to: string): { meddelande: string; rad?: number }[] =>
      errorsAfter('tabeller.yaml', 'är: driftsammandrag/summa/budget_2027', `är: ${to}`);
    expect(fel('drift/summa/budget_2027')).toEqual([
      {
        meddelande:
          'tabellen "drift" i "drift/summa/budget_2027" finns inte; skriv en av driftsammandrag, personal, oversikt',
        rad: 47,
      },
    ]);
    expect(fel('driftsammandrag/sum/budget_2027')).toEqual([
      { meddelande: 'raden "sum" i "driftsammandrag/sum/budget_2027" finns inte i tabellen driftsammandrag', rad: 47 },
    ]);
    expect(fel('driftsammandrag/summa/budget_2030')[0]?.meddelande).toBe(
      'kolumnen "budget_2030" i "driftsammandrag/summa/budget_2030" finns inte i tabellen driftsammandrag; skriv en av budget_2026, budget_2027, plan_2028',
    );
  });
});
