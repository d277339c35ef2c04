import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
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

  let firstTag: number | undefined;
  // `id` is pathId of the node's path, built as the walk descends.
  const walk = (node: Node | null | undefined, id: string, depth = 0): void => {
    // Deeper than any report file; a nesting bomb has already been reported by the parser.
    if (!node || depth > MAX_DEPTH) return;
    if (node.range) valuePos.set(id, node.range[0]);
    // Report files need no tags; one (!!binary, !!js/function, !egen) is a mistake or an attack.
    if (node.tag && firstTag === undefined) firstTag = Math.max(0, text.lastIndexOf('!', node.range?.[0] ?? 0));
    if (isScalar(node)) {
      if (node.range) raws.set(id, text.slice(node.range[0], node.range[1]));
    } else if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const childId = id + SEP + k;
        const keyNode = item.key as Node | null;
        if (keyNode && keyNode.range) keyPos.set(childId, keyNode.range[0]);
        if (item.value) walk(item.value as Node, childId, depth + 1);
        else if (keyNode?.range) valuePos.set(childId, keyNode.range[0]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, id + SEP + String(i), depth + 1));
    }
  };
  walk(doc.contents as Node | null, '');

  // One message per file: after a syntax error the parser's further errors are its consequences.
  const first = doc.errors[0] ?? doc.warnings[0];
  const diagnostics: YamlPositions['diagnostics'] = first
    ? [
        {
          allvarlighet: 'fel',
          meddelande: yamlMessageSv(first.code, first.message),
          offset:
            first.code === 'DUPLICATE_KEY'
              ? duplicateKeyOffset(doc.contents as Node | null, first.pos[0])
              : first.pos[0],
        },
      ]
    : firstTag !== undefined
      ? [{ allvarlighet: 'fel', meddelande: yamlMessageSv('TAG_RESOLVE_FAILED', ''), offset: firstTag }]
      : [];
  let value: unknown;
  if (!diagnostics.length) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // yaml refuses an alias to no anchor, and aliases that would expand past maxAliasCount nodes (an "alias bomb").
      const alias = /(^|[\s[{,:-])\*[^\s,\]}]/m.exec(text);
      const bomb = e instanceof Error && /alias count/i.test(e.message);
      diagnostics.push({
        allvarlighet: 'fel',
        meddelande: bomb
          ? 'ogiltig YAML: alias (*namn) som tillsammans blir för många värden; skriv ut värdena i stället för att upprepa dem med alias'
          : yamlMessageSv('BAD_ALIAS', ''),
        offset: alias ? alias.index + alias[1]!.length : 0,
      });
    }
  }
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
    diagnostics: diagnostics.map((d) => ({
      allvarlighet: d.allvarlighet,
      regel: 'yaml-syntax',
      meddelande: d.meddelande,
      plats: toPos(d.offset),
    })),
  };
}

/** How deep a report file nests at most (a table's rows under rows are about ten levels). */
export const MAX_DEPTH = 64;

/**
 * The yaml package's errors, in Swedish with the fix. Its English text is never shown: a code
 * missing here gets a general sentence, and test/bad-input/ has a case for each code that occurs.
 */
const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: 'nyckeln förekommer två gånger i samma mappning; ta bort eller byt namn på den ena',
  BAD_INDENT: 'fel indrag: raden är indragen som om den hörde till en annan nivå; rätta mellanslagen i början av raden',
  MISSING_CHAR: 'ett tecken saknas här, oftast en avslutande ] eller } eller ett citattecken',
  UNEXPECTED_TOKEN: 'oväntat tecken här; sätt texten inom citattecken om den innehåller tecken som : # [ ] { } ,',
  BLOCK_AS_IMPLICIT_KEY:
    'ett kolon följt av mellanslag inne i ett värde läses som en ny nyckel; sätt etiketten inom citattecken, t.ex. etikett: "Mål: trygghet" (eller rätta indraget, om raden under ska vara en egen nyckel)',
  BLOCK_IN_FLOW:
    'ett kolon följt av mellanslag inne i [ ] eller { } läses som en ny nyckel; sätt etiketten inom citattecken, t.ex. {etikett: "Mål: trygghet"}',
  MULTILINE_IMPLICIT_KEY:
    'en nyckel kan inte sträcka sig över flera rader; oftast saknas ett kolon eller ett citattecken på raden ovanför',
  TAB_AS_INDENT: 'tabb används som indrag; YAML kräver mellanslag (ersätt tabben med mellanslag)',
  BAD_SCALAR_START: 'ett värde kan inte börja med det här tecknet; sätt värdet inom citattecken',
  BAD_DIRECTIVE: 'okänt direktiv (rader som börjar med %); ta bort raden',
  BAD_DQ_ESCAPE:
    'ogiltig escape-sekvens med \\ inom "…"; skriv \\\\ för ett omvänt snedstreck eller använd enkla citattecken \'…\'',
  BAD_PROP_ORDER: 'ankare och taggar står i fel ordning',
  BAD_COLLECTION_TYPE: 'fel sorts samling för taggen',
  ALIAS_PROPS: 'ett alias (*namn) kan inte ha ankare eller taggar',
  BAD_ALIAS: 'aliaset (*namn) hänvisar till ett ankare (&namn) som inte finns före det',
  DUPLICATE_ANCHOR: 'ankaret (&namn) förekommer två gånger',
  MULTIPLE_ANCHORS: 'ett värde kan bara ha ett ankare (&namn)',
  MULTIPLE_TAGS: 'ett värde kan bara ha en tagg',
  MULTIPLE_DOCS:
    'filen innehåller flera YAML-dokument (en rad med ---); en fil får innehålla ett dokument, så ta bort raden --- och det som följer eller flytta det till en egen fil',
  NON_STRING_KEY: 'en nyckel måste vara en text',
  KEY_OVER_1024_CHARS: 'nyckeln är längre än 1024 tecken; oftast saknas ett kolon eller ett citattecken',
  TAG_RESOLVE_FAILED:
    'taggar (som !!js/function, !!binary eller !egen) används inte i rapportens filer: ta bort taggen (och sätt värdet inom citattecken om det ska vara en text)',
  RESOURCE_EXHAUSTION: `filen är för djupt nästlad; en rapportfil har högst ${MAX_DEPTH} nivåer`,
  IMPOSSIBLE: 'filen kan inte läsas som YAML här',
};

/** Finer cases of one code, told apart by the library's own text (which is never shown). */
const YAML_DETAIL: [code: string, english: RegExp, sv: string][] = [
  [
    'BAD_INDENT',
    /end with a \]/,
    'listan [ … ] avslutas inte: ett ] saknas (eller så är raden under för lite indragen)',
  ],
  [
    'BAD_INDENT',
    /end with a \}/,
    'mappningen { … } avslutas inte: ett } saknas (eller så är raden under för lite indragen)',
  ],
  ['MISSING_CHAR', /quote/, 'citattecknet avslutas aldrig: ett " eller \' saknas i slutet av texten'],
  ['MISSING_CHAR', /\]/, 'listan [ … ] avslutas inte: ett ] saknas'],
  ['MISSING_CHAR', /\}/, 'mappningen { … } avslutas inte: ett } saknas'],
];

function yamlMessageSv(code: string, original: string): string {
  const detail = YAML_DETAIL.find(([c, en]) => c === code && en.test(original));
  if (detail) return `ogiltig YAML: ${detail[2]}`;
  return `ogiltig YAML: ${YAML_CODES[code] ?? 'filen kan inte läsas som YAML här; kontrollera citattecken, kolon och indrag'}`;
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
