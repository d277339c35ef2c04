import { TextRun } from 'docx';
import type { UppdragBlock } from '../../model/dokument.js';
import { statusText, type Profil } from '../../model/profil.js';
import { caption, UPPDRAG_KOLUMNER } from '../shared.js';
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

/** A delårsrapport's uppdrag: a table with number, text, status and comment. */
export function uppdragTable(profil: Profil, u: UppdragBlock): Flow {
  const status = (s?: string): string => (s ? statusText(profil, s) : '');
  const [nr, text, st, kommentar] = UPPDRAG_KOLUMNER;
  const needs = [
    need(
      nr,
      u.uppdrag.map((x) => String(x.nummer)),
      { numeric: true },
    ),
    need(
      text,
      u.uppdrag.map((x) => `${x.granska ? GRANSKA : ''}${x.text}`),
      { floor: 2400, cap: 5200, first: true },
    ),
    need(
      st,
      u.uppdrag.map((x) => status(x.status)),
      { cap: 1800 },
    ),
    need(
      kommentar,
      u.uppdrag.map((x) => x.kommentar ?? ''),
      { floor: 2000, cap: 5200 },
    ),
  ];
  const rows = u.uppdrag.map((x) => ({
    cells: [
      { text: String(x.nummer), right: true },
      { text: uppdragText(x) },
      { text: status(x.status) },
      { text: x.kommentar ?? '' },
    ] satisfies GridCell[],
  }));
  return placedTable(
    caption(u),
    { head: UPPDRAG_KOLUMNER.map((h, i): GridCell => ({ text: h, right: i === 0 })), rows, needs },
    [],
  );
}
