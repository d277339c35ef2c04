import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Path, SourceMap } from '../load/yaml-source.js';

const TYPE_SV: Record<string, string> = {
  number: 'ett tal',
  string: 'en text',
  boolean: 'true eller false',
  array: 'en lista',
  object: 'en mappning (nyckel: värde)',
  null: 'inget värde',
  undefined: 'inget värde',
  int: 'ett heltal',
};

function describeInput(v: unknown): string {
  if (v === undefined) return 'inget värde';
  if (typeof v === 'string') return `"${v}"`;
  if (Array.isArray(v)) return 'en lista';
  if (v === null) return 'inget värde';
  if (typeof v === 'object') return 'en mappning';
  return String(v);
}

function valueAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/**
 * Swedish habits YAML does not read as numbers: a decimal comma, a space between thousands, the
 * typographic minus. Said with the fix instead of the general "expected a number".
 */
export function numberTrap(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const s = input.trim();
  const comma = /^([-+]?\d+),(\d+)$/.exec(s);
  if (comma) return `"${s}" är inget tal i YAML, där decimaltecknet är punkt: skriv ${comma[1]}.${comma[2]} (det skrivs ut som ${s})`;
  if (/^[-+]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(s)) {
    const plain = s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    return `"${s}" är inget tal i YAML, som inte tillåter mellanrum i tal: skriv ${plain} (det skrivs ut med mellanrum, ${s})`;
  }
  if (/^\u2212\s*\d+([.,]\d+)?$/.test(s)) return `"${s}" har ett typografiskt minustecken: skriv ${s.replace(/\u2212\s*/, '-').replace(',', '.')} med vanligt bindestreck`;
  return undefined;
}

/** Turns a zod issue into a Swedish message. */
export function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  const input = valueAt(root, issue.path as Path);
  const wantsNumber = (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) || (issue.code === 'custom' && issue.message.startsWith('förväntade ett tal'));
  const trap = wantsNumber ? numberTrap(input) : undefined;
  if (trap) return trap;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return `fältet saknas (förväntade ${TYPE_SV[issue.expected] ?? issue.expected})`;
      return `förväntade ${TYPE_SV[issue.expected] ?? issue.expected}, fick ${describeInput(input)}`;
    }
    case 'invalid_value':
      return `förväntade ett av ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, fick ${describeInput(input)}`;
    case 'unrecognized_keys':
      return `okänd nyckel ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `listan behöver minst ${String(issue.minimum)} element`;
      if (issue.origin === 'string') return 'texten får inte vara tom';
      return `värdet måste vara minst ${String(issue.minimum)}`;
    case 'too_big':
      return `värdet får vara högst ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : `ogiltigt format, fick ${describeInput(input)}`;
    case 'invalid_union':
      return `värdet har inte någon av de tillåtna formerna, fick ${describeInput(input)}`;
    default:
      return issue.message;
  }
}

export function formatFieldPath(path: Path, root: unknown): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    // tabeller[i] and nämndmål/indikatorer are named by their id when they have one.
    if (typeof k === 'number') {
      const node = valueAt(root, path.slice(0, i + 1));
      const id = node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>).id : undefined;
      const parentKey = path[i - 1];
      if (parentKey === 'tabeller' && typeof id === 'string') {
        out = id;
        continue;
      }
      if (parentKey === 'värden') {
        const col = columnIdFor(root, path.slice(0, i - 1));
        if (col[k] !== undefined) {
          out += `.${col[k]}`;
          continue;
        }
      }
      out += `[${k}]`;
    } else {
      out += out ? `.${k}` : k;
    }
  }
  return out;
}

/** Finds the column ids that apply to a row or indicator at `ownerPath`. */
function columnIdFor(root: unknown, ownerPath: Path): string[] {
  for (let n = ownerPath.length; n >= 0; n--) {
    const node = valueAt(root, ownerPath.slice(0, n));
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      const cols = (node as Record<string, unknown>).kolumner;
      if (Array.isArray(cols)) return cols.map((c) => String((c as Record<string, unknown>)?.id ?? ''));
    }
  }
  return [];
}

/** A union's issues: keep the branch that got furthest into the input, the one the writer meant. */
function flattenUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
    return flattenUnions(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
  });
}
const depth = (is: readonly z.core.$ZodIssue[]): number => Math.max(0, ...is.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));

export function zodToDiagnostics(error: z.ZodError, root: unknown, source: SourceMap): Diagnostic[] {
  return flattenUnions(error.issues).map((issue) => {
    const path = issue.path as Path;
    let plats = source.at(path);
    if (issue.code === 'unrecognized_keys' && issue.keys[0]) {
      plats = source.keyAt([...path, issue.keys[0]]) ?? plats;
    }
    return {
      allvarlighet: 'fel' as const,
      regel: 'schema',
      meddelande: issueMessage(issue, root),
      plats,
      fält: formatFieldPath(path, root) || '(filen)',
    };
  });
}
