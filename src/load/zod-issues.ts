import type { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { Path, SourceMap } from './yaml-source.js';

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
  if (comma)
    return `"${s}" är inget tal i YAML, där decimaltecknet är punkt: skriv ${comma[1]}.${comma[2]} (det skrivs ut som ${s})`;
  if (/^[-+]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(s)) {
    const plain = s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    return `"${s}" är inget tal i YAML, som inte tillåter mellanrum i tal: skriv ${plain} (det skrivs ut med mellanrum, ${s})`;
  }
  if (/^\u2212\s*\d+([.,]\d+)?$/.test(s))
    return `"${s}" har ett typografiskt minustecken: skriv ${s.replace(/\u2212\s*/, '-').replace(',', '.')} med vanligt bindestreck`;
  return undefined;
}

/** Turns a zod issue into a Swedish message. */
export function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  const input = valueAt(root, issue.path as Path);
  const wantsNumber =
    (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) ||
    (issue.code === 'custom' && issue.message.startsWith('förväntade ett tal'));
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
      return `okänd nyckel ${issue.keys.map((k) => `"${k.length > 40 ? `${k.slice(0, 40)}…` : k}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `listan behöver minst ${String(issue.minimum)} element`;
      if (issue.origin === 'string') return 'texten får inte vara tom';
      return `värdet måste vara minst ${String(issue.minimum)}`;
    case 'too_big':
      return `värdet får vara högst ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid')
        ? issue.message
        : `ogiltigt format, fick ${describeInput(input)}`;
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
      const id =
        node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>).id : undefined;
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
const depth = (is: readonly z.core.$ZodIssue[]): number =>
  Math.max(0, ...is.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));

/** Edit distance, for "did you mean": short keys only, so the quadratic table stays small. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** A misspelt key: `etiket` for `etikett`, `budgetar` for `budgetår`, `tabell` for `tabeller`. */
export function similarKey(written: string, wanted: string): boolean {
  const fold = (k: string): string => k.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/[-_ ]/g, '');
  const [a, b] = [fold(written), fold(wanted)];
  if (a === b) return true;
  if (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a))) return true;
  return a.length <= 40 && b.length <= 40 && distance(a, b) <= Math.min(2, Math.floor(b.length / 3));
}

const shortKey = (k: string): string => (k.length > 40 ? `${k.slice(0, 40)}…` : k);

export function zodToDiagnostics(error: z.ZodError, root: unknown, source: SourceMap): Diagnostic[] {
  const issues = flattenUnions(error.issues);
  // A misspelt key gives two issues, an unknown key and a missing field: said once, as a typo.
  const typos = new Map<z.core.$ZodIssue, string>();
  const merged = new Set<z.core.$ZodIssue>();
  for (const u of issues) {
    if (u.code !== 'unrecognized_keys') continue;
    for (const m of issues) {
      if (m.code !== 'invalid_type' || merged.has(m) || m.path.length !== u.path.length + 1) continue;
      if (!u.path.every((k, i) => m.path[i] === k) || valueAt(root, m.path as Path) !== undefined) continue;
      const wanted = String(m.path[m.path.length - 1]);
      const key = u.keys.find((k) => similarKey(k, wanted));
      if (key === undefined) continue;
      merged.add(m);
      typos.set(
        u,
        `okänd nyckel "${shortKey(key)}": menade du "${wanted}"?${
          u.keys.length > 1
            ? ` (också okänd: ${u.keys
                .filter((k) => k !== key)
                .map((k) => `"${shortKey(k)}"`)
                .join(', ')})`
            : ''
        }`,
      );
    }
  }
  return issues
    .filter((issue) => !merged.has(issue))
    .map((issue) => {
      const path = issue.path as Path;
      let plats = source.at(path);
      if (issue.code === 'unrecognized_keys' && issue.keys[0]) {
        plats = source.keyAt([...path, issue.keys[0]]) ?? plats;
      }
      return {
        allvarlighet: 'fel' as const,
        regel: 'schema',
        meddelande: typos.get(issue) ?? issueMessage(issue, root),
        plats,
        fält: formatFieldPath(path, root) || '(filen)',
      };
    });
}
