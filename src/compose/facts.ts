import type { Position } from '../core/diagnostics/diagnostic.js';
import { decimalsOfSource } from '../core/format/number.js';
import type { Path, SourceMap } from '../load/yaml-source.js';
import type { Fakt, TabellBlock, TabellRad, VisatVärde } from '../core/model/dokument.js';
import type { Cell } from '../schema/cell.js';
import type { Rad, Tabell } from '../schema/tabell.js';

/** Decimals of a cell as written in the YAML source. */
export function cellDecimals(cell: Cell, source: SourceMap | undefined, path: Path, fallback: number): number {
  if (cell.typ === 'jämförelse') return cell.decimaler;
  if (cell.typ === 'tal' && cell.decimaler !== undefined) return cell.decimaler;
  if (!source) return fallback;
  const raw =
    source.raw(path) ??
    source.raw([...path, 'tal']) ??
    source.raw([...path, 'tal', 0]) ??
    source.raw([...path, 'från']);
  return decimalsOfSource(raw, fallback);
}

/**
 * What a qualified value refers to when it is not its column's period ("2020: 49", "49 (2020)",
 * `{tal: 12, period: per den 1 april}`): carried on the fact, so a sentence naming 2020 can match it
 * and one naming the column's year does not.
 */
export function factQualifier(cell: Cell): Pick<Fakt, 'avser'> {
  if (cell.typ !== 'tal' || (cell.referensår === undefined && !cell.period)) return {};
  const text = [cell.referensår, cell.period].filter((x) => x !== undefined).join(' ');
  return { avser: { ...(cell.referensår !== undefined ? { år: cell.referensår } : {}), text } };
}

/**
 * A row's label as printed: a row with a unit of its own (a personal table with %, antal and år)
 * shows it after the label ("Sjukfrånvaro, %"), unless the label already names it.
 */
export function printedLabel(etikett: string, enhet: string | undefined): string {
  if (!enhet) return etikett;
  const word = enhet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s,(])${word}($|[\\s,)])`, 'iu').test(etikett) ? etikett : `${etikett}, ${enhet}`;
}

/** Position of a row's value for a column, whichever form (list or mapping) the writer used. */
function valuePath(base: Path, index: number, columnId: string, source: SourceMap | undefined): Path {
  if (source?.raw([...base, columnId]) !== undefined || source?.keyAt([...base, columnId])) return [...base, columnId];
  return [...base, index];
}

/** Builds a table block and its facts. Facts carry the source position of their cell. */
export function tableFacts(
  t: Tabell,
  ti: number,
  source: SourceMap | undefined,
  /** Where the values stand when the table is not under `tabeller:` (a chart's own series). */
  annanPlats?: { cellPath: (row: number, col: number) => Path; path: Path },
): { block: TabellBlock; fakta: Fakt[] } {
  const fakta: Fakt[] = [];
  const rader: TabellRad[] = [];
  const walk = (rows: Rad[], path: Path, nivå: number): void => {
    rows.forEach((r, ri) => {
      const rp: Path = [...path, ri];
      const celler: (string | null)[] = t.kolumner.map((c, ci) => {
        const cell = r.värden?.[ci];
        if (!cell) return null;
        const cp =
          annanPlats && nivå === 0 ? annanPlats.cellPath(ri, ci) : valuePath([...rp, 'värden'], ci, c.id, source);
        const id = `${t.id}/${r.id}/${c.id}`;
        const plats: Position | undefined = source?.at(cp);
        fakta.push({
          id,
          tabell: t.id,
          rad: r.id,
          kolumn: c.id,
          cell,
          ...factQualifier(cell),
          decimaler: cellDecimals(cell, source, cp, r.decimaler ?? c.decimaler ?? t.decimaler),
          enhet: r.enhet ?? c.enhet ?? t.enhet,
          roll: r.roll,
          radEtikett: r.etikett,
          kolumnRubrik: c.rubrik,
          ...(plats ? { plats } : {}),
        });
        return id;
      });
      rader.push({
        id: r.id,
        etikett: printedLabel(r.etikett, r.enhet !== t.enhet ? r.enhet : undefined),
        roll: r.roll,
        ...(r.varav ? { varav: r.varav } : {}),
        nivå,
        kursiv: r.kursiv ?? (r.roll === 'varav' || r.roll === 'specifikation'),
        fet: r.fet ?? (r.roll === 'summa' || r.roll === 'grupp'),
        fotnoter: r.fotnoter ?? [],
        ...(r.enhet && r.enhet !== t.enhet ? { enhet: r.enhet } : {}),
        celler: r.värden ? celler : t.kolumner.map(() => null),
      });
      if (r.rader) walk(r.rader, [...rp, 'rader'], nivå + 1);
    });
  };
  walk(t.rader, ['tabeller', ti, 'rader'], 0);
  const plats = source?.at(annanPlats?.path ?? ['tabeller', ti]);
  const block: TabellBlock = {
    typ: 'tabell',
    id: t.id,
    nummer: 0,
    rubrik: t.rubrik,
    tabelltyp: t.typ,
    ...(t.avser ? { avser: t.avser } : {}),
    enhet: t.enhet,
    förspalt: t.förspalt,
    teckenkonvention: t.teckenkonvention,
    kolumner: t.kolumner.map((c) => ({
      id: c.id,
      rubrik: c.rubrik,
      mått: c.mått,
      ...(c.år !== undefined ? { år: c.år } : {}),
      ...(c.period ? { period: c.period } : {}),
      ...(c.delmått ? { delmått: c.delmått } : {}),
    })),
    rader,
    fotnoter: t.fotnoter,
    regler: t.regler,
    ...(t.kommentar ? { kommentar: t.kommentar } : {}),
    ...(plats ? { plats } : {}),
  };
  return { block, fakta };
}

export function shownValues(
  cells: Cell[],
  source: SourceMap | undefined,
  base: Path,
  columnIds: string[],
): VisatVärde[] {
  return cells.map((cell, i) => ({
    cell,
    decimaler: cellDecimals(
      cell,
      source,
      valuePath(base, i, columnIds[i] ?? '', source),
      cell.typ === 'tal' && !Number.isInteger(cell.tal) ? 1 : 0,
    ),
  }));
}
