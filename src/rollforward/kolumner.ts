import { isMap, isScalar, isSeq, Pair, Scalar, type YAMLMap } from 'yaml';
import { flyttaÅrIText } from './ar.js';
import { RullaFramFel } from '../load/rulla-fram-fel.js';
import { klona, mapItems, strängVärde, sättScalar, talVärde } from '../load/yaml-doc.js';

/**
 * The column rule, shared by tables (tabeller.yaml) and goal tables (mal.yaml).
 *
 * Structure stays: every column keeps its place, its mått, period and delmått, and moves one year
 * (år + 1; the years in its id and rubrik too: `budget_2024` "Budget 2024" → `budget_2025`
 * "Budget 2025"). A column without a year keeps its id and rubrik and starts blank. Each new
 * column is then filled from the old column that showed the same thing:
 *
 * 1. the old column with the same mått, år, period and delmått keeps its figures (last year's
 *    "Budget 2024" becomes this year's comparison column "Budget 2024"; "Plan 2026" stays
 *    "Plan 2026"; a goal's target for 2025 stays the target for 2025; the latest outcome moves
 *    to the column that now shows that year);
 * 2. a budget column with no such old column takes the old plan for its year, with the same
 *    period and delmått: last year's "Plan 2025" is the draft of this year's "Budget 2025";
 * 3. anything else is blank (null): outcomes, bokslut, prognoses, deviations, frames and targets
 *    for years the old report had no figures for, the new last plan year, and columns without a
 *    year. Nothing is guessed, and a marker such as I.U. is never invented.
 *
 * When several columns share mått, år, period and delmått they are paired in order.
 */
export interface KolumnIn {
  id: string;
  rubrik?: string;
  mått?: string;
  år?: number;
  period?: string;
  delmått?: string;
}

export type Källa = { index: number; sätt: 'samma' | 'plan-som-budget' } | null;

export interface Kolumnflytt {
  gammal: KolumnIn;
  nyId: string;
  nyRubrik?: string;
  nyttÅr?: number;
  källa: Källa;
}

export interface Kolumnkarta {
  /** Old id → new id of the column in the same place (for rules, diagrams and samband). */
  strukturell: Map<string, string>;
  /** Old id → new id of the column that now shows the old column's figures. */
  sammaSiffror: Map<string, string>;
}

const nyckel = (mått: string | undefined, år: number, c: KolumnIn): string =>
  JSON.stringify([mått ?? '', år, c.period ?? '', c.delmått ?? '']);

export function flyttaKolumner(kolumner: KolumnIn[], var_: string): { flyttar: Kolumnflytt[]; karta: Kolumnkarta } {
  // The years in a column's id and rubrik that move: those the table's columns show
  // ("Förändring 2023–2024" → "Förändring 2024–2025"), never other numbers.
  const tabellensÅr = new Set(kolumner.map((c) => c.år).filter((år): år is number => år !== undefined));
  const flytta = (text: string): string => flyttaÅrIText(text, (y) => tabellensÅr.has(y));
  const gamla = new Map<string, number[]>();
  kolumner.forEach((c, i) => {
    if (c.år === undefined) return;
    const k = nyckel(c.mått, c.år, c);
    gamla.set(k, [...(gamla.get(k) ?? []), i]);
  });
  const ordning = new Map<string, number>();
  const nästa = (k: string): number => {
    const n = ordning.get(k) ?? 0;
    ordning.set(k, n + 1);
    return n;
  };
  const flyttar: Kolumnflytt[] = kolumner.map((c) => {
    if (c.år === undefined)
      return { gammal: c, nyId: c.id, ...(c.rubrik !== undefined ? { nyRubrik: c.rubrik } : {}), källa: null };
    const år = c.år + 1;
    const k = nyckel(c.mått, år, c);
    const n = nästa(k);
    let källa: Källa = null;
    const samma = gamla.get(k)?.[n];
    if (samma !== undefined) källa = { index: samma, sätt: 'samma' };
    else if (c.mått === 'budget') {
      const plan = gamla.get(nyckel('plan', år, c))?.[n];
      if (plan !== undefined) källa = { index: plan, sätt: 'plan-som-budget' };
    }
    return {
      gammal: c,
      nyId: flytta(c.id),
      ...(c.rubrik !== undefined ? { nyRubrik: flytta(c.rubrik) } : {}),
      nyttÅr: år,
      källa,
    };
  });
  const sedda = new Map<string, string>();
  for (const f of flyttar) {
    const förra = sedda.get(f.nyId);
    if (förra !== undefined) {
      throw new RullaFramFel(
        `${var_}: kolumnerna "${förra}" och "${f.gammal.id}" får båda id "${f.nyId}" när året flyttas; byt id på någon av dem först`,
      );
    }
    sedda.set(f.nyId, f.gammal.id);
  }
  const strukturell = new Map(flyttar.map((f) => [f.gammal.id, f.nyId] as const));
  const sammaSiffror = new Map<string, string>();
  for (const f of flyttar) {
    if (f.källa?.sätt === 'samma') sammaSiffror.set(kolumner[f.källa.index]!.id, f.nyId);
  }
  return { flyttar, karta: { strukturell, sammaSiffror } };
}

/** Reads the columns of a `kolumner:` list. */
export function läsKolumner(noder: YAMLMap[]): KolumnIn[] {
  return noder.map((n) => {
    const c: KolumnIn = { id: strängVärde(n, 'id') ?? '' };
    const rubrik = strängVärde(n, 'rubrik');
    const mått = strängVärde(n, 'mått');
    const år = talVärde(n, 'år');
    const period = strängVärde(n, 'period');
    const delmått = strängVärde(n, 'delmått');
    if (rubrik !== undefined) c.rubrik = rubrik;
    if (mått !== undefined) c.mått = mått;
    if (år !== undefined) c.år = år;
    if (period !== undefined) c.period = period;
    if (delmått !== undefined) c.delmått = delmått;
    return c;
  });
}

/** Moves the columns of a `kolumner:` list node and returns what moved where. */
export function flyttaKolumnlista(lista: unknown, var_: string): { flyttar: Kolumnflytt[]; karta: Kolumnkarta } {
  const noder = mapItems(lista);
  const res = flyttaKolumner(läsKolumner(noder), var_);
  noder.forEach((n, i) => {
    const f = res.flyttar[i]!;
    if (f.nyttÅr === undefined) return;
    sättScalar(n, 'id', f.nyId);
    if (f.nyRubrik !== undefined) sättScalar(n, 'rubrik', f.nyRubrik);
    sättScalar(n, 'år', f.nyttÅr);
  });
  return res;
}

const tom = (): Scalar => new Scalar(null);

/**
 * Moves a row's `värden` (a list in column order, or a mapping column id → value) to the new
 * columns. The old value nodes are reused, so a value keeps the decimals and form it was written
 * with (`3.0`, `"I.U."`, `{tal: 31, enhet: "%"}`).
 */
export function flyttaVärden(värden: unknown, flyttar: Kolumnflytt[]): void {
  if (isSeq(värden)) {
    const gamla = värden.items.slice();
    const sista = flyttar.reduce((s, f, j) => (f.källa && gamla[f.källa.index] !== undefined ? j : s), -1);
    const längd = gamla.length >= flyttar.length ? flyttar.length : Math.max(gamla.length, sista + 1);
    värden.items = flyttar.slice(0, längd).map((f) => {
      const src = f.källa ? gamla[f.källa.index] : undefined;
      return src === undefined ? tom() : klona(src);
    });
    return;
  }
  if (!isMap(värden)) return;
  const par = new Map<string, Pair>();
  const övriga: unknown[] = [];
  for (const p of värden.items) {
    const k = isScalar(p.key) ? String(p.key.value) : undefined;
    if (k !== undefined && flyttar.some((f) => f.gammal.id === k)) par.set(k, p as Pair);
    else övriga.push(p);
  }
  // Take every value before any pair is changed: one old value may feed a column whose own
  // pair is rewritten earlier in the loop.
  const nyaVärden = flyttar.map((f) => {
    const src = f.källa ? par.get(flyttar[f.källa.index]!.gammal.id)?.value : undefined;
    return src === undefined || src === null ? undefined : klona(src);
  });
  const nya: Pair[] = [];
  flyttar.forEach((f, j) => {
    const egen = par.get(f.gammal.id);
    const värde = nyaVärden[j];
    if (!egen && värde === undefined) return;
    if (egen) {
      if (isScalar(egen.key)) egen.key.value = f.nyId;
      else egen.key = new Scalar(f.nyId);
      egen.value = värde ?? tom();
      nya.push(egen);
    } else {
      nya.push(new Pair(new Scalar(f.nyId), värde));
    }
  });
  värden.items = [...nya, ...(övriga as Pair[])];
}

/** Renames the ids in a rule expression ("budget_2021 - prognos_2021"), keeping its spacing. */
export function bytIdIUttryck(uttryck: string, karta: Map<string, string>): string {
  return uttryck.replace(/[^\s]+/g, (t) => (t === '+' || t === '-' ? t : (karta.get(t) ?? t)));
}

/** Renames the ids in a flow or block list of ids (`kolumner: [a, b]`). */
export function bytIdILista(lista: unknown, karta: Map<string, string>): void {
  if (!isSeq(lista)) return;
  for (const n of lista.items) {
    if (isScalar(n) && typeof n.value === 'string') n.value = karta.get(n.value) ?? n.value;
  }
}
