import { isMap, isScalar, isSeq, Scalar, YAMLMap, type Document } from 'yaml';
import type { Kolumnflytt, KolumnIn } from '../rollforward/kolumner.js';
import { flyttaVärden, läsKolumner } from '../rollforward/kolumner.js';
import { läsYaml, mapItems, seqItems, skrivYaml, sättScalar, talVärde } from '../load/yaml-doc.js';
import { RullaFramFel } from '../load/rulla-fram-fel.js';
import { PERIODRAPPORTER, type Rapporttyp } from '../schema/rapport.js';
import { kapitelfiler, type Fil } from './init.js';
import { kolumnerFörTyp, periodKort, periodSlut, titelFörTyp } from './typer.js';

export interface BytTypResultat {
  data: Fil[];
  texter: Fil[];
  budgetår: number;
  anteckningar: string[];
}

/**
 * The same year's report of another kind, started from a report (a delårsrapport from its
 * internbudget): goals, indicators, uppdrag and the year's budget columns carry over, outcome,
 * prognos and deviation columns are added empty, and the chapters are new headings to write.
 * Pure: files in, files out. The yaml Document keeps comments and decimals as written.
 */
export function bytTyp(källa: { id: string; data: Fil[] }, nyttId: string, typ: Rapporttyp): BytTypResultat {
  const fil = (namn: string): Fil | undefined => källa.data.find((f) => f.namn === namn);
  const väg = (namn: string): string => `data/${källa.id}/${namn}`;
  const rapportFil = fil('rapport.yaml');
  if (!rapportFil) throw new RullaFramFel(`${väg('rapport.yaml')} saknas`);
  const anteckningar: string[] = [];

  const r = läsYaml(rapportFil.text, väg('rapport.yaml'));
  const år = talVärde(r.doc.contents as YAMLMap, 'budgetår');
  if (år === undefined) throw new RullaFramFel(`${väg('rapport.yaml')}: budgetår saknas`);
  const till = PERIODRAPPORTER.includes(typ) ? periodSlut(typ, år) : undefined;
  const m = r.doc.contents as YAMLMap;
  const nämnd = typeof m.get('nämnd') === 'string' ? (m.get('nämnd') as string) : '';
  sättScalar(m, 'id', nyttId);
  sättScalar(m, 'rapporttyp', typ);
  sättScalar(m, 'titel', titelFörTyp(typ, nämnd, år, till));
  sättScalar(m, 'status', 'utkast');
  sättScalar(m, 'datum', till ?? `${år + 1}-02-28`);
  for (const k of [
    'mall',
    'undertitel',
    'planår',
    'period',
    'beslut',
    'bilaga',
    'bilagor',
    'underskrifter',
    'accepterade',
  ])
    m.delete(k);
  if (till) m.set('period', r.doc.createNode({ från: `${år}-01-01`, till }, { flow: true }));
  const data: Fil[] = [{ namn: 'rapport.yaml', text: skrivYaml(r) }];

  const nya = kolumnerFörTyp(typ, år, till).filter((k) => k.mått !== 'budget');
  const tabeller = fil('tabeller.yaml');
  if (tabeller) {
    const y = läsYaml(tabeller.text, väg('tabeller.yaml'));
    const behållna = new Map<string, Set<string>>();
    for (const t of mapItems(y.doc.get('tabeller'))) {
      const { flyttar, kvar } = nyaKolumner(
        y.doc,
        t,
        (c) => c.år === år && (c.mått === 'budget' || c.mått === 'ram'),
        nya,
      );
      behållna.set(String(t.get('id')), kvar);
      flyttaRader(t.get('rader'), flyttar, kvar);
      // Rules and charts over columns that are gone go with them; row rules stay.
      rensa(t, 'regler', (regel) => {
        const kolumn = regel.get('kolumn');
        return (
          kolumn === undefined && seqItems(regel.get('kolumner')).every((n) => isScalar(n) && kvar.has(String(n.value)))
        );
      });
      rensa(t, 'diagram', (d) => seqItems(d.get('kolumner')).every((n) => isScalar(n) && kvar.has(String(n.value))));
      rensa(t, 'kolumngrupper', (g) =>
        seqItems(g.get('kolumner')).every((n) => isScalar(n) && kvar.has(String(n.value))),
      );
      if (t.has('efter')) t.delete('efter');
    }
    rensa(y.doc.contents as YAMLMap, 'samband', (s) => {
      const k = s.get('kolumner');
      return (
        !isMap(k) ||
        k.items.every((p) => [...behållna.values()].some((set) => isScalar(p.key) && set.has(String(p.key.value))))
      );
    });
    data.push({ namn: 'tabeller.yaml', text: skrivYaml(y) });
    anteckningar.push(
      `tabeller.yaml: årets budgetkolumner följde med; ${nya.map((k) => k.rubrik).join(', ')} är nya och tomma`,
    );
  }

  const mål = fil('mal.yaml');
  if (mål) {
    const y = läsYaml(mål.text, väg('mal.yaml'));
    const utfall = [
      {
        id: `utfall_${år}`,
        rubrik: till ? `Utfall ${periodKort(till)} ${år}` : `Utfall ${år}`,
        mått: 'utfall' as const,
        år,
      },
    ];
    const behåll = (c: KolumnIn): boolean => (c.år ?? 0) < år || (c.år === år && c.mått !== 'utfall');
    const filens = nyaKolumner(y.doc, y.doc.contents as YAMLMap, behåll, utfall).flyttar;
    for (const o of mapItems(y.doc.get('målområden'))) {
      for (const k of [...mapItems(o.get('kommunövergripande_mål')), ...(o.has('nämndmål') ? [o] : [])]) {
        const flyttar = k.has('kolumner') ? nyaKolumner(y.doc, k, behåll, utfall).flyttar : filens;
        for (const n of mapItems(k.get('nämndmål'))) {
          for (const ind of mapItems(n.get('indikatorer'))) {
            const ids = new Set(flyttar.map((f) => f.nyId));
            behållVärden(ind.get('värden', true), flyttar, ids);
            for (const d of mapItems(ind.get('delrader'))) behållVärden(d.get('värden', true), flyttar, ids);
          }
        }
      }
    }
    data.push({ namn: 'mal.yaml', text: skrivYaml(y) });
    anteckningar.push(
      `mal.yaml: målen och indikatorerna följde med, med en tom kolumn för årets utfall; bedöm varje nämndmål (bedömning: {nivå: …})`,
    );
  }

  const uppdrag = fil('uppdrag.yaml');
  if (uppdrag) {
    const y = läsYaml(uppdrag.text, väg('uppdrag.yaml'));
    for (const l of mapItems(y.doc.get('listor'))) {
      if (l.has('efter')) l.delete('efter');
      for (const u of mapItems(l.get('uppdrag'))) u.delete('granska');
    }
    data.push({ namn: 'uppdrag.yaml', text: skrivYaml(y) });
    anteckningar.push('uppdrag.yaml: uppdragen följde med; ge vart och ett status och kommentar');
  }
  const uppgifter = fil('uppgifter.yaml');
  if (uppgifter) data.push(uppgifter);

  return { data, texter: kapitelfiler(typ), budgetår: år, anteckningar };
}

/** Keeps the columns `behåll` picks (their values move with them) and appends `nya`, empty. */
function nyaKolumner(
  doc: Document,
  ägare: YAMLMap,
  behåll: (c: KolumnIn) => boolean,
  nya: { id: string; rubrik: string; mått: string; år: number; period?: string }[],
): { flyttar: Kolumnflytt[]; kvar: Set<string> } {
  const noder = mapItems(ägare.get('kolumner'));
  const gamla = läsKolumner(noder);
  const flyttar: Kolumnflytt[] = [];
  const behållna: YAMLMap[] = [];
  gamla.forEach((c, index) => {
    if (!behåll(c)) return;
    flyttar.push({ gammal: c, nyId: c.id, källa: { index, sätt: 'samma' } });
    behållna.push(noder[index]!);
  });
  const ids = new Set(flyttar.map((f) => f.nyId));
  for (const k of nya) {
    const id = ids.has(k.id) ? `${k.id}_ny` : k.id;
    ids.add(id);
    flyttar.push({ gammal: { id }, nyId: id, källa: null });
    behållna.push(doc.createNode({ ...k, id }, { flow: true }) as YAMLMap);
  }
  ägare.set('kolumner', doc.createNode(behållna));
  return { flyttar, kvar: ids };
}

function rensa(ägare: YAMLMap, nyckel: string, behåll: (n: YAMLMap) => boolean): void {
  const lista = ägare.get(nyckel, true);
  const items = seqItems(lista);
  if (!items.length) return;
  const kvar = items.filter((n) => isMap(n) && behåll(n));
  if (kvar.length === items.length) return;
  if (isSeq(lista)) lista.items = kvar;
}

/** A list of values follows the kept columns; a mapping keeps the pairs of kept columns. */
function behållVärden(värden: unknown, flyttar: Kolumnflytt[], kvar: Set<string>): void {
  if (isSeq(värden)) {
    flyttaVärden(värden, flyttar);
    // The new columns are there whether or not the old list ran to its end.
    while (värden.items.length < flyttar.length) värden.items.push(new Scalar(null));
  } else if (isMap(värden)) värden.items = värden.items.filter((p) => isScalar(p.key) && kvar.has(String(p.key.value)));
}

function flyttaRader(rader: unknown, flyttar: Kolumnflytt[], kvar: Set<string>): void {
  for (const r of mapItems(rader)) {
    behållVärden(r.get('värden', true), flyttar, kvar);
    flyttaRader(r.get('rader'), flyttar, kvar);
  }
}
