// Replaces pdfmake 0.3.11:
// StyleContextStack.getStyleProperty, StyleContextStack.prototype.getProperty, TextInlines.prototype.buildInlines (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';

/**
 * pdfmake resolves some twenty style properties for every text inline through
 * StyleContextStack.getStyleProperty, which pushes the item onto the stack, allocates two
 * closures and, for each named style on the stack, a Set of visited style names: in a full build
 * about 30 % of all bytes allocated, all of it garbage for the collector. This replaces the two
 * methods with versions that answer exactly the same (same order of precedence: the item, its
 * own styles last-first, the stack top-down, the default style; `extends` followed depth-first
 * with the same cycle guard) without allocating. test/pdf.test.ts builds a PDF with and without
 * it and compares the bytes.
 *
 * Within one call of TextInlines.buildInlines (one text node: its words are split and measured)
 * the stack does not change and only the new word objects are written to, so what the stack
 * gives for a property is looked up once per node instead of once per word.
 *
 * If a pdfmake upgrade changes the classes, the hooks are not installed and pdfmake's own code runs.
 */

type Style = Record<string, unknown> & { extends?: string | string[] };
type Override = string | Record<string, unknown>;
interface Stack {
  styleDictionary: Record<string, Style | undefined>;
  defaultStyle?: Record<string, unknown>;
  styleOverrides: Override[];
}
interface StackClass {
  prototype: { getProperty(this: Stack, property: string): unknown; autopush: unknown };
  getStyleProperty(item: unknown, stack: Stack | undefined, property: string, defaultValue: unknown): unknown;
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
// pdfmake passes style names as strings or String objects.
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
const isString = (v: unknown): v is string | String => typeof v === 'string' || v instanceof String;

/** A named style's property, following `extends`; `visited` is only made when a style extends. */
/* eslint-disable @typescript-eslint/no-wrapper-object-types -- pdfmake passes String objects too */
function fromNamed(
  dict: Stack['styleDictionary'],
  name: string | String,
  property: string,
  visited?: Set<string | String>,
): unknown {
  if (visited) {
    if (visited.has(name)) return undefined;
    visited.add(name);
  }
  const style = dict[name as string];
  if (!style) return undefined;
  const own = style[property];
  if (isValue(own)) return own;
  if (!style.extends) return undefined;
  const seen = visited ?? new Set([name]);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const v = fromNamed(dict, parents[i]!, property, seen);
    if (isValue(v)) return v;
  }
  return undefined;
}
/* eslint-enable @typescript-eslint/no-wrapper-object-types */

function fromOverride(dict: Stack['styleDictionary'], o: unknown, property: string): unknown {
  return isString(o) ? fromNamed(dict, o, property) : (o as Record<string, unknown>)[property];
}

function getProperty(this: Stack, property: string): unknown {
  const overrides = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const v = fromOverride(this.styleDictionary, overrides[i], property);
      if (isValue(v)) return v;
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

/** The stack of the buildInlines call in progress, and what it gave for each property so far. */
let memoStack: Stack | undefined;
let memo: Map<string, unknown> | undefined;

function fromStack(stack: Stack, property: string): unknown {
  if (stack !== memoStack || !memo) return getProperty.call(stack, property);
  if (memo.has(property)) return memo.get(property);
  const v = getProperty.call(stack, property);
  memo.set(property, v);
  return v;
}

function getStyleProperty(item: unknown, stack: Stack | undefined, property: string, defaultValue: unknown): unknown {
  const own = (item as Record<string, unknown>)[property];
  if (isValue(own)) return own;
  if (!stack) return defaultValue;
  // What StyleContextStack.autopush would have put on top of the stack: the item's styles
  // (the item itself, pushed last, was just found not to define the property).
  const it = item as { section?: unknown; style?: unknown };
  if (!isString(item) && typeof it.section === 'undefined' && it.style) {
    const styles = Array.isArray(it.style) ? it.style : [it.style];
    for (let i = styles.length - 1; i >= 0; i--) {
      const v = fromOverride(stack.styleDictionary, styles[i], property);
      if (isValue(v)) return v;
    }
  }
  const v = fromStack(stack, property);
  return isValue(v) ? v : defaultValue;
}

type BuildInlines = (this: unknown, text: unknown, stack: Stack) => unknown;
interface InlinesClass {
  prototype: { buildInlines: BuildInlines };
}

function memoised(own: BuildInlines): BuildInlines {
  return function (this: unknown, text, stack) {
    const outer = { memoStack, memo };
    memoStack = stack;
    memo = new Map();
    try {
      return own.call(this, text, stack);
    } finally {
      ({ memoStack, memo } = outer);
    }
  };
}

let original:
  | (Pick<StackClass, 'getStyleProperty'> & {
      getProperty: StackClass['prototype']['getProperty'];
      buildInlines: BuildInlines;
    })
  | undefined;

function classes(): { stack: StackClass; inlines: InlinesClass } | undefined {
  const require = createRequire(import.meta.url);
  const stack = (require('pdfmake/js/StyleContextStack.js') as { default?: StackClass }).default;
  const inlines = (require('pdfmake/js/TextInlines.js') as { default?: InlinesClass }).default;
  const ok =
    typeof stack?.getStyleProperty === 'function' &&
    typeof stack.prototype.getProperty === 'function' &&
    typeof stack.prototype.autopush === 'function' &&
    typeof inlines?.prototype.buildInlines === 'function';
  return ok ? { stack, inlines } : undefined;
}

/** Installs the allocation-free lookup (on = true) or puts pdfmake's own back (for the test and the bench). */
export function useFastStyleLookup(on: boolean): boolean {
  const c = classes();
  if (!c) return false;
  original ??= {
    getStyleProperty: c.stack.getStyleProperty,
    getProperty: c.stack.prototype.getProperty,
    buildInlines: c.inlines.prototype.buildInlines,
  };
  c.stack.getStyleProperty = on ? getStyleProperty : original.getStyleProperty;
  c.stack.prototype.getProperty = on ? getProperty : original.getProperty;
  fastBuildInlines ??= memoised(original.buildInlines);
  c.inlines.prototype.buildInlines = on ? fastBuildInlines : original.buildInlines;
  return true;
}

let fastBuildInlines: BuildInlines | undefined;

/** Whether all three methods are ours right now (src/render/pdf/patches.ts). */
export function fastStyleLookupInstalled(): boolean {
  const c = classes();
  return (
    !!c &&
    c.stack.getStyleProperty === getStyleProperty &&
    c.stack.prototype.getProperty === getProperty &&
    c.inlines.prototype.buildInlines === fastBuildInlines
  );
}
