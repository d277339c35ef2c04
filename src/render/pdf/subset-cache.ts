// Replaces fontkit 2.0.4: TTFSubset.prototype.encode (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readDiskValue, writeDiskEntry } from '../../util/disk-cache.js';
import { fontBytes } from '../../util/fonts.js';
import { subsetCacheFolder } from './font-disk-cache.js';
import { registeredFontHash } from './font-hash.js';

/**
 * pdfkit embeds the glyphs a document uses as a subset of each font: fontkit decodes every glyph
 * and encodes the subset's tables anew, a tenth of a second of every cold PDF. The subset's bytes
 * depend only on the font file and the glyphs asked for, in order, and an edited report mostly
 * uses the same glyphs as before, so the bytes are kept on disk under the font file's SHA-256 and
 * that list (the folder names the versions of pdfmake, pdfkit, fontkit and this tool). Encoding
 * adds the parts of composite glyphs to the subset; the list after encoding is kept too and
 * restored, so the subset is left as fontkit would leave it. Fonts that are not registered
 * (font-hash.ts) and builds with caching off encode as fontkit does.
 */

interface SubsetLike {
  font: { stream?: { buffer?: Uint8Array } };
  glyphs: number[];
  mapping: Record<number, number>;
  encode(): Uint8Array;
}
interface Stored {
  glyphs: number[];
  bytes: Uint8Array;
}

const MAGIC = 'kommunrapport-delmängd';

const isStored = (v: unknown): v is Stored =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as Stored).glyphs) &&
  (v as Stored).glyphs.every((g) => Number.isInteger(g)) &&
  (v as Stored).bytes instanceof Uint8Array;

let hook: { proto: Partial<SubsetLike>; own: SubsetLike['encode']; cached: SubsetLike['encode'] } | undefined;

/** Whether the method is ours right now (src/render/pdf/patches.ts). */
export function subsetCacheInstalled(): boolean {
  return !!hook && hook.proto.encode === hook.cached;
}

/** Turns the cache off (fontkit's own encoding every time, the benchmark's baseline) or on again. */
export function useSubsetCache(on: boolean): void {
  if (hook) hook.proto.encode = on ? hook.cached : hook.own;
}

export function installSubsetCache(): boolean {
  if (hook) return true;
  const fromPdfkit = createRequire(createRequire(createRequire(import.meta.url).resolve('pdfmake')).resolve('pdfkit'));
  const fontkit = fromPdfkit('fontkit') as { create(b: Uint8Array): { createSubset(): SubsetLike } };
  const proto = Object.getPrototypeOf(fontkit.create(fontBytes('normal')).createSubset()) as Partial<SubsetLike>;
  const own = proto.encode;
  if (typeof own !== 'function') return false;
  const cached = function cachedEncode(this: SubsetLike): Uint8Array {
    const bytes = this.font.stream?.buffer;
    const hash = bytes && registeredFontHash(bytes);
    const folder = hash ? subsetCacheFolder() : undefined;
    if (!folder) return own.call(this);
    const name = createHash('sha256')
      .update(`${hash}\n${this.glyphs.join(',')}`)
      .digest('hex');
    const file = join(folder, `${name}.v8`);
    const stored = readDiskValue(file, MAGIC);
    if (isStored(stored)) {
      this.glyphs = [...stored.glyphs];
      this.mapping = {};
      this.glyphs.forEach((g, i) => (this.mapping[g] = i));
      return stored.bytes;
    }
    const made = own.call(this);
    writeDiskEntry(file, MAGIC, { glyphs: this.glyphs, bytes: made } satisfies Stored);
    return made;
  };
  hook = { proto, own, cached };
  proto.encode = cached;
  return true;
}
