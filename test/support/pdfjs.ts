import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A node of pdf.js's structure tree (page.getStructTree()). */
export interface StructNode {
  role: string;
  alt?: string;
  children?: (StructNode | { type: 'content'; id: string } | { type: 'object'; id: string })[];
}

export interface PdfjsPage {
  tree: StructNode | null;
  /** Every text run with its marked-content id, or none (untagged), and whether it is an artifact. */
  runs: { str: string; mcid?: string; artifact: boolean }[];
}

/** Reads a PDF with pdf.js (a real reader of tagged PDF): per page, its structure tree and text runs with their marking. */
export async function readTagged(file: string): Promise<{ pages: PdfjsPage[]; markInfo: unknown }> {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(file)),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: PdfjsPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tree = (await page.getStructTree()) as StructNode | null;
    const tc = await page.getTextContent({ includeMarkedContent: true });
    const runs: PdfjsPage['runs'] = [];
    const stack: { id?: string; artifact: boolean }[] = [];
    for (const it of tc.items as ({ type: string; id?: string; tag?: string } | { str: string })[]) {
      if ('str' in it) {
        if (!it.str.trim()) continue;
        const open = [...stack].reverse().find((m) => m.id !== undefined || m.artifact);
        runs.push({ str: it.str, ...(open?.id ? { mcid: open.id } : {}), artifact: stack.some((m) => m.artifact) });
      } else if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent')
        stack.push({ ...(it.id ? { id: it.id } : {}), artifact: it.tag === 'Artifact' });
      else if (it.type === 'endMarkedContent') stack.pop();
    }
    pages.push({ tree, runs });
  }
  const markInfo = await doc.getMarkInfo();
  await doc.destroy();
  return { pages, markInfo };
}

/** Flattens a structure tree into its elements, in order. */
export function elements(n: StructNode | null): StructNode[] {
  if (!n) return [];
  const out: StructNode[] = [];
  const walk = (x: StructNode): void => {
    out.push(x);
    for (const k of x.children ?? []) if ('role' in k) walk(k);
  };
  walk(n);
  return out;
}

/** Marked-content ids an element's subtree refers to. */
export function contentIds(n: StructNode): string[] {
  return (n.children ?? []).flatMap((k) => ('role' in k ? contentIds(k) : k.type === 'content' ? [k.id] : []));
}
