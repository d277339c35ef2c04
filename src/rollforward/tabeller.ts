import { isMap, isScalar, type YAMLMap } from 'yaml';
import { flyttaÅrIText } from './ar.js';
import {
  bytIdILista,
  bytIdIUttryck,
  flyttaKolumnlista,
  flyttaVärden,
  type Kolumnflytt,
  type Kolumnkarta,
} from './kolumner.js';
import { läsYaml, mapItems, skrivYaml, strängVärde, sättScalar } from '../load/yaml-doc.js';

export interface RulladeTabeller {
  text: string;
  /** Per table id: how its columns moved, for the narrative's references. */
  kolumner: Map<string, Kolumnkarta>;
}

/**
 * tabeller.yaml one year on. Columns move by the rule in kolumner.ts; rows, ids, labels, roles,
 * footnotes and comments stay. Rules, diagrams and samband name columns by id, so their column
 * ids are renamed to the column in the same place (`kolumn:`, the ids in a column rule's `är:`,
 * `kolumner:` lists, `diagram.kolumner` and both sides of `samband.kolumner`). A table's and a
 * diagram's rubrik move the years the table's columns show ("utfall 2022 och budget 2023–2024" →
 * "utfall 2023 och budget 2024–2025"); row labels and footnotes are kept as written.
 */
export function rullaTabeller(text: string, fil = 'tabeller.yaml'): RulladeTabeller {
  const y = läsYaml(text, fil);
  const kartor = new Map<string, Kolumnkarta>();
  for (const t of mapItems(y.doc.get('tabeller'))) {
    const id = strängVärde(t, 'id') ?? '?';
    const årITabellen = new Set(
      mapItems(t.get('kolumner'))
        .map((k) => k.get('år'))
        .filter((v): v is number => typeof v === 'number'),
    );
    // A heading's years move with the table's own: "Budget 2024" becomes "Budget 2025".
    const flyttaRubrik = (n: YAMLMap): void => {
      const rubrik = strängVärde(n, 'rubrik');
      if (rubrik !== undefined)
        sättScalar(
          n,
          'rubrik',
          flyttaÅrIText(rubrik, (år) => årITabellen.has(år)),
        );
    };
    const { flyttar, karta } = flyttaKolumnlista(t.get('kolumner'), `${fil}: tabellen ${id}`);
    kartor.set(id, karta);
    flyttaRader(t.get('rader'), flyttar);
    flyttaRubrik(t);
    for (const r of mapItems(t.get('regler'))) {
      const kolumn = strängVärde(r, 'kolumn');
      if (kolumn !== undefined) {
        sättScalar(r, 'kolumn', karta.strukturell.get(kolumn) ?? kolumn);
        // A column rule's expression names columns; a row rule's names rows.
        const är = strängVärde(r, 'är');
        if (är !== undefined) sättScalar(r, 'är', bytIdIUttryck(är, karta.strukturell));
      }
      bytIdILista(r.get('kolumner'), karta.strukturell);
    }
    // Column groups follow their columns, and their headings' years move with the table's.
    for (const g of mapItems(t.get('kolumngrupper'))) {
      bytIdILista(g.get('kolumner'), karta.strukturell);
      flyttaRubrik(g);
    }
    for (const d of mapItems(t.get('diagram'))) {
      bytIdILista(d.get('kolumner'), karta.strukturell);
      flyttaRubrik(d);
    }
  }
  for (const s of mapItems(y.doc.get('samband'))) {
    const rader = (s.get('rader') as { items?: unknown[] } | undefined)?.items ?? [];
    const tabell = (i: number): string | undefined => {
      const n = rader[i];
      return isScalar(n) && typeof n.value === 'string' ? n.value.split('/')[0] : undefined;
    };
    const vänster = kartor.get(tabell(0) ?? '')?.strukturell;
    const höger = kartor.get(tabell(1) ?? '')?.strukturell;
    const kolumner = s.get('kolumner');
    if (!isMap(kolumner)) continue;
    for (const p of kolumner.items) {
      if (isScalar(p.key) && typeof p.key.value === 'string') p.key.value = vänster?.get(p.key.value) ?? p.key.value;
      if (isScalar(p.value) && typeof p.value.value === 'string')
        p.value.value = höger?.get(p.value.value) ?? p.value.value;
    }
  }
  return { text: skrivYaml(y), kolumner: kartor };
}

function flyttaRader(rader: unknown, flyttar: Kolumnflytt[]): void {
  for (const r of mapItems(rader) as YAMLMap[]) {
    const värden = r.get('värden', true);
    if (värden !== undefined) flyttaVärden(värden, flyttar);
    flyttaRader(r.get('rader'), flyttar);
  }
}
