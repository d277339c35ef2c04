/**
 * Typst as an anchor for the PDF stage: the composed document model (the one the PDF renderer
 * lays out) written as Typst markup — title page, contents, headings, paragraphs, lists, tables,
 * goal and uppdrag tables, footnotes — in the bundled Roboto, compiled to a tagged PDF by
 * @myriaddreamin/typst-ts-node-compiler (Typst's compiler, shipped as a binary inside the npm
 * package). Charts are left out (named by their caption only); so is our PDF's running header.
 *
 * `npx tsx bench/typst.ts [rapport] [--runs 7] [--ut fil.pdf] [--typ fil.typ]`: times Typst and
 * our PDF stage (renderPdf) alternately on the same document model and prints both medians.
 */
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import type { Block, Dokument, Inline, MålBlock, TabellBlock, UppdragBlock } from '../src/core/model/dokument.js';
import { formatCell } from '../src/core/format/number.js';
import { projectPaths } from '../src/load/load-report.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { factCell, uppdragKolumner } from '../src/render/shared.js';
import { fontPath } from '../src/util/fonts.js';
import { composed } from './build.js';
import { ms, runIfScript, summary } from './stats.js';
import { REPO_ROOT } from './synthetic.js';

/** Text as a Typst string literal shown as content: nothing in it is read as markup. */
const str = (s: string): string => `#${JSON.stringify(s.replace(/\s+/g, ' '))}`;
/** A content block `[…]`. */
const c = (body: string): string => `[${body}]`;

function inlines(xs: readonly Inline[]): string {
  return xs
    .map((x): string => {
      switch (x.typ) {
        case 'text':
        case 'kod':
        case 'ref':
          return str(x.text);
        case 'fet':
          return `#strong${c(inlines(x.inl))}`;
        case 'kursiv':
          return `#emph${c(inlines(x.inl))}`;
        case 'länk':
          return `#link(${JSON.stringify(x.url)})${c(inlines(x.inl))}`;
        case 'fotnotsref':
          return `#super[${x.nummer}]`;
        case 'radbrytning':
          return '#linebreak()';
        case 'sidref':
          // Typst would resolve it with #locate; the anchor's label is enough for timing.
          return str(x.etikett);
      }
    })
    .join('');
}

function table(columns: number, header: string[], rows: string[][], numericFrom: number): string {
  const align = `(x, y) => if x >= ${numericFrom} and y > 0 { right } else { left }`;
  const cells = rows.map((r) => r.map(c).join(', ')).join(',\n  ');
  return `#table(columns: (3fr,) + (1fr,) * ${columns - 1}, align: ${align}, stroke: 0.4pt + luma(180), inset: 3pt,
  table.header(${header.map((h) => c(str(h))).join(', ')}),
  ${cells})\n`;
}

function tabell(d: Dokument, t: TabellBlock): string {
  if (t.endastData) return '';
  const rows = t.rader.map((r) => [
    r.fet || r.roll === 'summa' ? `#strong${c(str(r.etikett))}` : str(r.etikett),
    ...r.celler.map((id) => {
      const f = factCell(d, id);
      return f.text ? str(f.text) + (f.fotnot ? `#super[${f.fotnot}]` : '') : '';
    }),
  ]);
  const notes = t.fotnoter.map((f) => `${str(`${f.markör} ${f.text}`)}\n`).join('\n');
  return `#figure(kind: table, caption: ${c(str(t.rubrik))}, ${table(
    t.kolumner.length + 1,
    [t.förspalt, ...t.kolumner.map((k) => k.rubrik)],
    rows,
    1,
  ).slice(1)})\n${notes}\n${t.kommentar ? `${str(t.kommentar)}\n` : ''}`;
}

function mål(m: MålBlock): string {
  const rows: string[][] = [];
  for (const n of m.nämndmål) {
    if (!n.indikatorer.length)
      rows.push([str(n.namn), `#emph[${str(`Ingen ${m.benämning.indikator.toLowerCase()}`)}]`]);
    n.indikatorer.forEach((ind, i) => {
      const v = ind.värden.map((x) => str(formatCell(x.cell, x.decimaler).text));
      rows.push([i === 0 ? str(n.namn) : '', str(`${ind.namn}${ind.obligatorisk ? '*' : ''}`), ...v]);
      for (const dr of ind.delrader)
        rows.push(['', str(dr.namn), ...dr.värden.map((x) => str(formatCell(x.cell, x.decimaler).text))]);
    });
    if (n.bedömning?.analys) rows.push(['', str(n.bedömning.analys)]);
  }
  const width = m.kolumner.length + 2;
  const full = rows.map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]);
  return `${c(str(m.kommunmål))}\n\n${table(width, [m.benämning.mål, m.benämning.indikator, ...m.kolumner.map((k) => k.rubrik)], full, 2)}`;
}

function uppdrag(d: Dokument, u: UppdragBlock): string {
  const kol = u.kolumner || u.medStatus ? uppdragKolumner(d, u) : [];
  if (!u.numrerad && !kol.length) return `#list(${u.uppdrag.map((x) => c(str(x.text))).join(', ')})\n\n`;
  const head = [...(u.numrerad ? ['Nr'] : []), 'Uppdrag', ...kol.map((k) => k.rubrik)];
  const rows = u.uppdrag.map((x) => [
    ...(u.numrerad ? [str(String(x.nummer ?? ''))] : []),
    str(x.text),
    ...kol.map((k) => str(k.text(x))),
  ]);
  return table(head.length, head, rows, 99);
}

function blocks(d: Dokument, bs: readonly Block[], top = 1): string {
  return bs
    .map((b): string => {
      switch (b.typ) {
        case 'avsnitt':
          return `${b.sidbrytning ? '#pagebreak(weak: true)\n' : ''}#heading(level: ${Math.min(6, b.nivå - top + 1)}, outlined: ${b.iInnehåll})${c(inlines(b.rubrik))}\n\n${blocks(d, b.block, top)}`;
        case 'stycke':
          return `${inlines(b.inl)}\n\n`;
        case 'lista': {
          const items = b.punkter.map((p) => c(blocks(d, p, top))).join(', ');
          return b.numrerad ? `#enum(start: ${b.start ?? 1}, ${items})\n\n` : `#list(${items})\n\n`;
        }
        case 'tabell':
          return tabell(d, b);
        case 'mål':
          return mål(b);
        case 'uppdrag':
          return uppdrag(d, b);
        case 'diagram':
          return `#emph${c(str(`Diagram: ${b.rubrik}`))}\n\n`;
        case 'innehållsförteckning':
          return '#outline(title: [Innehåll])\n#pagebreak()\n';
        case 'färgförklaring':
          return '';
        case 'bilagor':
          return b.grupper
            .map(
              (g) =>
                `#strong${c(str(g.rubrik))}\n\n${g.bilagor.map((x) => `${str(`${x.nummer ?? ''} ${x.titel}`)}\n\n`).join('')}`,
            )
            .join('');
        case 'underskrifter':
          return b.personer.map((p) => `${str(`${p.namn}${p.parti ? ` (${p.parti})` : ''}, ${p.roll}`)}\n\n`).join('');
        case 'sidbrytning':
          return '#pagebreak(weak: true)\n';
        case 'fotnoter':
          return b.poster.map((p) => `#super[${p.nummer}] ${inlines(p.inl)}\n\n`).join('');
      }
    })
    .join('');
}

/** The shallowest heading level: it becomes Typst's level 1 (PDF/UA-1 starts there). */
function topLevel(bs: readonly Block[]): number {
  let top = 6;
  const walk = (xs: readonly Block[]): void => {
    for (const b of xs)
      if (b.typ === 'avsnitt') {
        top = Math.min(top, b.nivå);
        walk(b.block);
      }
  };
  walk(bs);
  return top;
}

/**
 * The document model as one Typst file. `variant` moves the margin by a thousandth of a point per
 * step: the same pages, but Typst's memoized layout from an earlier compile cannot be reused.
 */
export function toTypst(d: Dokument, variant = 0): string {
  const t = d.titelsida;
  return `#set document(title: ${JSON.stringify(t.titel)}, author: ${JSON.stringify(t.kommun)})
#set page(paper: "a4", margin: (x: 2cm + ${variant / 1000}pt, y: 2.2cm), numbering: "1")
#set text(font: "Roboto", size: 10pt, lang: "sv")
#set par(justify: true)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 18pt)
#show figure: set block(breakable: true)
#show table: set par(justify: false)
#show table: set text(size: 8pt)

#align(center)[
  #v(4cm)
  #text(size: 12pt)${c(str(t.kommun))}

  #text(size: 22pt, weight: "bold")${c(str(t.titel))}

  ${c(str([t.nämnd, t.period, t.status, t.datum].filter(Boolean).join(' · ')))}
]
#pagebreak()

${blocks(d, d.block, topLevel(d.block))}`;
}

let compiler: NodeCompiler | undefined;
/** One compiler for the process, with the bundled Roboto as its only fonts (the system's are not searched). */
function typst(): NodeCompiler {
  compiler ??= NodeCompiler.create({ fontArgs: [{ fontPaths: [dirname(fontPath('normal'))] }] });
  return compiler;
}

/** Compiles the document's Typst version to a tagged PDF (PDF/UA-1 where Typst accepts it). */
export function typstPdf(d: Dokument, variant = 0): { pdf: Buffer; standard: string } {
  const source = toTypst(d, variant);
  const t = typst();
  try {
    return { pdf: t.pdf({ mainFileContent: source }, { pdfStandard: 'ua-1' }), standard: 'PDF/UA-1' };
  } catch {
    return { pdf: t.pdf({ mainFileContent: source }, { pdfTags: true }), standard: 'taggad PDF' };
  }
}

export interface TypstTiming {
  typstMs: number;
  oursMs: number;
  typstPages: number;
  standard: string;
  runs: number;
}

const pages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

/**
 * Typst and our PDF stage, alternately, on one composed document, both warm (one untimed round
 * each first), each Typst run with a margin of its own so it lays out anew as ours does.
 */
export async function timeTypst(d: Dokument, runs: number): Promise<TypstTiming> {
  const first = typstPdf(d);
  await renderPdf(d);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    const typ = (): void => {
      const t = performance.now();
      typstPdf(d, i + 1);
      a.push(performance.now() - t);
    };
    const ours = async (): Promise<void> => {
      const t = performance.now();
      await renderPdf(d);
      b.push(performance.now() - t);
    };
    if (i % 2) {
      typ();
      await ours();
    } else {
      await ours();
      typ();
    }
  }
  return {
    typstMs: summary(a).median,
    oursMs: summary(b).median,
    typstPages: pages(first.pdf),
    standard: first.standard,
    runs,
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '7' }, ut: { type: 'string' }, typ: { type: 'string' } },
    allowPositionals: true,
  });
  const id = positionals[0] ?? 'ks-internbudget-2024';
  const d = composed(projectPaths(REPO_ROOT), id);
  if (values.typ) writeFileSync(values.typ, toTypst(d));
  if (values.ut) writeFileSync(values.ut, typstPdf(d).pdf);
  const r = await timeTypst(d, Number(values.runs));
  console.log(
    `${id}: Typst ${ms(r.typstMs)} (${r.typstPages} sidor, ${r.standard}), vårt PDF-steg ${ms(r.oursMs)}; kvot ${(r.oursMs / r.typstMs).toFixed(2).replace('.', ',')} (median av ${r.runs}, växelvis)`,
  );
}

runIfScript(import.meta.url, main);
