import type { Diagnostic } from '../../../core/diagnostics/diagnostic.js';
import { compareFacts, pairColumns } from '../../../core/samband.js';
import { formatNumber } from '../../../core/format/number.js';
import type { Dokument, TabellBlock } from '../../../core/model/dokument.js';
import type { CheckRule } from '../../run-checks.js';
import { describeCell } from '../tabell-regel/index.js';

export const crossTable: CheckRule = {
  id: 'samband',
  run(d: Dokument) {
    const fynd: Diagnostic[] = [];
    // An indicator ("mål/<id>") takes part with its goal table's columns.
    const table = (id: string, row: string): TabellBlock | undefined => {
      if (id !== 'mål') return d.tabeller.find((t) => t.id === id);
      const block = d.mål.find(
        (b) => b.kolumner.length > 0 && b.nämndmål.some((g) => g.indikatorer.some((i) => i.id === row)),
      );
      return block
        ? {
            typ: 'tabell',
            id: 'mål',
            nummer: 0,
            rubrik: block.kommunmål,
            tabelltyp: 'övrig',
            enhet: '',
            förspalt: '',
            teckenkonvention: 'ej-tillämplig',
            kolumner: block.kolumner,
            rader: [],
            fotnoter: [],
            regler: [],
          }
        : undefined;
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
          meddelande:
            c.verdict === 'tusenfel'
              ? `${what}: beloppet är tusen gånger för stort eller litet (tkr skrivet i en mnkr-tabell?)`
              : `samma belopp i två tabeller stämmer inte: ${what}`,
          ...(fa.plats ? { plats: fa.plats } : sb.plats ? { plats: sb.plats } : {}),
          fakta: [fa.id, fb.id],
        });
      }
    }
    return { fynd };
  },
};
