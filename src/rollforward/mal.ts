import { flyttaKolumnlista, flyttaVärden, type Kolumnflytt, type Kolumnkarta } from './kolumner.js';
import { läsYaml, mapItems, skrivYaml, strängVärde } from '../load/yaml-doc.js';

export interface RulladeMål {
  text: string;
  /** Per indicator id: how its table's columns moved, for references `{=mål/<indikator>/<kolumn>}`. */
  kolumner: Map<string, Kolumnkarta>;
  /** How many nämndmål lost a bedömning. */
  bedömningarBorttagna: number;
}

/**
 * mal.yaml one year on. The goal tables' columns (the file's, and a kommunmål's own) move by the
 * rule in kolumner.ts, so each indicator's values move one column: the latest outcome lands in
 * the column that now shows its year, the new latest year is blank (null, never an invented
 * I.U.), and each target stays with its year. A delårsrapport's `bedömning` blocks are removed:
 * a new year has no assessment yet. Goals, indicators, descriptions and footnotes carry over.
 */
export function rullaMål(text: string, fil = 'mal.yaml'): RulladeMål {
  const y = läsYaml(text, fil);
  const kartor = new Map<string, Kolumnkarta>();
  let bedömningarBorttagna = 0;
  const fil_ = flyttaKolumnlista(y.doc.get('kolumner'), `${fil}: kolumner`);
  for (const o of mapItems(y.doc.get('målområden'))) {
    // A målområde's own nämndmål (no kommunövergripande mål) move like a kommunmål's.
    for (const k of [...mapItems(o.get('kommunövergripande_mål')), ...(o.has('nämndmål') ? [o] : [])]) {
      const egna = k.get('kolumner');
      const { flyttar, karta }: { flyttar: Kolumnflytt[]; karta: Kolumnkarta } =
        egna === undefined ? fil_ : flyttaKolumnlista(egna, `${fil}: kolumnerna för ${strängVärde(k, 'id') ?? '?'}`);
      for (const n of mapItems(k.get('nämndmål'))) {
        if (n.has('bedömning')) {
          n.delete('bedömning');
          bedömningarBorttagna++;
        }
        for (const ind of mapItems(n.get('indikatorer'))) {
          const id = strängVärde(ind, 'id');
          if (id !== undefined) kartor.set(id, karta);
          const värden = ind.get('värden', true);
          if (värden !== undefined) flyttaVärden(värden, flyttar);
          for (const d of mapItems(ind.get('delrader'))) {
            const dv = d.get('värden', true);
            if (dv !== undefined) flyttaVärden(dv, flyttar);
          }
        }
      }
    }
  }
  return { text: skrivYaml(y), kolumner: kartor, bedömningarBorttagna };
}
