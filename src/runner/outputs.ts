import type { Dokument } from '../core/model/dokument.js';
import { isRegel, REGLER } from '../core/diagnostics/regler.js';
import type { Kontrollresultat } from '../core/model/kontroll.js';
import { renderHtml } from '../render/html/render-html.js';
import type { PdfOptions } from '../render/pdf/render-pdf.js';
import { VERSION } from '../version.js';

import { FORMATS, type Format } from './formats.js';
export { FORMATS, orderOutputs, type Format } from './formats.js';

export interface RenderOptions {
  formats: readonly Format[];
  pdf?: PdfOptions;
  /** Called as each format is done, for progress lines. */
  onFormat?: (format: Format, ms: number) => void;
}

export interface Output {
  /** File name inside out/<rapport>/. */
  namn: string;
  bytes: Buffer;
}

type Renderer = (d: Dokument, k: Kontrollresultat, o: RenderOptions) => Promise<Buffer>;

// PDF, Excel and Word are loaded when first used: a build thread that only lays out PDFs never
// loads exceljs, and one that only prepares never loads pdfmake.
const RENDERERS: Record<Format, Renderer> = {
  html: async (d) => Buffer.from(renderHtml(d), 'utf8'),
  pdf: async (d, _k, o) => (await import('../render/pdf/render-pdf.js')).renderPdf(d, o.pdf),
  xlsx: async (d, k) => (await import('../render/xlsx/render-xlsx.js')).renderXlsx(d, k, { version: VERSION }),
  docx: async (d) => (await import('../render/docx/render-docx.js')).renderDocx(d),
};

/**
 * Renders every requested format into memory first, so a failure half-way writes nothing and
 * the previous outputs stay as they were. HTML goes first: it is the fastest to look at.
 */
export async function renderOutputs(d: Dokument, k: Kontrollresultat, o: RenderOptions): Promise<Output[]> {
  const out: Output[] = [];
  for (const f of FORMATS) {
    if (!o.formats.includes(f)) continue;
    const r = RENDERERS[f];
    const t = performance.now();
    out.push({ namn: `${d.id}.${f}`, bytes: await r(d, k, o) });
    o.onFormat?.(f, performance.now() - t);
  }
  out.push({ namn: 'kontroll.json', bytes: Buffer.from(`${JSON.stringify(kontrollJson(d, k), null, 2)}\n`, 'utf8') });
  return out;
}

/** The stable, documented JSON of a report's findings (see README, "kontroll.json"). */
export function kontrollJson(d: Dokument, k: Kontrollresultat): object {
  return {
    schema: 'kommunrapport/kontroll@1',
    rapport: d.id,
    datum: d.datum,
    fynd: k.fynd.map((f) => ({
      allvarlighet: f.allvarlighet,
      regel: f.regel,
      regelbeskrivning: isRegel(f.regel) ? REGLER[f.regel] : null,
      meddelande: f.meddelande,
      fil: f.plats?.fil ?? null,
      rad: f.plats?.rad ?? null,
      kolumn: f.plats?.kolumn ?? null,
      fält: f.fält ?? null,
      fakta: f.fakta ?? [],
      accepterad: f.accepterad ?? null,
    })),
    belopp: k.belopp.map((b) => ({
      text: b.text,
      fil: b.plats.fil,
      rad: b.plats.rad,
      kolumn: b.plats.kolumn,
      värde: b.värde,
      enhet: b.enhet,
      verdikt: b.verdikt,
      fakta: b.fakta,
      kommentar: b.kommentar ?? null,
    })),
  };
}
