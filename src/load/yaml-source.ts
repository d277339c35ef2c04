import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { fastParseYaml, PATH_SEP as SEP } from './yaml-fast.js';

export type PathKey = string | number;
export type Path = readonly PathKey[];

/** Positions and source text of every node of one YAML file, keyed by path. */
export interface SourceMap {
  fil: string;
  /** Position of the node at a path (the value), or of the nearest ancestor that exists. */
  at(path: Path): Position;
  /** Position of the key of a mapping entry (for unknown-key messages). */
  keyAt(path: Path): Position | undefined;
  /** The node's source text as written (e.g. `3.0`, `150`), for scalars. */
  raw(path: Path): string | undefined;
}

export interface LoadedYaml {
  value: unknown;
  source: SourceMap;
  diagnostics: Diagnostic[];
}

/** A path as a map key: each segment after a separator no key contains (cheaper than JSON for every node). */
const pathId = (path: Path): string => {
  let id = '';
  for (const k of path) id += SEP + String(k);
  return id;
};

const cache = new Map<string, { text: string; result: LoadedYaml }>();
/** Enough for a few reports being watched; a batch of many reports does not keep them all alive. */
const CACHED_FILES = 40;

/**
 * Parses YAML, keeping line and column of each node so later errors can point at the source.
 * The last parse of each recently read file is kept: `watch` re-reads unchanged files after every edit.
 */
export function loadYaml(text: string, fil: string): LoadedYaml {
  const hit = cache.get(fil);
  if (hit && hit.text === text) {
    // Most recently used last, so the oldest is the one to drop.
    cache.delete(fil);
    cache.set(fil, hit);
    return { ...hit.result, diagnostics: [...hit.result.diagnostics] };
  }
  const result = parseYamlWithPositions(text, fil);
  cache.delete(fil);
  cache.set(fil, { text, result });
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return { ...result, diagnostics: [...result.diagnostics] };
}

/** Node offsets and source text by path id, and the document's value: what a SourceMap is made of. */
export interface YamlPositions {
  value: unknown;
  valuePos: Map<string, number>;
  keyPos: Map<string, number>;
  raws: Map<string, string>;
  lineCounter: LineCounter;
  /** YAML errors and warnings, at an offset. */
  diagnostics: { allvarlighet: 'fel' | 'varning'; meddelande: string; offset: number }[];
}

function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** Positions read with js-yaml where it can be trusted (src/load/yaml-fast.ts), else with `yaml`. */
export function yamlPositions(text: string): YamlPositions {
  const fast = fastParseYaml(text);
  return fast ? { ...fast, lineCounter: lineCounterOf(text), diagnostics: [] } : yamlPositionsSlow(text);
}

/** Positions and errors as the `yaml` package reads them. */
export function yamlPositionsSlow(text: string): YamlPositions {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const valuePos = new Map<string, number>();
  const keyPos = new Map<string, number>();
  const raws = new Map<string, string>();

  // `id` is pathId of the node's path, built as the walk descends.
  const walk = (node: Node | null | undefined, id: string): void => {
    if (!node) return;
    if (node.range) valuePos.set(id, node.range[0]);
    if (isScalar(node)) {
      if (node.range) raws.set(id, text.slice(node.range[0], node.range[1]));
    } else if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const childId = id + SEP + k;
        const keyNode = item.key as Node | null;
        if (keyNode && keyNode.range) keyPos.set(childId, keyNode.range[0]);
        if (item.value) walk(item.value as Node, childId);
        else if (keyNode?.range) valuePos.set(childId, keyNode.range[0]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, id + SEP + String(i)));
    }
  };
  walk(doc.contents as Node | null, '');

  const diagnostics = [...doc.errors, ...doc.warnings].map((err) => ({
    allvarlighet: doc.errors.includes(err as never) ? ('fel' as const) : ('varning' as const),
    meddelande: yamlMessageSv(err.code, err.message),
    offset: err.code === 'DUPLICATE_KEY' ? duplicateKeyOffset(doc.contents as Node | null, err.pos[0]) : err.pos[0],
  }));
  const value = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { value, valuePos, keyPos, raws, lineCounter, diagnostics };
}

function parseYamlWithPositions(text: string, fil: string): LoadedYaml {
  const { value, valuePos, keyPos, raws, lineCounter, diagnostics } = yamlPositions(text);

  const toPos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { fil, rad: line, kolumn: col };
  };

  const source: SourceMap = {
    fil,
    at(path) {
      for (let n = path.length; n >= 0; n--) {
        const off = valuePos.get(pathId(path.slice(0, n))) ?? keyPos.get(pathId(path.slice(0, n)));
        if (off !== undefined) return toPos(off);
      }
      return { fil, rad: 1, kolumn: 1 };
    },
    keyAt(path) {
      const off = keyPos.get(pathId(path));
      return off === undefined ? undefined : toPos(off);
    },
    raw(path) {
      return raws.get(pathId(path));
    },
  };

  return {
    value,
    source,
    diagnostics: diagnostics.map((d) => ({ allvarlighet: d.allvarlighet, regel: 'yaml-syntax', meddelande: d.meddelande, plats: toPos(d.offset) })),
  };
}

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: 'nyckeln förekommer två gånger i samma mappning',
  BAD_INDENT: 'fel indrag',
  MISSING_CHAR: 'ett tecken saknas',
  UNEXPECTED_TOKEN: 'oväntat tecken',
  BLOCK_AS_IMPLICIT_KEY: 'ett block kan inte vara nyckel',
  MULTILINE_IMPLICIT_KEY: 'en nyckel kan inte sträcka sig över flera rader',
  TAB_AS_INDENT: 'tabb används som indrag (använd mellanslag)',
  BAD_SCALAR_START: 'ett värde kan inte börja med det tecknet (sätt det inom citattecken)',
  BAD_DIRECTIVE: 'okänt direktiv',
  ALIAS_PROPS: 'ett alias kan inte ha egenskaper',
  BAD_ALIAS: 'alias som inte finns',
  DUPLICATE_ANCHOR: 'ankaret förekommer två gånger',
};

function yamlMessageSv(code: string, original: string): string {
  const sv = YAML_CODES[code];
  const first = original.split('\n')[0] ?? original;
  return sv ? `ogiltig YAML: ${sv} (${first})` : `ogiltig YAML: ${first}`;
}

/** yaml reports a duplicate key at its map; point at the second occurrence of the key instead. */
function duplicateKeyOffset(root: Node | null, fallback: number): number {
  let found: number | undefined;
  const visit = (node: Node | null | undefined): void => {
    if (!node || found !== undefined) return;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const k = item.key as Node | null;
        if (seen.has(key) && k?.range) {
          found = k.range[0];
          return;
        }
        seen.add(key);
        visit(item.value as Node);
      }
    } else if (isSeq(node)) node.items.forEach((i) => visit(i as Node));
  };
  visit(root);
  return found ?? fallback;
}
