import iconv from 'iconv-lite';
import { Importfel } from './ledger.js';

export const KODNINGAR = ['auto', 'utf-8', 'windows-1252', 'cp437'] as const;
export type Kodning = (typeof KODNINGAR)[number];

/** Line and column (1-based) of a byte offset, counting characters of the ASCII prefix. */
function radOchKolumn(bytes: Uint8Array, offset: number): string {
  let rad = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      rad++;
      start = i + 1;
    }
  }
  return `${rad}:${offset - start + 1}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The first byte offset where the bytes stop being valid UTF-8 (a lead byte without its continuation bytes). */
function förstaOgiltigaUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return 0;
}

/**
 * Decodes an export's text. `auto`: UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 * else Windows-1252, the encoding Swedish Excel and most ekonomisystem write CSV in. UTF-16 and
 * binary files are refused with a message rather than read as garbage.
 */
export function avkoda(
  bytes: Uint8Array,
  kodning: Kodning,
  fil: string,
  standard: 'windows-1252' | 'cp437' = 'windows-1252',
): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new Importfel(
      `${fil}:1:1`,
      'filen är kodad som UTF-16; spara exporten som UTF-8 eller Windows-1252 (i Excel: "CSV UTF-8" eller "CSV (semikolonavgränsad)")',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new Importfel(
      `${fil}:${radOchKolumn(bytes, nul)}`,
      'filen innehåller nollbytes och är ingen textfil i UTF-8, Windows-1252 eller CP437 (är det en UTF-16- eller binärfil?)',
    );
  }
  if (kodning === 'utf-8' || kodning === 'auto') {
    try {
      return utf8.decode(bytes);
    } catch {
      if (kodning === 'utf-8') {
        const at = förstaOgiltigaUtf8(bytes);
        throw new Importfel(
          `${fil}:${radOchKolumn(bytes, at)}`,
          `filen är inte giltig UTF-8 (byte 0x${bytes[at]!.toString(16).toUpperCase()}); ange kodning: windows-1252 i mappningens källa om exporten är sparad så`,
        );
      }
    }
  }
  const k = kodning === 'auto' ? standard : kodning;
  return iconv.decode(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    k === 'cp437' ? 'cp437' : 'win1252',
  );
}

/** True when the bytes are valid UTF-8 and hold at least one multi-byte character. */
export function ärUtf8MedÅÄÖ(bytes: Uint8Array): number | undefined {
  try {
    utf8.decode(bytes);
  } catch {
    return undefined;
  }
  const i = bytes.findIndex((b) => b >= 0xc2 && b <= 0xf4);
  return i >= 0 ? i : undefined;
}

export { radOchKolumn };
