// Replaces pdfmake 0.3.11: DocMeasure.prototype.measureLeaf (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';

/**
 * pdfmake lays the whole document out again for every round of page breaks (page-break-passes.ts),
 * and each layout measures every text node again: its words split, shaped and measured, the
 * largest single cost of a layout. Between rounds only `pageBreak` flags change, never a text or
 * the styles around it, so a text node's words are kept from the first round and handed out as
 * fresh copies (the layout writes into them: positions, and the split of an over-long word).
 *
 * A node is measured again when its text or the style stack around it is not the very same as
 * when it was measured, and always when it takes part in a reference (page or text reference, a
 * TOC item, an inline holding one): those are rebuilt on every round.
 */

interface Inline {
  [k: string]: unknown;
}
interface LeafNode {
  text?: unknown;
  _textRef?: unknown;
  _pageRef?: unknown;
  _tocItemRef?: unknown;
  tocItem?: unknown;
  _inlines?: Inline[];
  _minWidth?: number;
  _maxWidth?: number;
}
interface Measurer {
  styleStack: { styleOverrides: unknown[] };
}
type MeasureLeaf = (this: Measurer, node: LeafNode) => LeafNode;

interface Kept {
  text: unknown;
  stack: unknown[];
  items: Inline[];
  minWidth: number;
  maxWidth: number;
}

const kept = new WeakMap<object, Kept>();

const REFERENCE_KEYS = ['_textRef', '_pageRef', '_tocItemRef', 'tocItem', 'pageReference', 'textReference'];
const refers = (n: unknown): boolean =>
  typeof n === 'object' && n !== null && REFERENCE_KEYS.some((k) => (n as Record<string, unknown>)[k] !== undefined);

/** Whether a node's words can be kept between layout rounds. */
function keepable(node: LeafNode): boolean {
  if (refers(node)) return false;
  return !Array.isArray(node.text) || !node.text.some(refers);
}

const sameStack = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function reusing(own: MeasureLeaf): MeasureLeaf {
  return function (this: Measurer, node) {
    if (!keepable(node)) return own.call(this, node);
    const stack = this.styleStack.styleOverrides;
    const k = kept.get(node);
    if (k && k.text === node.text && sameStack(k.stack, stack)) {
      node._inlines = k.items.map((i) => ({ ...i }));
      node._minWidth = k.minWidth;
      node._maxWidth = k.maxWidth;
      return node;
    }
    own.call(this, node);
    kept.set(node, {
      text: node.text,
      stack: stack.slice(),
      items: (node._inlines ?? []).map((i) => ({ ...i })),
      minWidth: node._minWidth ?? 0,
      maxWidth: node._maxWidth ?? 0,
    });
    return node;
  };
}

interface MeasureClass {
  prototype: { measureLeaf: MeasureLeaf };
}
const require = createRequire(import.meta.url);
let original: MeasureLeaf | undefined;
let ours: MeasureLeaf | undefined;

function measureClass(): MeasureClass | undefined {
  const c = (require('pdfmake/js/DocMeasure.js') as { default?: MeasureClass }).default;
  return typeof c?.prototype.measureLeaf === 'function' ? c : undefined;
}

/** On: text nodes measured once per document; off: pdfmake's own (for the test and the bench). */
export function useMeasureReuse(on = true): boolean {
  const c = measureClass();
  if (!c) return false;
  original ??= c.prototype.measureLeaf;
  ours ??= reusing(original);
  c.prototype.measureLeaf = on ? ours : original;
  return true;
}

/** Whether the method is ours right now (src/render/pdf/patches.ts). */
export function measureReuseInstalled(): boolean {
  return !!ours && measureClass()?.prototype.measureLeaf === ours;
}
