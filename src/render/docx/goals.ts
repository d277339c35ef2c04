import { Paragraph, TextRun } from 'docx';
import { formatCell } from '../../core/format/number.js';
import type { Dokument, MålBlock, VisatVärde } from '../../core/model/dokument.js';
import { bedömningsnivå, type Profil } from '../../core/model/profil.js';
import { caption, kommentarkolumn, markörText, paragraphs } from '../shared.js';
import { item, type Flow } from './flow.js';
import { need, type GridCell, type GridRow } from './grid.js';
import { heading } from './headings.js';
import { alignRight, noteParagraph, placedTable } from './tables.js';

const value = (v: VisatVärde): GridCell => {
  const f = formatCell(v.cell, v.decimaler);
  return {
    text: [new TextRun(f.text), ...(f.fotnot ? [new TextRun({ text: f.fotnot, superScript: true })] : [])],
    right: alignRight(v.cell),
  };
};

/** The indicator table: goal (spanning its indicators' rows), indicator, one column per year or target, and a
 * Bedömning column when some indicator has its own (symbol and words in the level's colour, as in HTML and PDF). */
export function goalTable(d: Dokument, m: MålBlock): Flow {
  const medBed = m.nämndmål.some((n) => n.indikatorer.some((i) => i.bedömning));
  const bedCell = (nivå: string | undefined): GridCell[] => {
    if (!medBed) return [];
    if (!nivå) return [{ text: '' }];
    const b = bedömningsnivå(d.profil, nivå);
    const color = b.färg.replace('#', '');
    return [{ text: [new TextRun({ text: `${b.symbol} `, color }), new TextRun({ text: b.text, bold: true, color })] }];
  };
  const rows: GridRow[] = [];
  const ingen = `Ingen ${m.benämning.indikator.toLowerCase()}`;
  for (const n of m.nämndmål) {
    const span = Math.max(
      1,
      n.indikatorer.reduce((k, i) => k + 1 + i.delrader.length, 0),
    );
    const goal: GridCell = {
      text: [new TextRun({ text: n.namn, bold: true })],
      rowSpan: span,
      ...(n.beskrivning ? { under: [{ text: n.beskrivning, italics: true }] } : {}),
    };
    if (!n.indikatorer.length) {
      rows.push({
        cells: [
          goal,
          { text: [new TextRun({ text: ingen, italics: true })] },
          ...m.kolumner.map((): GridCell => ({ text: '' })),
          ...bedCell(undefined),
        ],
      });
      continue;
    }
    n.indikatorer.forEach((ind, i) => {
      const name: GridCell = {
        text: [
          new TextRun(`${ind.namn}${ind.obligatorisk ? '*' : ''}`),
          ...ind.fotnoter.map((f) => new TextRun({ text: f, superScript: true })),
        ],
        ...(ind.förklaring ? { under: [{ text: ind.förklaring, italics: true }] } : {}),
      };
      rows.push({ cells: [...(i === 0 ? [goal] : []), name, ...ind.värden.map(value), ...bedCell(ind.bedömning)] });
      for (const dr of ind.delrader)
        rows.push({
          cells: [
            { text: [new TextRun({ text: dr.namn, italics: true })], indent: 160 },
            ...dr.värden.map(value),
            ...bedCell(undefined),
          ],
        });
    });
  }
  const values = (i: number): string[] =>
    m.nämndmål.flatMap((n) =>
      n.indikatorer.flatMap((ind) =>
        [ind.värden[i], ...ind.delrader.map((d) => d.värden[i])].map((v) =>
          v ? formatCell(v.cell, v.decimaler).text : '',
        ),
      ),
    );
  const needs = [
    need(
      m.benämning.mål,
      m.nämndmål.map((n) => n.namn),
      { floor: 1200, cap: 2200 },
    ),
    need(
      m.benämning.indikator,
      m.nämndmål.flatMap((n) => n.indikatorer.map((i) => i.namn)),
      { floor: 1600, cap: 4000, first: true },
    ),
    ...m.kolumner.map((k, i) => need(k.rubrik, values(i))),
    ...(medBed
      ? [
          need(
            'Bedömning',
            m.nämndmål.flatMap((n) =>
              n.indikatorer.map((i) => (i.bedömning ? `● ${bedömningsnivå(d.profil, i.bedömning).text}` : '')),
            ),
          ),
        ]
      : []),
  ];
  const notes = [
    ...(m.nämndmål.some((n) => n.indikatorer.some((i) => i.obligatorisk)) ? [noteParagraph('', markörText(d, m))] : []),
    ...m.fotnoter.map((f) => noteParagraph(f.markör, f.text)),
  ];
  return placedTable(
    caption(m),
    {
      head: [
        { text: m.benämning.mål },
        { text: m.benämning.indikator },
        ...m.kolumner.map((k, ci): GridCell => ({ text: k.rubrik, right: !kommentarkolumn(m, ci) })),
        ...(medBed ? [{ text: 'Bedömning' }] : []),
      ],
      rows,
      needs,
    },
    notes,
  );
}

/** "● Bedömning: Uppfylls delvis": the profile's symbol and colour, the words saying the same. */
export function bedömningParagraph(profil: Profil, nivå: string): Paragraph {
  const b = bedömningsnivå(profil, nivå);
  const color = b.färg.replace('#', '');
  return new Paragraph({
    children: [
      new TextRun({ text: `${b.symbol} `, color }),
      new TextRun({ text: `Bedömning: ${b.text}`, bold: true, color }),
    ],
  });
}

/** The målredovisning: per goal a heading, the bedömning, the analysis, results and deviations as lists. */
export function goalReport(profil: Profil, m: MålBlock, level: number, bullets: (items: string[]) => Flow): Flow {
  return m.nämndmål.flatMap((n): Flow => {
    const b = n.bedömning;
    if (!b) return [];
    const list = (title: string, items: string[]): Flow =>
      items.length
        ? [item(heading(level + 2, [new TextRun(title)], { iInnehåll: false }), { keepNext: true }), ...bullets(items)]
        : [];
    return [
      item(heading(level + 1, [new TextRun(n.namn)], { iInnehåll: false }), { keepNext: true }),
      item(bedömningParagraph(profil, b.nivå)),
      ...paragraphs(b.analys).map((p) => item(new Paragraph({ children: [new TextRun(p)] }))),
      ...list('Resultat', b.resultat),
      ...list('Avvikelser', b.avvikelser),
    ];
  });
}
