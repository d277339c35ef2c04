import jsyaml from 'js-yaml';

/**
 * A fast path for reading YAML with positions. The `yaml` package gives exact node ranges and
 * good error codes, but reads our files at about 1,5 MB/s (40 ms for an internbudget's
 * tabeller.yaml); js-yaml is ten times faster but reports positions only as a stream of
 * open/close events, one per call of its node composer. Those events are rebuilt into nodes here,
 * with start offsets moved past whitespace and comments to where `yaml` puts them.
 *
 * Only plain documents take this path: anything it does not rebuild with certainty (anchors,
 * aliases, tags, merge keys, directives, tabs, several documents, an odd pairing of keys and
 * values, or a scalar whose type js-yaml resolves differently from YAML 1.2's core schema as
 * `yaml` does) returns undefined, and so does every syntax error: the caller then reads the file
 * with `yaml`, which also words the errors. test/yaml-fast.test.ts compares both for every YAML
 * file in the project and a set of edge cases.
 */

export interface FastYaml {
  value: unknown;
  /** Offset of each node's value (scalars, maps, sequences), by path id. */
  valuePos: Map<string, number>;
  /** Offset of each mapping key, by the path id of its entry. */
  keyPos: Map<string, number>;
  /** Source text of each scalar, by path id. */
  raws: Map<string, string>;
}

interface Frame {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

/** Characters that may give a node properties or structure this path does not rebuild. */
const UNSUPPORTED = /(^|[\s[{,:-])[&*!][^\s]|<<\s*:|^%|\t|^---|^\.\.\./m;

const CORE = {
  null: /^(?:~|[Nn]ull|NULL)?$/,
  bool: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  int: /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
  float: /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
};

/** The type YAML 1.2's core schema gives a plain scalar, as `yaml` resolves it. */
function coreType(raw: string): 'object' | 'boolean' | 'number' | 'string' {
  if (CORE.null.test(raw)) return 'object';
  if (CORE.bool.test(raw)) return 'boolean';
  if (CORE.int.test(raw) || CORE.float.test(raw)) return 'number';
  return 'string';
}

/** Moves past spaces, line breaks and comments to where the node's text begins. */
function skipBlank(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else return i;
  }
}

class Unsupported extends Error {}

/** Separates the segments of a path id (see yaml-source.ts); no YAML key contains it. */
export const PATH_SEP = '\u0000';

export function fastParseYaml(text: string): FastYaml | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  const stack: Frame[] = [{ start: 0, end: 0, kind: null, result: undefined, children: [] }];
  let value: unknown;
  try {
    value = jsyaml.load(text, {
      schema: jsyaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, end: state.position, kind: null, result: undefined, children: [] });
          return;
        }
        let f = stack.pop()!;
        f.end = state.position;
        f.kind = state.kind;
        f.result = state.result;
        // js-yaml composes a block entry twice (once trying it as a mapping key): keep the inner one.
        const only = f.children.length === 1 ? f.children[0]! : undefined;
        if (only && only.result === f.result && only.kind === f.kind) f = only;
        stack[stack.length - 1]!.children.push(f);
      },
    });
  } catch {
    return undefined;
  }
  const root = stack[0]!.children[0];
  if (stack.length !== 1 || !root) return undefined;

  /** A scalar's source text, after checking that `yaml` would read the same value from it. */
  const scalarText = (f: Frame, start: number): string => {
    const first = text[start];
    const block = first === '|' || first === '>';
    // A block scalar's text runs to its last line break, as `yaml` has it; the others end at their last character.
    const raw = block ? text.slice(start, f.end).replace(/ +$/, '') : text.slice(start, f.end).trimEnd();
    // Where `yaml` ends a block scalar followed by blank lines depends on its chomping: not rebuilt.
    if (block && raw.endsWith('\n\n')) throw new Unsupported();
    const plain = !block && first !== '"' && first !== "'";
    if (plain && coreType(raw) !== (f.result === null ? 'object' : typeof f.result)) throw new Unsupported();
    // `-0`: the two libraries disagree on the sign of zero.
    if (f.result === 0 && raw.startsWith('-')) throw new Unsupported();
    return raw;
  };

  const out: FastYaml = { value, valuePos: new Map(), keyPos: new Map(), raws: new Map() };
  const walk = (f: Frame, id: string): void => {
    const start = skipBlank(text, f.start);
    if (f.kind === 'scalar') {
      out.raws.set(id, scalarText(f, start));
      out.valuePos.set(id, start);
    } else if (f.kind === 'mapping') {
      if (f.children.length % 2 !== 0) throw new Unsupported();
      out.valuePos.set(id, start);
      for (let i = 0; i < f.children.length; i += 2) {
        const k = f.children[i]!;
        const v = f.children[i + 1]!;
        if (k.kind !== 'scalar' || (typeof k.result !== 'string' && typeof k.result !== 'number'))
          throw new Unsupported();
        const keyStart = skipBlank(text, k.start);
        scalarText(k, keyStart);
        const childId = id + PATH_SEP + String(k.result);
        out.keyPos.set(childId, keyStart);
        // A key without a value: `yaml` points at the key.
        if (v.kind === 'scalar' && v.result === null && skipBlank(text, v.start) >= v.end)
          out.valuePos.set(childId, keyStart);
        else walk(v, childId);
      }
    } else if (f.kind === 'sequence') {
      out.valuePos.set(id, start);
      f.children.forEach((c, i) => walk(c, id + PATH_SEP + String(i)));
    } else throw new Unsupported();
  };
  try {
    walk(root, '');
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return out;
}
