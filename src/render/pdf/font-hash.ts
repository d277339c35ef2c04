import { createHash } from 'node:crypto';

/**
 * The identity of a font file for the caches shared between documents (shaping-cache.ts,
 * font-tables.ts): the SHA-256 of its bytes, never its internal name, so a kommun's profile font
 * that calls itself "Roboto-Regular" can never be given what was cached for the bundled Roboto.
 *
 * A file's hash is computed once, when it is registered. pdfkit reads a font file anew for every
 * document; those bytes are compared with the registered files of the same length (a memcmp, far
 * cheaper than hashing again) and take the hash of the one they equal, once per read.
 */

interface Registered {
  bytes: Uint8Array;
  hash: string;
}
/** Registered files by their length in bytes. */
const byLength = new Map<number, Registered[]>();
/** What each buffer pdfkit read was found to be: a registered file's hash, or null. */
const seen = new WeakMap<Uint8Array, string | null>();

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Registers a font file whose caches may be shared; returns its hash. */
export function registerFontFile(bytes: Uint8Array): string {
  const known = seen.get(bytes);
  if (known) return known;
  const hash = sha256(bytes);
  const list = byLength.get(bytes.byteLength) ?? [];
  if (!list.some((r) => r.hash === hash)) list.push({ bytes, hash });
  byLength.set(bytes.byteLength, list);
  seen.set(bytes, hash);
  return hash;
}

/** The hash of the registered file these bytes are a copy of, or undefined for any other file. */
export function registeredFontHash(bytes: Uint8Array): string | undefined {
  const known = seen.get(bytes);
  if (known !== undefined) return known ?? undefined;
  const match = byLength.get(bytes.byteLength)?.find((r) => Buffer.compare(r.bytes, bytes) === 0);
  seen.set(bytes, match?.hash ?? null);
  return match?.hash;
}
