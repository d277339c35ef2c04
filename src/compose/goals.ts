import type { SourceMap } from '../load/yaml-source.js';
import type { Fakt, MålBlock, TabellKolumn, UppdragBlock } from '../core/model/dokument.js';
import type { MålFil } from '../schema/mal.js';
import type { UppdragFil } from '../schema/uppdrag.js';
import { slugify } from '../util/slug.js';
import { factQualifier, shownValues } from './facts.js';

const kol = (c: MålFil['kolumner'][number]): TabellKolumn => ({
  id: c.id,
  rubrik: c.rubrik,
  mått: c.mått,
  ...(c.år !== undefined ? { år: c.år } : {}),
  ...(c.period ? { period: c.period } : {}),
});

/** One indicator block per kommunövergripande mål, plus its indicator values as facts. */
export function goalBlocks(
  mål: MålFil,
  source: SourceMap | undefined,
): { block: Map<string, MålBlock>; område: Map<string, MålBlock>; fakta: Fakt[] } {
  const block = new Map<string, MålBlock>();
  const område = new Map<string, MålBlock>();
  const kommunmålRedovisning = new Map<string, MålBlock>();
  const fakta: Fakt[] = [];
  mål.målområden.forEach((o) => {
    const alla: MålBlock['nämndmål'] = [];
    o.kommunövergripande_mål.forEach((k) => {
      const kolumner = (k.kolumner ?? mål.kolumner).map(kol);
      const ids = kolumner.map((c) => c.id);
      const nämndmål: MålBlock['nämndmål'] = k.nämndmål.map((n, ni) => {
        const np = [...k.källväg, 'nämndmål', ni];
        const indikatorer = n.indikatorer.map((ind, ii) => {
          const ip = [...np, 'indikatorer', ii];
          const värden = shownValues(ind.värden, source, [...ip, 'värden'], ids);
          const delrader = ind.delrader.map((d, di) => ({
            namn: d.namn,
            värden: shownValues(d.värden, source, [...ip, 'delrader', di, 'värden'], ids),
          }));
          const push = (radId: string, etikett: string, vs: typeof värden, base: (string | number)[]): void =>
            vs.forEach((v, ci) => {
              const plats = source?.at([...base, ci]);
              fakta.push({
                id: `mål/${radId}/${ids[ci]}`,
                tabell: 'mål',
                rad: radId,
                kolumn: ids[ci] ?? String(ci),
                cell: v.cell,
                ...factQualifier(v.cell),
                decimaler: v.decimaler,
                enhet: ind.enhet ?? '',
                roll: 'post',
                radEtikett: etikett,
                kolumnRubrik: kolumner[ci]?.rubrik ?? '',
                ...(plats ? { plats } : {}),
              });
            });
          push(ind.id, ind.namn, värden, [...ip, 'värden']);
          delrader.forEach((d, di) =>
            push(`${ind.id}.${slugify(d.namn)}`, `${ind.namn}, ${d.namn}`, d.värden, [...ip, 'delrader', di, 'värden']),
          );
          return {
            id: ind.id,
            namn: ind.namn,
            ...(ind.förklaring ? { förklaring: ind.förklaring } : {}),
            obligatorisk: ind.obligatorisk,
            fotnoter: ind.fotnoter ?? [],
            värden,
            delrader,
            ...(ind.bedömning ? { bedömning: ind.bedömning } : {}),
          };
        });
        return {
          id: n.id,
          namn: n.namn,
          ...(n.beskrivning ? { beskrivning: n.beskrivning } : {}),
          ingenIndikator: n.ingen_indikator,
          indikatorer,
          ...(n.bedömning ? { bedömning: n.bedömning } : {}),
        };
      });
      alla.push(...nämndmål);
      // A kommunmål's own bedömningar, so a template can print them under its heading.
      kommunmålRedovisning.set(k.id, redovisning(k.id, o.namn, k.namn, nämndmål));
      block.set(k.id, {
        typ: 'mål',
        id: k.id,
        nummer: 0,
        målområde: o.namn,
        kommunmål: k.namn,
        benämning: mål.benämning,
        kolumner,
        nämndmål,
        fotnoter: [...k.fotnoter, ...mål.fotnoter],
        visning: 'indikatorer',
      });
    });
    område.set(o.id, redovisning(o.id, o.namn, '', alla));
  });
  // `{{malredovisning id}}` takes a målområde's id, or a kommunmål's where no målområde has it.
  for (const [id, m] of kommunmålRedovisning) if (!område.has(id)) område.set(id, m);
  return { block, område, fakta };

  /** The bedömningar of some nämndmål, printed as a list (the målredovisning), without indicator columns. */
  function redovisning(id: string, målområde: string, kommunmål: string, nämndmål: MålBlock['nämndmål']): MålBlock {
    return {
      typ: 'mål',
      id,
      nummer: 0,
      målområde,
      kommunmål,
      benämning: mål.benämning,
      kolumner: [],
      nämndmål,
      fotnoter: [],
      visning: 'målredovisning',
    };
  }
}

export function uppdragBlocks(u: UppdragFil, delår: boolean, source?: SourceMap): Map<string, UppdragBlock> {
  return new Map(
    u.listor.map((l, li) => [
      l.id,
      {
        typ: 'uppdrag' as const,
        id: l.id,
        nummer: 0,
        rubrik: l.rubrik,
        uppdragstyp: l.typ,
        medStatus: delår || l.visa !== undefined || l.uppdrag.some((x) => x.status !== undefined),
        ...(l.visa ? { kolumner: l.visa } : {}),
        numrerad: l.uppdrag.every((x) => x.nummer !== undefined),
        uppdrag: l.uppdrag.map((x, ui) => ({
          ...(source ? { plats: source.at(['listor', li, 'uppdrag', ui]) } : {}),
          ...(x.nummer !== undefined ? { nummer: x.nummer } : {}),
          text: x.text,
          ...(x.riktat_till ? { riktatTill: x.riktat_till } : {}),
          ...(x.not ? { not: x.not } : {}),
          ...(x.status ? { status: x.status } : {}),
          ...(x.kommentar ? { kommentar: x.kommentar } : {}),
          ...(x.granska ? { granska: true } : {}),
        })),
      },
    ]),
  );
}
