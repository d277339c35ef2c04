import { createRequire } from 'node:module';

/**
 * pdfmake resolves some twenty style properties for every text inline through
 * StyleContextStack.getStyleProperty, which pushes the item onto the stack, allocates two
 * closures and, for each named style on the stack, a Set of visited style names. In a full build
 * that lookup allocated about 30 % of all bytes, and the garbage collector spent a fifth of the
 * build cleaning up after it. This replaces the two methods with versions that answer exactly
 * the same (same order of precedence: the item, its own styles last-first, the stack top-down,
 * the default style; `extends` followed depth-first with the same cycle guard) without
 * allocating. test/pdf.test.ts builds a PDF with and without it and compares the bytes.
 *
 * If a pdfmake upgrade changes the class, the hook is not installed and pdfmake's own code runs.
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
const isString = (v: unknown): v is string | String => typeof v === 'string' || v instanceof String;

/** A named style's property, following `extends`; `visited` is only made when a style extends. */
function fromNamed(dict: Stack['styleDictionary'], name: string | String, property: string, visited?: Set<string | String>): unknown {
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
  const v = getProperty.call(stack, property);
  return isValue(v) ? v : defaultValue;
}

let original: Pick<StackClass, 'getStyleProperty'> & { getProperty: StackClass['prototype']['getProperty'] } | undefined;

function stackClass(): StackClass | undefined {
  const require = createRequire(import.meta.url);
  const cls = (require('pdfmake/js/StyleContextStack.js') as { default?: StackClass }).default;
  const ok = typeof cls?.getStyleProperty === 'function' && typeof cls.prototype.getProperty === 'function' && typeof cls.prototype.autopush === 'function';
  return ok ? cls : undefined;
}

/** Installs the allocation-free lookup (on = true) or puts pdfmake's own back (for the test and the bench). */
export function useFastStyleLookup(on: boolean): boolean {
  const cls = stackClass();
  if (!cls) return false;
  if (on) {
    original ??= { getStyleProperty: cls.getStyleProperty, getProperty: cls.prototype.getProperty };
    cls.getStyleProperty = getStyleProperty;
    cls.prototype.getProperty = getProperty;
  } else if (original) {
    cls.getStyleProperty = original.getStyleProperty;
    cls.prototype.getProperty = original.getProperty;
  }
  return true;
}
