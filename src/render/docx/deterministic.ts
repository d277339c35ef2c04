import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * docx stamps core.xml's created/modified with the time of writing and the zip entries with the
 * time of zipping; both become the report's date (from the data). It also numbers bookmarks from a
 * counter that lives as long as the process, so the headings' bookmarks are renumbered from 1 in
 * document order. Two builds are then byte-identical, in one process or in several.
 */
export function fixDates(buf: Uint8Array, isoDate: string): Buffer {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`ogiltigt datum för Word-dokumentet: ${isoDate}`);
  // Zip dates are local wall-clock fields: midnight of the report's date, whatever the time zone.
  const mtime = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const stamp = `${isoDate}T00:00:00Z`;
  const files: Zippable = {};
  for (const [name, data] of Object.entries(unzipSync(buf))) {
    if (name.endsWith('/')) continue;
    if (name === 'docProps/core.xml') files[name] = strToU8(strFromU8(data).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`));
    else if (name === 'word/document.xml') files[name] = strToU8(renumberBookmarks(strFromU8(data)));
    else files[name] = data;
  }
  return Buffer.from(zipSync(files, { level: 6, mtime }));
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
