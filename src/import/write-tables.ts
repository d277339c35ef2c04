import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { decimalsOfSource, formatNumber } from '../core/format/number.js';
import { läsYaml, mapItems, skrivYaml } from '../load/yaml-doc.js';
import type { NyttVärde } from './apply.js';

export interface Celländring {
  cell: string;
  före: string;
  efter: string;
}

/** What a cell node shows now, for the list of changes. */
function visa(n: unknown): string {
  if (n === undefined || n === null) return '(tom)';
  if (isScalar(n)) {
    if (typeof n.value === 'number')
      return formatNumber(n.value, decimalsOfSource(n.source ?? String(n.value), n.minFractionDigits ?? 0));
    if (n.value === null) return '(tom)';
    return String(n.value);
  }
  if (isMap(n)) return n.has('tal') ? visa(n.get('tal', true)) : JSON.stringify(n.toJSON());
  return String(n);
}

function talNod(doc: Document, v: NyttVärde): Scalar {
  const s = doc.createNode(v.värde) as Scalar;
  s.minFractionDigits = v.decimaler;
  return s;
}

/** True when the node already holds the value with the same decimals as written. */
function samma(n: unknown, v: NyttVärde): boolean {
  if (!isScalar(n) || typeof n.value !== 'number') return false;
  const dec = n.source !== undefined ? decimalsOfSource(String(n.source), 0) : (n.minFractionDigits ?? 0);
  return n.value === v.värde && dec === v.decimaler;
}

function hittaRad(rader: unknown, id: string): YAMLMap | undefined {
  for (const r of mapItems(rader)) {
    if (r.get('id') === id) return r;
    const under = hittaRad(r.get('rader', true), id);
    if (under) return under;
  }
  return undefined;
}

/**
 * Writes the new values into tabeller.yaml in place: only the changed cells' text changes,
 * comments and layout stay (src/rollforward/yaml-doc.ts). A cell written as {tal: …, fotnot: …}
 * keeps its footnote. Returns the new text and every change, old → new, in the order given.
 */
export function skrivVärden(
  text: string,
  fil: string,
  värden: NyttVärde[],
  kolumnIds: Map<string, string[]>,
): { text: string; ändringar: Celländring[] } {
  const y = läsYaml(text, fil);
  const doc = y.doc;
  const tabeller = new Map(mapItems(doc.get('tabeller', true)).map((t) => [String(t.get('id')), t] as const));
  const ändringar: Celländring[] = [];
  const byten: { från: number; till: number; text: string; ordning: number }[] = [];
  let helaRader = false;
  for (const v of värden) {
    const rad = hittaRad(tabeller.get(v.tabell)?.get('rader', true), v.rad);
    if (!rad) continue;
    const cell = `${v.tabell}/${v.rad}/${v.kolumn}`;
    const efter = formatNumber(v.värde, v.decimaler);
    let värdenNod = rad.get('värden', true) as YAMLSeq | YAMLMap | undefined;
    if (!värdenNod) {
      // No values yet: a mapping column id → value, the form that names what it sets.
      värdenNod = doc.createNode({}, { flow: true }) as YAMLMap;
      värdenNod.flow = true;
      rad.set('värden', värdenNod);
    }
    let gammal: unknown;
    let sätt: (n: Scalar) => void;
    if (isSeq(värdenNod)) {
      const seq = värdenNod;
      const ids = kolumnIds.get(v.tabell) ?? [];
      if (v.kolumnIndex >= seq.items.length) while (seq.items.length < ids.length) seq.items.push(doc.createNode(null));
      gammal = seq.items[v.kolumnIndex];
      sätt = (n) => void (seq.items[v.kolumnIndex] = n);
    } else {
      const map = värdenNod;
      gammal = map.get(v.kolumn, true);
      sätt = (n) => map.set(v.kolumn, n);
      // A column the flow mapping {a: 1} does not have yet: added before its closing brace.
      if (gammal === undefined && map.flow && map.range && text[map.range[1] - 1] === '}') {
        const tal = v.värde.toFixed(v.decimaler);
        byten.push({
          från: map.range[1] - 1,
          till: map.range[1] - 1,
          text: `${map.items.length ? ', ' : ''}${v.kolumn}: ${tal}`,
          ordning: byten.length,
        });
        ändringar.push({ cell, före: visa(gammal), efter });
        sätt(talNod(doc, v));
        continue;
      }
    }
    if (isMap(gammal) && gammal.has('tal') && !isSeq(gammal.get('tal', true))) {
      // {tal: 4.4, fotnot: "*"}: the figure changes, the footnote stays.
      const m = gammal;
      gammal = m.get('tal', true);
      sätt = (n) => m.set('tal', n);
    }
    if (samma(gammal, v)) continue;
    ändringar.push({ cell, före: visa(gammal), efter });
    const ny = talNod(doc, v);
    // A value written in the file: replace just its characters, so the line keeps its spacing and comment.
    if (isScalar(gammal) && gammal.range && !gammal.comment && !gammal.commentBefore)
      byten.push({
        från: gammal.range[0],
        till: gammal.range[1],
        text: v.värde.toFixed(v.decimaler),
        ordning: byten.length,
      });
    else helaRader = true;
    sätt(ny);
  }
  if (!ändringar.length) return { text, ändringar };
  if (!helaRader) {
    let ut = text;
    // From the end, so earlier offsets stay valid; two insertions at one place keep their order.
    for (const b of [...byten].sort((a, c) => c.från - a.från || c.ordning - a.ordning))
      ut = ut.slice(0, b.från) + b.text + ut.slice(b.till);
    const kontroll = parseDocument(ut);
    if (!kontroll.errors.length && JSON.stringify(kontroll.toJS()) === JSON.stringify(doc.toJS()))
      return { text: ut, ändringar };
  }
  // New nodes (a row without values, a short list): the changed lines are rendered by yaml-doc's merge.
  return { text: skrivYaml(y), ändringar };
}
