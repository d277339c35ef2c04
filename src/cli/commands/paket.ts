import { isAbsolute, join } from 'node:path';
import { runChecks } from '../../check/index.js';
import { formatDiagnostic, hasErrors } from '../../core/diagnostics/diagnostic.js';
import type { Dokument } from '../../core/model/dokument.js';
import { projectPaths } from '../../load/load-report.js';
import { indexPdf } from '../../package/index-pdf.js';
import { docxName, indexJson, planPackage, sha256 } from '../../package/meeting-package.js';
import { loadAndCompose } from '../../pipeline.js';
import { renderPdf } from '../../render/pdf/render-pdf.js';
import { writeFilesAtomic } from '../../write/atomic.js';

export interface PaketOptions {
  out: string;
  pdfa?: boolean;
  strict?: boolean;
  /** Also each attachment as a Word document, beside its PDF. */
  docx?: boolean;
}

/** `kommunrapport paket`: the meeting's attachments, stamped, named stably, with an index. */
export async function runPaket(root: string, ids: string[], opts: PaketOptions): Promise<number> {
  const paths = projectPaths(root);
  const docs: Dokument[] = [];
  for (const id of ids) {
    const c = loadAndCompose(paths, id);
    if (!c.dokument || hasErrors(c.diagnostics)) {
      for (const d of c.diagnostics) console.error(formatDiagnostic(d));
      console.error(`fel: ${id} innehåller fel; inget paket skrivet`);
      return 1;
    }
    if (opts.strict && hasErrors(runChecks(c.dokument).fynd)) {
      console.error(`fel: kontrollen hittade fel i ${id} (--strict); inget paket skrivet`);
      return 1;
    }
    docs.push(c.dokument);
  }
  const { paket, diagnostics } = planPackage(docs);
  if (!paket) {
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  const outDir = join(isAbsolute(opts.out) ? opts.out : join(root, opts.out), 'paket', paket.prefix);
  const files: { path: string; data: Uint8Array }[] = [];
  for (const b of paket.bilagor) {
    const d = docs.find((x) => x.id === b.rapport)!;
    const pdf = await renderPdf(d, { stämpel: paket.stämpel(b.nummer), pdfa: opts.pdfa === true });
    b.sha256 = sha256(pdf);
    files.push({ path: join(outDir, b.fil), data: pdf });
    console.log(`bilaga ${b.nummer}: ${b.fil}`);
    if (opts.docx) {
      const { renderDocx } = await import('../../render/docx/render-docx.js');
      const docx = await renderDocx(d, { stämpel: paket.stämpel(b.nummer) });
      b.docx = { fil: docxName(b.fil), sha256: sha256(docx) };
      files.push({ path: join(outDir, b.docx.fil), data: docx });
      console.log(`bilaga ${b.nummer}: ${b.docx.fil}`);
    }
  }
  files.push({ path: join(outDir, `${paket.prefix}_index.pdf`), data: await indexPdf(paket) });
  files.push({
    path: join(outDir, `${paket.prefix}_index.json`),
    data: Buffer.from(`${JSON.stringify(indexJson(paket), null, 2)}\n`),
  });
  writeFilesAtomic(files);
  console.log(`Klart: ${paket.bilagor.length} bilagor och index i ${join(opts.out, 'paket', paket.prefix)}`);
  return 0;
}
