import type { DiagramBlock } from '../../core/model/dokument.js';
import { formatWithUnit, joinOch, unitTitle } from './format.js';

interface Point {
  serie: string;
  kategori: string;
  värde: number;
}

/** Where a point is: "Kommungemensamt, Budget 2024" (the series only when there are several). */
function where(b: DiagramBlock, p: Point): string {
  return b.serier.length > 1 ? `${p.kategori}, ${p.serie}` : p.kategori;
}

/**
 * The chart in words, generated from its data: what is compared, the largest and smallest values
 * with their category and series, the total per series (not for percentages, whose sum means
 * nothing): the table's own sum row when the chart shows all it sums, else a sum said to be computed) and which values are missing. Swedish formatting, with the unit.
 */
export function chartTextAlternative(b: DiagramBlock): string {
  const n = b.kategorier.length;
  const kategorier = `${n} ${n === 1 ? 'kategori' : 'kategorier'}`;
  const serier = b.serier.map((s) => s.namn);
  const out: string[] = [];
  const art = b.diagramtyp === 'liggande-staplar' ? 'Liggande stapeldiagram' : 'Stapeldiagram';
  out.push(
    serier.length > 1
      ? `${art} som jämför ${joinOch(serier)} för ${kategorier}: ${joinOch(b.kategorier)}.`
      : `${art} som visar ${serier[0] ?? 'värden'} för ${kategorier}: ${joinOch(b.kategorier)}.`,
  );
  out.push(`${unitTitle(b.enhet)}.`);

  const points: Point[] = [];
  const missing: string[] = [];
  b.serier.forEach((s) =>
    b.kategorier.forEach((kategori, k) => {
      const v = s.värden[k];
      if (v === null || v === undefined || !Number.isFinite(v))
        missing.push(b.serier.length > 1 ? `${kategori}, ${s.namn}` : kategori);
      else points.push({ serie: s.namn, kategori, värde: v });
    }),
  );
  if (points.length === 1) {
    const p = points[0]!;
    out.push(`Det enda värdet är ${where(b, p)}: ${formatWithUnit(b, p.värde)}.`);
  } else if (points.length > 1) {
    // The first in reading order wins a tie, so the text is stable.
    const max = points.reduce((a, p) => (p.värde > a.värde ? p : a));
    const min = points.reduce((a, p) => (p.värde < a.värde ? p : a));
    out.push(
      `Störst är ${where(b, max)}: ${formatWithUnit(b, max.värde)}; minst är ${where(b, min)}: ${formatWithUnit(b, min.värde)}.`,
    );
  }

  if (b.enhet !== '%' && points.length > 0) {
    if (b.serier.every((s) => s.summa)) {
      // The table's published total, as printed there: never a recomputed sum that rounding makes differ.
      const rad = b.serier[0]!.summa!.rad;
      const parts = b.serier.map(
        (s) => `${formatWithUnit(b, s.summa!.värde)}${b.serier.length > 1 ? ` för ${s.namn}` : ''}`,
      );
      out.push(`Totalt enligt tabellens rad ${rad}: ${joinOch(parts)}.`);
    } else {
      const totals = b.serier.map((s) => ({
        namn: s.namn,
        summa: s.värden.reduce<number>((a, v) => (v === null || !Number.isFinite(v) ? a : a + v), 0),
      }));
      // No published total covers exactly these values: the sum is computed here, and the text says so.
      out.push(
        totals.length === 1
          ? `Summan av de visade värdena, räknad av verktyget, är ${formatWithUnit(b, totals[0]!.summa)}.`
          : `Summan av de visade värdena, räknad av verktyget, är ${joinOch(totals.map((t) => `${formatWithUnit(b, t.summa)} för ${t.namn}`))}.`,
      );
    }
  }
  if (missing.length) out.push(`Uppgift saknas för ${joinOch(missing)}.`);
  return out.join(' ');
}
