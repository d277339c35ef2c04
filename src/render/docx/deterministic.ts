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
 * are renumbered from 1, hyperlink relationships (random ids from nanoid) are renamed in order of
 * appearance, and every zip entry is dated the report's date. Two builds, in one
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
  const renameLinks = randomIdRenamer();
  return zipWithDate(
    parts.map(([name, data]): [string, Uint8Array] => {
      if (name.endsWith('.xml') || name.endsWith('.rels')) data = renameLinks(text(data));
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

/**
 * docx names each hyperlink's relationship `rId` + a 21-character nanoid (lower case). The same
 * random id appears in a part and in its .rels; one renamer over all parts maps each to
 * `rIdLank1`, `rIdLank2`, … in the order the parts and ids come, which docx's compiler keeps fixed.
 */
export function randomIdRenamer(): (xml: string) => string {
  const names = new Map<string, string>();
  return (xml) =>
    xml.replace(/\brId([a-z0-9_-]{21})(?=")/g, (_, n: string) => {
      let v = names.get(n);
      if (v === undefined) names.set(n, (v = `rIdLank${names.size + 1}`));
      return v;
    });
}
