import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import { UNIT_FACTOR } from '../core/format/number.js';
import type { Path, SourceMap } from '../load/yaml-source.js';
import type { Rad, Tabell } from '../schema/tabell.js';
import type { Export } from './ledger.js';
import type { Mappning, RadMappning } from './mapping-schema.js';
import { intervall, koder, periodtest, överlapp, type Filter } from './selection.js';

/** A mapped table row: what it selects, its sign, whether it is a total, where the mapping names it. */
export interface MappadRad {
  id: string;
  filter: Filter;
  tecken: 1 | -1;
  /** summa, delsumma, varav and jämförelse rows: totals and comparisons, which may take what other rows take. */
  summerande: boolean;
  plats: Position;
}

export interface MappadKolumn {
  id: string;
  /** The column's place in the table, for list-form values. */
  index: number;
  art: string;
  period: (p: string | undefined) => boolean;
  enhet: string;
  decimaler: number;
}

export interface MappadTabell {
  id: string;
  urval: Filter;
  tecken: 1 | -1;
  rader: MappadRad[];
  kolumner: MappadKolumn[];
}

const SUMMERANDE = new Set(['summa', 'delsumma', 'varav', 'jämförelse']);

function allaRader(rader: Rad[], ut: Map<string, Rad> = new Map()): Map<string, Rad> {
  for (const r of rader) {
    ut.set(r.id, r);
    if (r.rader) allaRader(r.rader, ut);
  }
  return ut;
}

const delaUpp = (r: RadMappning): { konton: string[]; dims: Record<string, string[]> } => {
  const { konton, tecken: _tecken, ...dims } = r;
  return { konton, dims: dims as Record<string, string[]> };
};

/**
 * Checks a mapping against the export and the report's tables before any amount is read, and
 * turns it into selections: unknown tables, rows, columns, dimensions and accounts, and two rows
 * of a table that can take the same ledger row, are errors at their place in the mapping.
 */
export function kompileraMappning(
  exp: Export,
  m: Mappning,
  källa: SourceMap,
  tabeller: Tabell[],
): { tabeller: MappadTabell[]; fel: Diagnostic[]; varningar: Diagnostic[] } {
  const fel: Diagnostic[] = [];
  const varningar: Diagnostic[] = [];
  const vid = (path: Path, meddelande: string, nyckel = false, lista: Diagnostic[] = fel): void => {
    lista.push({
      allvarlighet: lista === fel ? 'fel' : 'varning',
      regel: 'import-mappning',
      meddelande,
      plats: (nyckel ? källa.keyAt(path) : undefined) ?? källa.at(path),
    });
  };
  const dimensioner = [...exp.dimensioner.keys()];
  const byggFilter = (path: Path, konton: string[], dims: Record<string, string[]>): Filter => {
    const f: Filter = { konton: [], dimensioner: [] };
    konton.forEach((k, j) => {
      const iv = intervall(k)!;
      f.konton.push(iv);
      // A single account the export does not know is a typo or a stale mapping; a range may be empty.
      if (iv.från === iv.till && !exp.konton.has(k.trim()) && !exp.konton.has(String(iv.från))) {
        vid(
          [...path, 'konton', j],
          `kontot ${k.trim()} finns inte i exporten ${exp.fil}; rätta kontot eller ta bort det`,
        );
      }
    });
    for (const [d, lista] of Object.entries(dims)) {
      const dim = exp.dimensioner.get(d.toLowerCase());
      if (!dim) {
        vid(
          [...path, d],
          `okänd dimension "${d}": exporten har ${dimensioner.length ? dimensioner.map((x) => `"${x}"`).join(', ') : 'inga dimensioner'}`,
          true,
        );
        continue;
      }
      lista.forEach((k, j) => {
        const iv = intervall(k);
        const finns =
          iv && iv.från !== iv.till
            ? [...dim.objekt.keys()].some((o) => /^\d+$/.test(o) && Number(o) >= iv.från && Number(o) <= iv.till)
            : dim.objekt.has(k);
        if (!finns)
          vid([...path, d, j], `${d} ${k} finns inte i exporten; raden får inga belopp därifrån`, false, varningar);
      });
      f.dimensioner.push([dim.namn, koder(lista)]);
    }
    return f;
  };

  const ut: MappadTabell[] = [];
  const tabellerById = new Map(tabeller.map((t) => [t.id, t]));
  const sedda = new Set<string>();
  m.tabeller.forEach((tm, ti) => {
    const tp: Path = ['tabeller', ti];
    const t = tabellerById.get(tm.tabell);
    if (!t) {
      vid([...tp, 'tabell'], `okänd tabell "${tm.tabell}" (tabellerna är ${tabeller.map((x) => x.id).join(', ')})`);
      return;
    }
    if (sedda.has(t.id))
      vid([...tp, 'tabell'], `tabellen "${t.id}" mappas två gånger; samla dess rader och kolumner i en post`);
    sedda.add(t.id);
    const urval = byggFilter([...tp, 'urval'], [], tm.urval ?? {});
    const rader = allaRader(t.rader);
    const mappade: MappadRad[] = [];
    for (const [id, rm] of Object.entries(tm.rader)) {
      const rp: Path = [...tp, 'rader', id];
      const rad = rader.get(id);
      if (!rad) {
        vid(rp, `okänd rad "${id}" i tabellen ${t.id} (raderna är ${[...rader.keys()].join(', ')})`, true);
        continue;
      }
      if (rad.roll === 'grupp') {
        vid(rp, `raden "${id}" är en grupprubrik utan värden; mappa raderna under den`, true);
        continue;
      }
      const { konton, dims } = delaUpp(rm);
      const felFöre = fel.length;
      const filter = byggFilter(rp, konton, dims);
      // A row whose selection is already wrong is not compared with the others (one message, not two).
      if (fel.length > felFöre) continue;
      const ny: MappadRad = {
        id,
        filter,
        tecken: (rm.tecken ?? tm.tecken) === 'omvänt' ? -1 : 1,
        summerande: SUMMERANDE.has(rad.roll),
        plats: källa.at(rp),
      };
      // One ledger row into two table rows would count it twice: an error, at the later row.
      for (const a of ny.summerande ? [] : mappade.filter((x) => !x.summerande)) {
        const ö = överlapp(a.filter, filter);
        if (!ö) continue;
        const k = konton.findIndex((x) => x.trim() === ö[1].text);
        vid(
          [...rp, 'konton', Math.max(0, k)],
          `konton ${ö[1].text} i raden "${id}" överlappar ${ö[0].text} i raden "${a.id}" (rad ${a.plats.rad}); ett belopp kan bara höra till en rad i tabellen (summa-, varav- och jämförelserader får överlappa)`,
        );
      }
      mappade.push(ny);
    }
    const kolumner: MappadKolumn[] = [];
    for (const [id, km] of Object.entries(tm.kolumner)) {
      const index = t.kolumner.findIndex((k) => k.id === id);
      if (index < 0) {
        vid(
          [...tp, 'kolumner', id],
          `okänd kolumn "${id}" i tabellen ${t.id} (kolumnerna är ${t.kolumner.map((k) => k.id).join(', ')})`,
          true,
        );
        continue;
      }
      const k = t.kolumner[index]!;
      const enhet = k.enhet ?? t.enhet;
      if (UNIT_FACTOR[enhet] === undefined) {
        vid(
          [...tp, 'kolumner', id],
          `kolumnen "${id}" har enheten ${enhet}; bara belopp (kr, tkr, mnkr, mdkr) kan importeras`,
          true,
        );
        continue;
      }
      kolumner.push({
        id,
        index,
        art: km.art,
        period: periodtest(km.perioder),
        enhet,
        decimaler: k.decimaler ?? t.decimaler,
      });
    }
    ut.push({ id: t.id, urval, tecken: tm.tecken === 'omvänt' ? -1 : 1, rader: mappade, kolumner });
  });
  return { tabeller: ut, fel, varningar };
}
