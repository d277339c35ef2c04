import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { RawFile } from '../load/load-report.js';
import { positionAt } from '../load/read-input.js';
import { cacheFolder } from '../util/cache-dir.js';
import { packageVersion, readDiskValue, writeDiskValue } from '../util/disk-cache.js';
import { fontPath } from '../util/fonts.js';
import { VERSION } from '../version.js';

/**
 * Characters the PDF's font has no glyph for (an emoji, a rare symbol) would vanish from the PDF
 * while the HTML shows them. Each is reported at its place in the data or narrative as a warning,
 * from the font's own character map (fontkit's hasGlyphForCodePoint on the bundled Roboto), its
 * answers kept on disk for the next process.
 */

interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
}
const require = createRequire(import.meta.url);
let font: FontkitFont | undefined;
/** What the font answered per code point; `learnt` marks answers the disk copy lacks. */
let known: Map<number, boolean> | undefined;
let learnt = false;
const MAGIC = 'kommunrapport-teckentäckning';

/**
 * Where this font's answers are kept between processes: fontkit decodes the whole character map
 * at the first question, a tenth of a second in every cold build. Named by the font file's
 * SHA-256 and the versions of fontkit and this tool; undefined with caching off.
 */
let diskFile: string | null | undefined;
function coverageFile(): string | null {
  if (diskFile !== undefined) return diskFile;
  const base = cacheFolder();
  if (!base) return (diskFile = null);
  try {
    const hash = createHash('sha256')
      .update(readFileSync(fontPath('normal')))
      .digest('hex');
    const key = `kommunrapport-${VERSION}_fontkit-${packageVersion(require, 'fontkit')}`;
    return (diskFile = join(base, 'teckentäckning', key, `${hash}.v8`));
  } catch {
    return (diskFile = null);
  }
}

function answers(): Map<number, boolean> {
  if (known) return known;
  const file = coverageFile();
  const stored = file ? readDiskValue(file, MAGIC) : undefined;
  return (known = stored instanceof Map ? (stored as Map<number, boolean>) : new Map());
}

function hasGlyph(cp: number): boolean {
  // Latin-1 is in every font the tool uses; only rarer characters are looked up.
  if (cp < 0x100) return true;
  const map = answers();
  let r = map.get(cp);
  if (r === undefined) {
    font ??= (require('fontkit') as { openSync(path: string): FontkitFont }).openSync(fontPath('normal'));
    map.set(cp, (r = font.hasGlyphForCodePoint(cp)));
    learnt = true;
  }
  return r;
}

/** Stores what this process learnt, for the next one. */
function saveAnswers(): void {
  if (!learnt || !known) return;
  learnt = false;
  const file = coverageFile();
  if (file) writeDiskValue(file, MAGIC, known);
}

/** Joiners and selectors belong to the character before them: an emoji is one warning, not three. */
const PART_OF_PREVIOUS = new Set([0x200d, 0xfe0e, 0xfe0f, 0x20e3]);
const MAX_PER_FILE = 20;

/** The last result per file: `watch` and a batch look at unchanged files again and again. */
const lastScan = new Map<string, { text: string; found: Diagnostic[] }>();

export function fontCoverage(files: readonly RawFile[]): Diagnostic[] {
  const found = scanFiles(files);
  saveAnswers();
  return found;
}

function scanFiles(files: readonly RawFile[]): Diagnostic[] {
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
