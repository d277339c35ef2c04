import type { DiagnosRegel } from '../core/diagnostics/regler.js';
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic, Position } from '../core/diagnostics/diagnostic.js';
import { osFelSv } from '../core/diagnostics/os-fel.js';

export interface ReadInput {
  /** The file's text, absent when it cannot be used at all. */
  text?: string;
  diagnostics: Diagnostic[];
}

const fel = (regel: DiagnosRegel, meddelande: string, plats: Position): Diagnostic => ({
  allvarlighet: 'fel',
  regel,
  meddelande,
  plats,
});

/** Line and column (1-based, in UTF-16 units as the YAML positions) of an offset in a text. */
export function positionAt(text: string, offset: number, fil: string): Position {
  let rad = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    rad++;
    start = i + 1;
  }
  return { fil, rad, kolumn: offset - start + 1 };
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points above U+10FFFF.
    const c1 = b[i + 1] ?? 0;
    if (
      (c === 0xe0 && c1 < 0xa0) ||
      (c === 0xed && c1 > 0x9f) ||
      (c === 0xf0 && c1 < 0x90) ||
      (c === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += n + 1;
  }
  return -1;
}

/** Windows-1252 bytes of the letters a Swedish text is most likely to hold. */
const CP1252_LETTERS: Record<number, string> = {
  0xe5: 'å',
  0xe4: 'ä',
  0xf6: 'ö',
  0xc5: 'Å',
  0xc4: 'Ä',
  0xd6: 'Ö',
  0xe9: 'é',
  0x96: '–',
  0x97: '—',
  0x93: '“',
  0x94: '”',
  0x92: '’',
  0xa7: '§',
};

function encodingMessage(b: Uint8Array, bad: number): string {
  const fix =
    'Spara om filen som UTF-8 (i Anteckningar eller Excel: "Spara som" med kodningen UTF-8; i en terminal: iconv -f windows-1252 -t utf-8)';
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return `filen är sparad som UTF-16, men måste vara UTF-8. ${fix}`;
  const byte = b[bad]!;
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const letter = CP1252_LETTERS[byte];
  const guess = letter
    ? `troligen "${letter}" i Windows-1252 eller Latin-1`
    : 'filen är troligen sparad som Windows-1252 eller Latin-1';
  return `filen är inte sparad som UTF-8: byten ${hex} (${guess}). ${fix}`;
}

const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  8: 'backsteg',
  0x0b: 'vertikal tabb',
  0x0c: 'sidmatning',
  0x1b: 'ESC',
  0x7f: 'DEL',
};

/** Control characters have no place in data or narrative: a NUL or an ESC is a copy-paste or disk accident. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Reads a text input: a directory where a file should be, an unreadable file, bytes that are not
 * UTF-8 and control characters are each one Swedish error at the file (and, for the last two,
 * the line and column of the first offending byte).
 */
export function readInputFile(full: string, fil: string): ReadInput {
  const at1 = { fil, rad: 1, kolumn: 1 };
  let bytes: Buffer;
  try {
    if (statSync(full).isDirectory()) {
      return {
        diagnostics: [
          fel('läsfel', `${fil} är en mapp, men ska vara en fil: byt namn på mappen eller flytta dess innehåll`, at1),
        ],
      };
    }
    bytes = readFileSync(full);
  } catch (e) {
    return { diagnostics: [fel('läsfel', `kunde inte läsa ${fil}: ${osFelSv(e)}`, at1)] };
  }
  // Node's own check first (native); the scan only to find where a bad file goes wrong.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    // Decode the valid part before the bad byte to place the error at its line and column.
    const before = bytes.subarray(0, bad).toString('utf8');
    return { diagnostics: [fel('teckenkodning', encodingMessage(bytes, bad), positionAt(before, before.length, fil))] };
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const m = CONTROL.exec(text);
  if (m) {
    const code = m[0].charCodeAt(0);
    const name = CONTROL_NAMES[code] ?? 'styrtecken';
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      diagnostics: [
        fel(
          'teckenkodning',
          `otillåtet tecken ${hex} (${name}) i texten: ta bort det (det syns ofta inte i en editor)`,
          positionAt(text, m.index, fil),
        ),
      ],
    };
  }
  return { text, diagnostics: [] };
}
