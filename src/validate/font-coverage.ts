import { createRequire } from 'node:module';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { RawFile } from '../load/load-report.js';
import { positionAt } from '../load/read-input.js';
import { fontPath } from '../util/fonts.js';

/**
 * Characters the PDF's font has no glyph for (an emoji, a rare symbol) would vanish from the PDF
 * while the HTML shows them. Each is reported at its place in the data or narrative as a warning,
 * from the font's own character map (fontkit's hasGlyphForCodePoint on the bundled Roboto).
 */

interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
}
const require = createRequire(import.meta.url);
let font: FontkitFont | undefined;
const known = new Map<number, boolean>();

function hasGlyph(cp: number): boolean {
  // Latin-1 is in every font the tool uses; only rarer characters are looked up.
  if (cp < 0x100) return true;
  let r = known.get(cp);
  if (r === undefined) {
    font ??= (require('fontkit') as { openSync(path: string): FontkitFont }).openSync(fontPath('normal'));
    known.set(cp, (r = font.hasGlyphForCodePoint(cp)));
  }
  return r;
}

/** Joiners and selectors belong to the character before them: an emoji is one warning, not three. */
const PART_OF_PREVIOUS = new Set([0x200d, 0xfe0e, 0xfe0f, 0x20e3]);
const MAX_PER_FILE = 20;

/** The last result per file: `watch` and a batch look at unchanged files again and again. */
const lastScan = new Map<string, { text: string; found: Diagnostic[] }>();

export function fontCoverage(files: readonly RawFile[]): Diagnostic[] {
  return files.flatMap((f) => {
    const hit = lastScan.get(f.fil);
    // Copies: a later stage may mark a diagnostic (accepted, say) and must not change the cached one.
    if (hit && hit.text === f.text) return hit.found.map((d) => ({ ...d }));
    const found = scanFile(f);
    lastScan.delete(f.fil);
    lastScan.set(f.fil, { text: f.text, found: found.map((d) => ({ ...d })) });
    // Keep the most recent few hundred files, as the YAML cache keeps its own.
    if (lastScan.size > 400) lastScan.delete(lastScan.keys().next().value!);
    return found;
  });
}

function scanFile(f: RawFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const yaml = f.fil.endsWith('.yaml');
  let n = 0;
  let skipped = 0;
  let i = 0;
  for (const ch of f.text) {
    const cp = ch.codePointAt(0)!;
    const at = i;
    i += ch.length;
    if (hasGlyph(cp) || PART_OF_PREVIOUS.has(cp) || (cp >= 0x1f3fb && cp <= 0x1f3ff)) continue;
    // A YAML comment is never printed.
    if (yaml) {
      const lineStart = f.text.lastIndexOf('\n', at) + 1;
      if (/(^|\s)#/.test(f.text.slice(lineStart, at))) continue;
    }
    if (n++ >= MAX_PER_FILE) {
      skipped++;
      continue;
    }
    const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    out.push({
      allvarlighet: 'varning',
      regel: 'typsnitt',
      meddelande: `tecknet "${ch}" (${hex}) finns inte i PDF:ens typsnitt (Roboto) och syns inte i PDF:en; ta bort det eller skriv det med ord`,
      plats: positionAt(f.text, at, f.fil),
    });
  }
  if (skipped)
    out.push({
      allvarlighet: 'varning',
      regel: 'typsnitt',
      meddelande: `ytterligare ${skipped} tecken i filen saknas i PDF:ens typsnitt`,
      plats: { fil: f.fil, rad: 1, kolumn: 1 },
    });
  return out;
}
