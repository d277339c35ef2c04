import { Packer, type Document } from 'docx';
import { unzipSync } from 'fflate';
import { zipWithDate } from '../zip.js';

type Part = string | Uint8Array | ArrayBuffer;
/** docx's own compiler: the package's parts before zipping (Packer.toBuffer = compile, then zip). */
type Compiler = { compile: (file: Document) => Map<string, Part> };

const bytes = (p: Part): Uint8Array =>
  typeof p === 'string' ? Buffer.from(p, 'utf8') : p instanceof ArrayBuffer ? new Uint8Array(p) : p;
const text = (p: Part): string => (typeof p === 'string' ? p : Buffer.from(bytes(p)).toString('utf8'));

/**
 * The Word package with no wall-clock date and no process-wide counter in it. docx stamps
 * core.xml's created/modified with the time of writing, and numbers bookmarks from a counter that
 * lives as long as the process: the dates become the report's date (from the data), the bookmarks
 * are renumbered from 1, and every zip entry is dated the report's date. Two builds, in one
 * process or in several, give the same bytes. The parts are taken from docx's compiler and zipped
 * once, by Node's zlib; should a docx upgrade drop the compiler, its zip is re-packed instead.
 */
export async function packDocx(doc: Document, isoDate: string): Promise<Buffer> {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  const parts: [string, Part][] =
    typeof compiler?.compile === 'function'
      ? [...compiler.compile.call(compiler, doc)]
      : Object.entries(unzipSync(await Packer.toBuffer(doc)));
  const stamp = `${isoDate}T00:00:00Z`;
  return zipWithDate(
    parts.map(([name, data]): [string, Uint8Array] => {
      if (name === 'docProps/core.xml')
        return [
          name,
          Buffer.from(text(data).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`)),
        ];
      if (name === 'word/document.xml') return [name, Buffer.from(renumberBookmarks(text(data)))];
      return [name, bytes(data)];
    }),
    isoDate,
  );
}

/** Bookmark ids and the `_TocN` names docx derives from them, numbered 1, 2, … as they first occur. */
export function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  const id = (n: string): number => {
    let v = ids.get(n);
    if (v === undefined) ids.set(n, (v = ids.size + 1));
    return v;
  };
  return xml
    .replace(/_Toc(\d+)/g, (_, n: string) => `_Toc${id(n)}`)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, pre: string, n: string) => `${pre}${id(n)}"`);
}
