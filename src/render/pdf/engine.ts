import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontPath } from '../../util/fonts.js';
import { TABLE_LAYOUT } from './blocks.js';
import { installSharedFontTables, useSharedFontTables } from './font-tables.js';
import { installSharedShapingCache, saveShapingCaches, useSharedShaping } from './shaping-cache.js';
import { useLineRuns } from './line-runs.js';
import { useBatchedStreamWrites } from './stream-writes.js';
import { useFastStyleLookup } from './style-lookup.js';
import { useTagging } from './tagging.js';
import { useBatchedPageBreaks } from './page-break-passes.js';
import { useMeasureReuse } from './measure-reuse.js';
import { installSubsetCache, useSubsetCache } from './subset-cache.js';
import type { LaidOutPage } from './verify.js';

const require = createRequire(import.meta.url);
// pdfmake is CommonJS and a singleton: configure it once.
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const fontDir = dirname(fontPath('normal'));
pdfmake.setFonts({
  Roboto: {
    normal: fontPath('normal'),
    bold: fontPath('bold'),
    italics: fontPath('italics'),
    bolditalics: fontPath('bolditalics'),
  },
});
// The document definition is built from data; it must never reach the network or other files.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.addTableLayouts({ kommunrapport: TABLE_LAYOUT } as unknown as Parameters<typeof pdfmake.addTableLayouts>[0]);
// Fonts a kommun's profile brings are registered when a document uses them (see layoutPdf).
const ROBOTO = {
  normal: fontPath('normal'),
  bold: fontPath('bold'),
  italics: fontPath('italics'),
  bolditalics: fontPath('bolditalics'),
};
const profilFamiljer: Record<string, typeof ROBOTO> = {};
const profilFiler = new Set<string>();
pdfmake.setLocalAccessPolicy((p: string) => p.startsWith(fontDir) || profilFiler.has(p));
installSharedShapingCache();
installSharedFontTables();
installSubsetCache();
useFastStyleLookup(true);
useBatchedStreamWrites(true);
useLineRuns(true);
useTagging();
useBatchedPageBreaks();
useMeasureReuse();

/**
 * Our speed-ups to pdfmake and pdfkit, each tested: off gives pdfmake as it ships, the baseline
 * `npm run bench` compares the build with. All but the line runs are byte-identical.
 */
export function usePdfSpeedups(on: boolean): void {
  useLineRuns(on);
  useSharedShaping(on);
  useSharedFontTables(on);
  useSubsetCache(on);
  useFastStyleLookup(on);
  useBatchedStreamWrites(on);
  useBatchedPageBreaks(on);
  useMeasureReuse(on);
}

/** Fields pdfmake 0.3 accepts that its type definitions lack. */
export interface PdfExtras {
  subset?: 'PDF/A-2b' | 'PDF/A-1b' | 'PDF/A-3b' | 'PDF/A-2a' | 'PDF/UA';
  tagged?: boolean;
  language?: string;
  version?: string;
  displayTitle?: boolean;
  /** The profile's font files; registered under its family name before layout. */
  profilTypsnitt?: { familj: string; normal: string; fet: string; kursiv: string; fetkursiv: string };
}

export async function layoutPdf(def: TDocumentDefinitions & PdfExtras): Promise<Buffer> {
  return (await layoutPdfPages(def)).bytes;
}

/** The PDF and the pages pdfmake laid out for it (pdfmake 0.3's Renderer keeps them on the pdfkit document as `_pdfMakePages`). */
export async function layoutPdfPages(
  def: TDocumentDefinitions & PdfExtras,
): Promise<{ bytes: Buffer; pages: LaidOutPage[] }> {
  const { profilTypsnitt: t, ...rest } = def;
  if (t && !profilFamiljer[t.familj]) {
    profilFamiljer[t.familj] = { normal: t.normal, bold: t.fet, italics: t.kursiv, bolditalics: t.fetkursiv };
    for (const f of [t.normal, t.fet, t.kursiv, t.fetkursiv]) profilFiler.add(f);
    pdfmake.setFonts({ Roboto: ROBOTO, ...profilFamiljer });
  }
  const out = pdfmake.createPdf(rest);
  const doc = (await out.getStream()) as unknown as { _pdfMakePages?: LaidOutPage[] };
  const pages = doc._pdfMakePages;
  if (!pages)
    throw new Error('pdfmake lämnade inga sidor att kontrollera (_pdfMakePages saknas: en ny pdfmake-version?)');
  const bytes = await out.getBuffer();
  // The words this document shaped first, for the next process (font-disk-cache.ts).
  saveShapingCaches();
  return { bytes, pages };
}
