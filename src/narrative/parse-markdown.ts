import type { Heading, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import type { Block, Inline } from '../core/model/dokument.js';
import { cachedTree } from './tree-cache.js';

/** Elements whose content a browser never shows as text: removing their tags must remove it too. */
const HIDDEN = /<(script|style|noscript|template|iframe|object|textarea|title|svg|math)\b[^>]*>/i;

/**
 * Inline HTML arrives as separate nodes for the opening and closing tags, with the content as
 * text between them: `<script>alert(1)</script>` would otherwise leave "alert(1)" visible.
 */
function withoutHiddenHtml(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let closing: RegExp | undefined;
  for (const n of nodes) {
    if (closing) {
      if (n.type === 'html' && closing.test(n.value)) closing = undefined;
      continue;
    }
    out.push(n);
    if (n.type !== 'html') continue;
    const open = HIDDEN.exec(n.value);
    if (open && !new RegExp(`</${open[1]}\\s*>`, 'i').test(n.value.slice(open.index)))
      closing = new RegExp(`</${open[1]}\\s*>`, 'i');
  }
  return out;
}

/** A piece of a narrative file: one heading and the blocks up to the next heading of any level. */
export interface TextDel {
  fil: string;
  /** Markdown heading depth (1 = chapter); 0 for text before the first heading. */
  nivå: number;
  rubrik: Inline[];
  rubrikText: string;
  /** Headings from the file's top down to this one, for `a > b` paths and context. */
  sökväg: string[];
  block: Block[];
  /** Paragraphs with their source, for the text checks (filled by resolveInline). */
  plats: Position;
}

/** An inline reference found in the text; resolved later by compose. */
export interface RåReferens {
  källa: string;
  plats: Position;
}

export interface ParsedNarrative {
  delar: TextDel[];
  diagnostics: Diagnostic[];
}

/** Callback that turns `{=…}` references into inline nodes. */
export type RefResolver = (källa: string, plats: Position) => Inline;

const REF = /\{=([^{}\s]+)(?:\s+([^{}]*?))?\s*\}/g;

/**
 * Characters without which no GFM construct can start: a table needs `|`, strikethrough `~`, a
 * task list item `[ ]` or `[x]`, a footnote `[^`, an autolink literal `www.`, `http(s)://` or an
 * e-mail's `@` (micromark-extension-gfm-autolink-literal, mdast-util-gfm-autolink-literal). A
 * text with none of them parses to the same tree without remark-gfm, whose extensions make the
 * parse several times slower (autolink literals look at every word).
 */
const MAYBE_GFM = /[|~@]|\[[ \txX]\]|\[\^|https?:\/\/|www\./i;

/** Whether the text may hold GFM syntax (then remark-gfm parses it). */
export const mayUseGfm = (text: string): boolean => MAYBE_GFM.test(text);

const commonmark = unified().use(remarkParse);
const withGfm = () => unified().use(remarkParse).use(remarkGfm);
let gfm: ReturnType<typeof withGfm> | undefined;

/** The text's mdast tree: CommonMark, with GFM's extensions only where the text may use them. */
export function parseTree(text: string, opts: { gfm?: boolean } = {}): Root {
  if (!(opts.gfm ?? mayUseGfm(text))) return commonmark.runSync(commonmark.parse(text)) as Root;
  gfm ??= withGfm();
  return gfm.runSync(gfm.parse(text)) as Root;
}

export function parseMarkdown(text: string, fil: string, resolve: RefResolver): ParsedNarrative {
  const tree = cachedTree(text, () => parseTree(text));
  const diagnostics: Diagnostic[] = [];
  const footnoteNumbers = new Map<string, number>();
  const pos = (n: Nodes): Position => ({
    fil,
    rad: n.position?.start.line ?? 1,
    kolumn: n.position?.start.column ?? 1,
  });
  /** Raw HTML is dropped, inline or as a block, with one warning at its place. */
  const droppedHtml = (n: Nodes): [] => {
    diagnostics.push({
      allvarlighet: 'varning',
      regel: 'rå-html',
      meddelande: 'HTML i texten tas bort; skriv Markdown',
      plats: pos(n),
    });
    return [];
  };

  const inlines = (nodes: PhrasingContent[]): Inline[] => withoutHiddenHtml(nodes).flatMap((n) => inline(n));
  const inline = (n: PhrasingContent): Inline[] => {
    switch (n.type) {
      case 'text':
        return splitRefs(n.value, pos(n));
      case 'strong':
        return [{ typ: 'fet', inl: inlines(n.children) }];
      case 'emphasis':
        return [{ typ: 'kursiv', inl: inlines(n.children) }];
      case 'delete':
        return inlines(n.children);
      case 'link':
        return [{ typ: 'länk', url: n.url, inl: inlines(n.children) }];
      case 'inlineCode':
        return [{ typ: 'kod', text: n.value }];
      case 'break':
        return [{ typ: 'radbrytning' }];
      case 'footnoteReference': {
        let nr = footnoteNumbers.get(n.identifier);
        if (nr === undefined) {
          nr = footnoteNumbers.size + 1;
          footnoteNumbers.set(n.identifier, nr);
        }
        return [{ typ: 'fotnotsref', nummer: nr }];
      }
      case 'html':
        return droppedHtml(n);
      case 'image':
      case 'imageReference':
        diagnostics.push({
          allvarlighet: 'varning',
          regel: 'bild',
          meddelande: 'bilder i texten stöds inte och tas bort',
          plats: pos(n),
        });
        return [];
      case 'linkReference':
        return inlines(n.children);
      default:
        return [];
    }
  };

  const splitRefs = (value: string, start: Position): Inline[] => {
    const out: Inline[] = [];
    let last = 0;
    for (const m of value.matchAll(REF)) {
      const i = m.index ?? 0;
      if (i > last) out.push({ typ: 'text', text: value.slice(last, i), plats: offsetPosition(value, last, start) });
      out.push(resolve(m[0].slice(2, -1).trim(), offsetPosition(value, i, start)));
      last = i + m[0].length;
    }
    if (last < value.length)
      out.push({ typ: 'text', text: value.slice(last), plats: offsetPosition(value, last, start) });
    return out;
  };

  const blocks = (nodes: RootContent[]): Block[] => nodes.flatMap((n) => block(n));
  const block = (n: RootContent): Block[] => {
    switch (n.type) {
      case 'paragraph':
        return [{ typ: 'stycke', inl: inlines(n.children), plats: pos(n) }];
      case 'list':
        return [
          {
            typ: 'lista',
            numrerad: n.ordered === true,
            ...(n.ordered && n.start != null && n.start !== 1 ? { start: n.start } : {}),
            punkter: n.children.map((li) => blocks(li.children)),
          },
        ];
      case 'blockquote':
        return blocks(n.children);
      case 'code':
        return [{ typ: 'stycke', inl: [{ typ: 'kod', text: n.value }], plats: pos(n) }];
      case 'html':
        return droppedHtml(n);
      case 'table':
        diagnostics.push({
          allvarlighet: 'varning',
          regel: 'tabell-i-text',
          meddelande: 'tabeller hör hemma i data/…/tabeller.yaml; tabellen i texten tas bort',
          plats: pos(n),
        });
        return [];
      case 'footnoteDefinition': {
        let nr = footnoteNumbers.get(n.identifier);
        if (nr === undefined) {
          nr = footnoteNumbers.size + 1;
          footnoteNumbers.set(n.identifier, nr);
        }
        const inner = blocks(n.children);
        const inl = inner.flatMap((b) => (b.typ === 'stycke' ? b.inl : []));
        return [{ typ: 'fotnoter', poster: [{ nummer: nr, inl }] }];
      }
      default:
        return [];
    }
  };

  const delar: TextDel[] = [];
  const stack: string[] = [];
  let current: TextDel = {
    fil,
    nivå: 0,
    rubrik: [],
    rubrikText: '',
    sökväg: [],
    block: [],
    plats: { fil, rad: 1, kolumn: 1 },
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (current.nivå > 0 || current.block.length) delar.push(current);
      const h = node as Heading;
      const text = plainText(inlines(h.children));
      stack.length = h.depth - 1;
      stack[h.depth - 1] = text;
      current = {
        fil,
        nivå: h.depth,
        rubrik: inlines(h.children),
        rubrikText: text,
        sökväg: stack.filter(Boolean),
        block: [],
        plats: pos(h),
      };
    } else {
      current.block.push(...block(node));
    }
  }
  if (current.nivå > 0 || current.block.length) delar.push(current);
  // Footnote definitions are gathered at the end of the part that defines them.
  for (const d of delar) {
    const notes = d.block.filter((b): b is Extract<Block, { typ: 'fotnoter' }> => b.typ === 'fotnoter');
    if (notes.length > 1) {
      d.block = d.block.filter((b) => b.typ !== 'fotnoter');
      d.block.push({ typ: 'fotnoter', poster: notes.flatMap((n) => n.poster) });
    }
  }
  return { delar, diagnostics };
}

export function plainText(inl: Inline[]): string {
  return inl
    .map((i) => {
      switch (i.typ) {
        case 'text':
        case 'kod':
        case 'ref':
          return i.text;
        case 'fet':
        case 'kursiv':
        case 'länk':
          return plainText(i.inl);
        case 'radbrytning':
          return ' ';
        default:
          return '';
      }
    })
    .join('');
}

export function offsetPosition(value: string, offset: number, start: Position): Position {
  const before = value.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { ...start, kolumn: start.kolumn + offset };
  const lines = before.split('\n').length - 1;
  return { fil: start.fil, rad: start.rad + lines, kolumn: offset - nl };
}
