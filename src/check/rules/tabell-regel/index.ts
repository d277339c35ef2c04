import type { Diagnostic } from '../../../core/diagnostics/diagnostic.js';
import { formatNumber } from '../../../core/format/number.js';
import type { Dokument, Fakt, TabellBlock } from '../../../core/model/dokument.js';
import { planRules } from '../../../core/evaluate.js';
import type { CheckRule } from '../../run-checks.js';
import { nearlyEqual } from '../../interval.js';

export interface RuleCell {
  /** The cell the rule computes. */
  target: Fakt;
  /** The published value and the recomputed one. */
  published: number;
  computed: number;
  /** The terms with their signs, in the rule's order. */
  terms: { sign: 1 | -1; fakt: Fakt | undefined }[];
  /** Half a unit of each term's own printed precision (and the total's, where coarser). */
  bound: number;
  expression: string;
}

/** Every cell a table's declared rules compute: the shared evaluation (check/evaluate.ts), with its facts. */
export function evaluateRules(d: Dokument, t: TabellBlock): RuleCell[] {
  return planRules(d, t).flatMap((p) =>
    p.beräkningar.flatMap((b) => {
      const target = d.fakta.get(b.fakt);
      if (!target) return [];
      const terms = b.termer.map((x) => ({ sign: x.sign, fakt: x.fakt ? d.fakta.get(x.fakt) : undefined }));
      const expression = p.uttryck
        .map((x, i) => `${i ? (x.sign < 0 ? ' - ' : ' + ') : x.sign < 0 ? '-' : ''}${x.id}`)
        .join('');
      return [{ target, published: b.publicerat, computed: b.beräknat, terms, bound: b.tolerans, expression }];
    }),
  );
}

export function describeCell(f: Fakt): string {
  return `${f.tabell}: "${f.radEtikett}", ${f.kolumnRubrik}`;
}

export const tableRules: CheckRule = {
  id: 'tabell-regel',
  run(d) {
    const fynd: Diagnostic[] = [];
    for (const t of d.tabeller) {
      for (const rc of evaluateRules(d, t)) {
        const diff = rc.published - rc.computed;
        if (nearlyEqual(diff, 0)) continue;
        const dec = rc.target.decimaler;
        const fmt = (v: number): string => formatNumber(v, dec);
        // Every cell involved, by label and value: a reader sees the arithmetic without opening the table.
        const shown = rc.terms.slice(0, 12).map((x, i) => {
          const v =
            x.fakt && x.fakt.cell.typ === 'tal' ? formatNumber(Math.abs(x.fakt.cell.tal), x.fakt.decimaler) : 'tom';
          const neg = x.fakt && x.fakt.cell.typ === 'tal' && x.fakt.cell.tal < 0;
          const op = x.sign < 0 !== !!neg ? '−' : '+';
          // A row rule's terms are rows, a column rule's are columns of the same row.
          const name = x.fakt ? (x.fakt.rad === rc.target.rad ? x.fakt.kolumnRubrik : x.fakt.radEtikett) : '?';
          return `${i === 0 ? (op === '−' ? '−' : '') : ` ${op} `}${name} ${v}`;
        });
        const terms = `${shown.join('')}${rc.terms.length > 12 ? ` (+ ${rc.terms.length - 12} termer till)` : ''}`;
        const base = `${describeCell(rc.target)}: publicerat ${fmt(rc.published)}, men ${terms} = ${fmt(rc.computed)} (regeln ${rc.expression}; skillnad ${fmt(diff)} ${rc.target.enhet})`;
        const ratio = rc.computed !== 0 ? rc.published / rc.computed : 0;
        const thousand =
          Math.abs(Math.abs(ratio) - 1000) / 1000 < 0.01 || Math.abs(Math.abs(ratio) - 0.001) / 0.001 < 0.01;
        const within = Math.abs(diff) <= rc.bound + 1e-9;
        fynd.push({
          allvarlighet: within ? 'info' : 'fel',
          regel: within ? 'tabell-regel-avrundning' : 'tabell-regel',
          meddelande: thousand
            ? `${base}; värdet är tusen gånger fel (tkr i en mnkr-tabell?)`
            : within
              ? `${base}; inom avrundning (högst ${formatNumber(rc.bound, dec + 1)})`
              : base,
          ...(rc.target.plats ? { plats: rc.target.plats } : {}),
          fakta: [rc.target.id, ...rc.terms.flatMap((x) => (x.fakt ? [x.fakt.id] : []))],
        });
      }
    }
    return { fynd };
  },
};
