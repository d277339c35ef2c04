import { bedömningsnivå } from '../../core/model/profil.js';
import type ExcelJS from 'exceljs';
import { type Dokument, type MålBlock, type VisatVärde } from '../../core/model/dokument.js';
import { slugify } from '../../util/slug.js';
import { caption, markörText } from '../shared.js';
import {
  argb,
  fill,
  fitRowHeights,
  printSetup,
  proseRow,
  styleHeader,
  supMarker,
  Widths,
  writeTitle,
  writeValue,
  type FaktKarta,
} from './cells.js';
import { BLAD } from './sheet-names.js';

/**
 * The Mål sheet: every goal table of the publication in document order, each as a section with its
 * caption, a header row and one row per nämndindikator (sub-rows indented under it). The goal's
 * name is repeated on each of its rows so a filter or a copied row keeps it. A delårsrapport's
 * bedömning is a last column, in words and in its colour. Goals shown only as målredovisning
 * (no indicator table) follow in a section of their own.
 */
export function writeGoalSheet(ws: ExcelJS.Worksheet, d: Dokument, karta: FaktKarta): void {
  writeTitle(ws, 1, 'Mål och indikatorer');
  const tables = d.mål.filter((m) => m.visning === 'indikatorer');
  const withBedömning = d.mål.some((m) =>
    m.nämndmål.some((n) => n.bedömning || n.indikatorer.some((i) => i.bedömning)),
  );
  const width = Math.max(0, ...tables.map((m) => m.kolumner.length));
  const lastCol = 2 + width + (withBedömning ? 1 : 0);
  const bedCol = 3 + width;
  const w = new Widths();
  let r = 3;
  const seen = new Set<string>();

  const bedömning = (cell: ExcelJS.Cell, n: { bedömning?: { nivå: string } }): void => {
    if (!n.bedömning) return;
    const nivå = bedömningsnivå(d.profil, n.bedömning.nivå);
    cell.value = nivå.text;
    cell.fill = fill(argb(nivå.färg));
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.alignment = { vertical: 'top' };
    w.see(bedCol, String(cell.value));
  };
  const values = (row: ExcelJS.Row, vs: VisatVärde[], factRow: string, m: MålBlock, italic: boolean): void => {
    vs.forEach((v, ci) => {
      const cell = row.getCell(3 + ci);
      const shown = writeValue(cell, v.cell, v.decimaler);
      if (italic) cell.font = { italic: true };
      if (shown.numeric) w.seeNumber(3 + ci, shown.shown);
      else w.see(3 + ci, shown.shown);
      const col = m.kolumner[ci];
      if (col) karta.set(`mål/${factRow}/${col.id}`, { blad: BLAD.mål, cell: cell.address });
    });
  };

  if (!d.mål.length) ws.getCell(r++, 1).value = 'Rapporten har inga mål.';
  for (const m of tables) {
    writeTitle(ws, r++, caption(m), 11);
    const head = ws.getRow(r++);
    head.values = [m.benämning.mål, m.benämning.indikator, ...m.kolumner.map((c) => c.rubrik)];
    if (withBedömning) head.getCell(bedCol).value = 'Bedömning';
    m.kolumner.forEach((c, i) => w.seeHeader(3 + i, c.rubrik));
    styleHeader(head, 1, lastCol);
    for (const n of m.nämndmål) {
      seen.add(n.id);
      const goal = (row: ExcelJS.Row): void => {
        row.getCell(1).value = n.namn;
        row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
        row.getCell(1).font = { bold: true };
        w.see(1, n.namn);
      };
      if (!n.indikatorer.length) {
        const row = ws.getRow(r++);
        goal(row);
        row.getCell(2).value = `Ingen ${m.benämning.indikator.toLowerCase()}`;
        row.getCell(2).font = { italic: true };
        if (withBedömning) bedömning(row.getCell(bedCol), n);
        continue;
      }
      n.indikatorer.forEach((ind, ii) => {
        const row = ws.getRow(r++);
        goal(row);
        const name = `${ind.namn}${ind.obligatorisk ? '*' : ''}${ind.fotnoter.map(supMarker).join('')}`;
        row.getCell(2).value = name;
        row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
        w.see(2, name);
        values(row, ind.värden, ind.id, m, false);
        if (withBedömning && ind.bedömning) bedömning(row.getCell(bedCol), { bedömning: { nivå: ind.bedömning } });
        else if (withBedömning && ii === 0) bedömning(row.getCell(bedCol), n);
        for (const dr of ind.delrader) {
          const sub = ws.getRow(r++);
          goal(sub);
          sub.getCell(2).value = dr.namn;
          sub.getCell(2).alignment = { indent: 2, wrapText: true, vertical: 'top' };
          sub.getCell(2).font = { italic: true };
          values(sub, dr.värden, `${ind.id}.${slugify(dr.namn)}`, m, true);
        }
      });
    }
    if (m.nämndmål.some((n) => n.indikatorer.some((i) => i.obligatorisk))) proseRow(ws, r++, markörText(d, m), lastCol);
    for (const f of m.fotnoter) proseRow(ws, r++, `${supMarker(f.markör)} ${f.text}`, lastCol);
    r++;
  }

  // Goals that appear only in a målredovisning.
  const rest = d.mål
    .filter((m) => m.visning === 'målredovisning')
    .flatMap((m) => m.nämndmål.map((n) => ({ m, n })))
    .filter(({ n }) => !seen.has(n.id));
  if (rest.length) {
    writeTitle(ws, r++, 'Målredovisning', 11);
    const head = ws.getRow(r++);
    head.values = ['Målområde', rest[0]!.m.benämning.mål];
    if (withBedömning) head.getCell(bedCol).value = 'Bedömning';
    styleHeader(head, 1, lastCol);
    for (const { m, n } of rest) {
      seen.add(n.id);
      const row = ws.getRow(r++);
      row.getCell(1).value = m.målområde;
      row.getCell(2).value = n.namn;
      w.see(2, n.namn);
      if (withBedömning) bedömning(row.getCell(bedCol), n);
    }
  }

  w.apply(ws, lastCol, 10, 18, { 1: [24, 45], 2: [30, 60], ...(withBedömning ? { [bedCol]: [14, 20] } : {}) });
  fitRowHeights(ws);
  printSetup(ws, { titel: d.titelsida.titel, blad: 'Mål och indikatorer', landscape: true });
}
