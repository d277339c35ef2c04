// Replaces fontkit 2.0.4: TTFFont.prototype._getTable (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';
import { FONT_FACES, fontBytes } from '../../util/fonts.js';
import { registerFontFile, registeredFontHash } from './font-hash.js';

/**
 * pdfkit opens each font anew for every document, and fontkit then decodes the font's tables
 * (cmap, metrics, the OpenType GSUB/GPOS lookups, glyph locations) again the first time each
 * document needs them. The tables are read-only data decoded from the same bytes, so for the
 * bundled faces one decoded set serves every document, as fontkit itself shares them between
 * the variations of one font. Glyph objects stay per font object, that is per document: they
 * carry the code points pdfkit writes into the ToUnicode map, which must not depend on which
 * document came first (test/pdf.test.ts builds a PDF alone in a fresh process and after other
 * reports and compares the bytes).
 *
 * If a fontkit upgrade changes the method, the hook is not installed and fontkit's own code runs.
 */

interface TableEntry {
  tag: string;
  checkSum: number;
}
interface TTFFontLike {
  /** The bytes fontkit decodes the font from (restructure's DecodeStream). */
  stream?: { buffer?: Uint8Array };
  directory: { tables: Record<string, TableEntry> };
  _tables: Record<string, unknown>;
  _getTable(table: TableEntry): unknown;
}

/** Decoded tables per bundled face, keyed by the SHA-256 of its file (font-hash.ts). */
const stores = new Map<string, Record<string, unknown> | null>();

const fontKey = (f: TTFFontLike): string | undefined => {
  const bytes = f.stream?.buffer;
  return bytes && registeredFontHash(bytes);
};

let hook: { proto: Partial<TTFFontLike>; own: TTFFontLike['_getTable']; shared: TTFFontLike['_getTable'] } | undefined;

/** Turns the sharing off (fontkit's own per-font decoding, for the benchmark's baseline) or on again. */
export function useSharedFontTables(on: boolean): void {
  if (hook) hook.proto._getTable = on ? hook.shared : hook.own;
}

/** How many tables are shared for a font file (0 for a file that is not shared); for the tests. */
export function sharedTables(file: Uint8Array): number {
  const hash = registeredFontHash(file);
  const store = hash === undefined ? undefined : stores.get(hash);
  return store ? Object.keys(store).length : 0;
}

/** Whether the method is ours right now (src/render/pdf/patches.ts). */
export function sharedFontTablesInstalled(): boolean {
  return !!hook && hook.proto._getTable === hook.shared;
}

export function installSharedFontTables(): boolean {
  if (hook) return true;
  const fromPdfkit = createRequire(createRequire(createRequire(import.meta.url).resolve('pdfmake')).resolve('pdfkit'));
  const fontkit = fromPdfkit('fontkit') as { create(b: Uint8Array): object };
  const probe = fontkit.create(fontBytes('normal')) as Partial<TTFFontLike>;
  const proto = Object.getPrototypeOf(probe) as Partial<TTFFontLike>;
  const own = proto._getTable;
  if (typeof own !== 'function' || !probe.directory?.tables || !probe._tables || !probe.stream?.buffer) return false;
  // Only the bundled faces are shared; a store is made by the first document that opens one.
  for (const face of Object.keys(FONT_FACES) as (keyof typeof FONT_FACES)[])
    stores.set(registerFontFile(fontBytes(face)), null);
  const shared = function sharedGetTable(this: TTFFontLike, table: TableEntry): unknown {
    if (!(table.tag in this._tables)) {
      const key = fontKey(this);
      const store = key === undefined ? undefined : stores.get(key);
      if (store === null) stores.set(key!, this._tables);
      else if (store && store !== this._tables) this._tables = store;
    }
    return own.call(this, table);
  };
  hook = { proto, own, shared };
  proto._getTable = shared;
  return true;
}
