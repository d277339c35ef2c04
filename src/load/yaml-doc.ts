import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  visit,
  type Document,
  type Node,
  type ToStringOptions,
  type YAMLMap,
} from 'yaml';
import { RullaFramFel } from './rulla-fram-fel.js';

/**
 * A YAML file being rolled forward. The edits are made on the yaml package's Document (nodes keep
 * their comments, scalar style and, for numbers, the decimals as written); `skrivYaml` turns the
 * edited document back into text with `doc.toString()`.
 *
 * `doc.toString()` alone would re-flow every folded paragraph and respace every flow collection
 * of the file, so `skrivYaml` also merges: lines the edits did not touch are taken from the
 * original text, changed lines from `doc.toString()` (a three-way line merge of the original,
 * the unedited document's `toString` and the edited document's `toString`). Block scalars the
 * edits did not change keep their original text, and flow collections in changed lines get the
 * file's own spacing (`{ a: 1 }` or `{a: 1}`, `[1, 2]` or `[ 1, 2 ]`). The merge is checked: the
 * result must parse to exactly the edited document, or the plain `doc.toString()` text is used.
 */
export interface YamlFil {
  fil: string;
  doc: Document.Parsed;
  original: string;
  /** Block scalars of the original, with their source text. */
  block: Blockscalar[];
  /** The unedited document rendered with placeholders for the block scalars: the merge base. */
  bas: string;
  /** The unedited document as plain `toString`, to tell whether anything changed. */
  basRå: string;
  stil: Stil;
}

interface Blockscalar {
  node: Scalar;
  värde: unknown;
  typ: Scalar.Type | undefined;
  källa: string;
  platshållare: string;
}

interface Stil {
  map: boolean;
  seq: boolean;
}

const ALTERNATIV: ToStringOptions = { lineWidth: 0 };

export function läsYaml(text: string, fil: string): YamlFil {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    throw new RullaFramFel(`${fil}: kan inte läsa YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  const block: Blockscalar[] = [];
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) && node.range) {
        const källa = text.slice(node.range[0], node.range[1]).replace(/[\r\n]+$/, '');
        block.push({
          node,
          värde: node.value,
          typ: node.type,
          källa,
          platshållare: `__kommunrapport_block_${block.length}__`,
        });
      }
    },
  });
  const stil = flödesstil(text);
  return {
    fil,
    doc,
    original: text,
    block,
    bas: medPlatshållare(doc, block, () => rendera(doc, stil)),
    basRå: doc.toString(ALTERNATIV),
    stil,
  };
}

export function skrivYaml(f: YamlFil): string {
  const redigerad = f.doc.toString(ALTERNATIV);
  if (redigerad === f.basRå) return f.original;
  const nl = f.original.includes('\r\n') ? '\r\n' : '\n';
  const kvar = new Set<Scalar>();
  visit(f.doc, { Scalar: (_, n) => void kvar.add(n) });
  const orörda = f.block.filter((b) => kvar.has(b.node) && b.node.value === b.värde && b.node.type === b.typ);
  const ny = medPlatshållare(f.doc, orörda, () => rendera(f.doc, f.stil));
  const merged = merge3(f.original.split(/\r?\n/), f.bas.split('\n'), ny.split('\n'));
  if (merged !== undefined) {
    let text = merged.join(nl);
    for (const b of orörda) text = text.replace(b.platshållare, () => b.källa.split(/\r?\n/).join(nl));
    const kontroll = parseDocument(text, { uniqueKeys: true });
    if (!kontroll.errors.length && kontroll.toString(ALTERNATIV) === parseDocument(redigerad).toString(ALTERNATIV))
      return text;
  }
  return nl === '\n' ? redigerad : redigerad.split('\n').join(nl);
}

/** Renders with each given block scalar replaced by its placeholder, then restores them. */
function medPlatshållare(doc: Document, block: Blockscalar[], render: () => string): string {
  for (const b of block) {
    b.node.value = b.platshållare;
    b.node.type = Scalar.PLAIN;
  }
  try {
    return render();
  } finally {
    for (const b of block) {
      b.node.value = b.värde;
      b.node.type = b.typ;
    }
  }
}

/** The file's spacing inside flow mappings and sequences, by majority; unknown follows the other. */
function flödesstil(text: string): Stil {
  const räkna = (re: RegExp): number => text.match(re)?.length ?? 0;
  const map = räkna(/\{ +[^\s}]/g) - räkna(/\{[^\s}]/g);
  const seq = räkna(/\[ +[^\s\]]/g) - räkna(/\[[^\s\]]/g);
  return { map: (map || seq) > 0, seq: (seq || map) > 0 };
}

/** `doc.toString()` with padding inside flow mappings and sequences chosen separately. */
function rendera(doc: Document, stil: Stil): string {
  const med = doc.toString({ ...ALTERNATIV, flowCollectionPadding: true });
  if (stil.map && stil.seq) return med;
  const utan = doc.toString({ ...ALTERNATIV, flowCollectionPadding: false });
  if (!stil.map && !stil.seq) return utan;
  // The two renderings differ only in the padding spaces; keep those of the wanted kind.
  let ut = '';
  let j = 0;
  for (let i = 0; i < med.length; i++) {
    if (utan[j] === med[i]) {
      ut += med[i];
      j++;
      continue;
    }
    const map = med[i - 1] === '{' || med[i + 1] === '}';
    if (map ? stil.map : stil.seq) ut += med[i];
  }
  return ut;
}

// ---------------------------------------------------------------------------------------------
// Node helpers

export function scalarVärde(map: YAMLMap, key: string): unknown {
  const n = map.get(key, true);
  return isScalar(n) ? n.value : undefined;
}

export function strängVärde(map: YAMLMap, key: string): string | undefined {
  const v = scalarVärde(map, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function talVärde(map: YAMLMap, key: string): number | undefined {
  const v = scalarVärde(map, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Sets a scalar's value, keeping the node (its style and comments) when there is one. */
export function sättScalar(map: YAMLMap, key: string, value: string | number | null): void {
  const n = map.get(key, true);
  if (isScalar(n)) {
    n.value = value;
    // (A plain string that would read as a number or date is quoted by yaml when written.)
    if (typeof value === 'number') delete n.minFractionDigits;
  } else {
    map.set(key, value);
  }
}

export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function mapItems(node: unknown): YAMLMap[] {
  return seqItems(node).filter((n): n is YAMLMap => isMap(n));
}

export function klona<T>(n: T): T {
  return n && typeof n === 'object' && 'clone' in n && typeof (n as { clone: unknown }).clone === 'function'
    ? ((n as unknown as Node).clone() as T)
    : n;
}

// ---------------------------------------------------------------------------------------------
// Three-way line merge (diff3): base = toString of the unedited document, ours = the original
// text, theirs = toString of the edited document.

function merge3(original: string[], bas: string[], redigerad: string[]): string[] | undefined {
  const bo = matcha(bas, original);
  const br = matcha(bas, redigerad);
  if (!bo || !br) return undefined;
  const ut: string[] = [];
  let ib = 0;
  let io = 0;
  let ir = 0;
  const lika = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  for (;;) {
    let n = 0;
    while (ib + n < bas.length && bo[ib + n] === io + n && br[ib + n] === ir + n) n++;
    if (n > 0) {
      ut.push(...original.slice(io, io + n));
      ib += n;
      io += n;
      ir += n;
      continue;
    }
    let nästa = ib;
    while (nästa < bas.length && (bo[nästa] === -1 || br[nästa] === -1)) nästa++;
    const slutO = nästa < bas.length ? bo[nästa]! : original.length;
    const slutR = nästa < bas.length ? br[nästa]! : redigerad.length;
    const b = bas.slice(ib, nästa);
    const o = original.slice(io, slutO);
    const r = redigerad.slice(ir, slutR);
    // Unedited here: keep the original lines. Otherwise the edited lines, formatted by toString.
    ut.push(...(lika(r, b) ? o : r));
    if (nästa >= bas.length) break;
    ib = nästa;
    io = slutO;
    ir = slutR;
  }
  return ut;
}

/**
 * For each line of `a`, the index of the line of `b` it is matched with in a shortest edit
 * script (Myers' diff), or -1. Undefined when the texts differ too much to be worth merging.
 */
function matcha(a: string[], b: string[]): number[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const gräns = Math.min(max, 2000);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // spår[d] holds V (for k in -d..d) as it was before step d.
  const spår: Int32Array[] = [];
  let slutD = -1;
  outer: for (let d = 0; d <= gräns; d++) {
    spår.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        slutD = d;
        break outer;
      }
    }
  }
  if (slutD < 0) return undefined;
  const res = new Array<number>(n).fill(-1);
  let x = n;
  let y = m;
  for (let d = slutD; d > 0; d--) {
    const vd = spår[d]!;
    const at = (k: number): number => vd[k + d]!;
    const k = x - y;
    const förra = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const px = at(förra);
    const py = px - förra;
    while (x > px && y > py) {
      x--;
      y--;
      res[x] = y;
    }
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    res[x] = y;
  }
  return res;
}
