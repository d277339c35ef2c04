import type { Diagnostic } from '../../../diagnostics/diagnostic.js';
import { convertAmount, decimalsInUnit, formatNumber, roundHalfAway as roundTo } from '../../../format/number.js';
import type { Dokument, Fakt, TabellBlock, TabellKolumn } from '../../../model/dokument.js';
import type { CheckRule } from '../../run-checks.js';
import { describeCell } from '../tabell-regel/index.js';

const sameMeasure = (a: TabellKolumn, b: TabellKolumn): boolean =>
  a.mått === b.mått && a.år === b.år && (a.period ?? '') === (b.period ?? '') && (a.delmått ?? '') === (b.delmått ?? '');

/** Column pairs of two tables: explicit mapping first, then equal ids, then equal measure and year. */
export function pairColumns(ta: TabellBlock, tb: TabellBlock, explicit: Record<string, string> = {}): [string, string][] {
  const out: [string, string][] = [];
  for (const a of ta.kolumner) {
    const b = explicit[a.id] ? tb.kolumner.find((k) => k.id === explicit[a.id]) : (tb.kolumner.find((k) => k.id === a.id) ?? tb.kolumner.find((k) => sameMeasure(a, k)));
    if (b) out.push([a.id, b.id]);
  }
  return out;
}

export interface Comparison {
  a: Fakt;
  b: Fakt;
  verdict: 'lika' | 'inom avrundning' | 'olika' | 'tusenfel';
}

/**
 * Compares two published figures of the same amount in possibly different units: the more
 * precise one, converted and rounded to the other's precision, must equal it.
 */
export function compareFacts(a: Fakt, b: Fakt): Comparison | undefined {
  if (a.cell.typ !== 'tal' || b.cell.typ !== 'tal') return undefined;
  const bInA = convertAmount(b.cell.tal, b.enhet, a.enhet);
  if (bInA === undefined) return undefined;
  const va = a.cell.tal;
  // Both in a's unit, each at its own printed precision: equal precisions must agree exactly;
  // otherwise the finer one, rounded to the coarser precision, must give the coarser one.
  const bDecInA = decimalsInUnit(b.decimaler, b.enhet, a.enhet);
  const coarse = Math.min(a.decimaler, bDecInA);
  if (roundTo(va, Math.max(a.decimaler, bDecInA)) === roundTo(bInA, Math.max(a.decimaler, bDecInA))) return { a, b, verdict: 'lika' };
  if (a.decimaler !== bDecInA && roundTo(va, coarse) === roundTo(bInA, coarse)) return { a, b, verdict: 'inom avrundning' };
  const ratio = bInA !== 0 ? va / bInA : 0;
  if (Math.abs(Math.abs(ratio) - 1000) < 10 || (ratio !== 0 && Math.abs(Math.abs(1 / ratio) - 1000) < 10)) return { a, b, verdict: 'tusenfel' };
  return { a, b, verdict: 'olika' };
}

export const crossTable: CheckRule = {
  id: 'samband',
  run(d: Dokument) {
    const fynd: Diagnostic[] = [];
    // An indicator ("mål/<id>") takes part with its goal table's columns.
    const table = (id: string, row: string): TabellBlock | undefined => {
      if (id !== 'mål') return d.tabeller.find((t) => t.id === id);
      const block = d.mål.find((b) => b.kolumner.length > 0 && b.nämndmål.some((g) => g.indikatorer.some((i) => i.id === row)));
      return block ? { typ: 'tabell', id: 'mål', nummer: 0, rubrik: block.kommunmål, tabelltyp: 'övrig', enhet: '', förspalt: '', teckenkonvention: 'ej-tillämplig', kolumner: block.kolumner, rader: [], fotnoter: [], regler: [] } : undefined;
    };
    for (const sb of d.samband) {
      const [ra, rb] = sb.rader;
      const [tia, ria] = ra.split('/') as [string, string];
      const [tib, rib] = rb.split('/') as [string, string];
      const ta = table(tia, ria);
      const tb = table(tib, rib);
      if (!ta || !tb) continue;
      for (const [ca, cb] of pairColumns(ta, tb, sb.kolumner)) {
        const fa = d.fakta.get(`${tia}/${ria}/${ca}`);
        const fb = d.fakta.get(`${tib}/${rib}/${cb}`);
        if (!fa || !fb) continue;
        const c = compareFacts(fa, fb);
        if (!c || c.verdict === 'lika' || c.verdict === 'inom avrundning') continue;
        const what = `${describeCell(fa)} = ${formatNumber((fa.cell as { tal: number }).tal, fa.decimaler)} ${fa.enhet}, men ${describeCell(fb)} = ${formatNumber((fb.cell as { tal: number }).tal, fb.decimaler)} ${fb.enhet}`;
        fynd.push({
          allvarlighet: 'fel',
          regel: c.verdict === 'tusenfel' ? 'samband-tusenfel' : 'samband',
          meddelande: c.verdict === 'tusenfel' ? `${what}: beloppet är tusen gånger för stort eller litet (tkr skrivet i en mnkr-tabell?)` : `samma belopp i två tabeller stämmer inte: ${what}`,
          ...(fa.plats ? { plats: fa.plats } : sb.plats ? { plats: sb.plats } : {}),
          fakta: [fa.id, fb.id],
        });
      }
    }
    return { fynd };
  },
};
