import { TextRun } from 'docx';
import type { Dokument, UppdragBlock } from '../../core/model/dokument.js';
import { caption, UPPDRAG_KOLUMNER, uppdragKolumner } from '../shared.js';
import type { Flow } from './flow.js';
import { need, type GridCell } from './grid.js';
import { placedTable } from './tables.js';

const GRANSKA = '[Att granska]';

/** An uppdrag's text, with "[Att granska]" first when it was carried over and not yet reviewed. */
export function uppdragText(x: UppdragBlock['uppdrag'][number]): TextRun[] {
  return [
    ...(x.granska ? [new TextRun({ text: `${GRANSKA} `, bold: true })] : []),
    new TextRun(x.text),
    ...(x.not ? [new TextRun({ text: ` ${x.not}`, italics: true })] : []),
  ];
}

/**
 * An uppdrag table: Nr (when the list is numbered), the text, and the list's chosen columns
 * (Status and Kommentar in a delårsrapport).
 */
export function uppdragTable(d: Dokument, u: UppdragBlock): Flow {
  const kolumner = uppdragKolumner(d, u);
  const nr = u.numrerad ? [UPPDRAG_KOLUMNER[0]] : [];
  const wide = (rubrik: string): boolean => rubrik === 'Kommentar';
  const needs = [
    ...nr.map((h) =>
      need(
        h,
        u.uppdrag.map((x) => String(x.nummer ?? '')),
        { numeric: true },
      ),
    ),
    need(
      UPPDRAG_KOLUMNER[1],
      u.uppdrag.map((x) => `${x.granska ? GRANSKA : ''}${x.text}`),
      { floor: 2400, cap: 5200, first: true },
    ),
    ...kolumner.map((k) =>
      need(
        k.rubrik,
        u.uppdrag.map((x) => k.text(x)),
        wide(k.rubrik) ? { floor: 2000, cap: 5200 } : { cap: 1800 },
      ),
    ),
  ];
  const rows = u.uppdrag.map((x) => ({
    cells: [
      ...(u.numrerad ? [{ text: String(x.nummer ?? ''), right: true }] : []),
      { text: uppdragText(x) },
      ...kolumner.map((k) => ({ text: k.text(x) })),
    ] satisfies GridCell[],
  }));
  const head = [...nr, UPPDRAG_KOLUMNER[1], ...kolumner.map((k) => k.rubrik)].map((h, i): GridCell => ({
    text: h,
    right: u.numrerad && i === 0,
  }));
  return placedTable(caption(u), { head, rows, needs }, []);
}
