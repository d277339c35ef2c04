/** Renders bundled reports' PDFs into a folder and prints each one's time: `npx tsx bench/pdf-pages.ts DIR [rapport…]`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndCompose } from '../src/pipeline.js';
import { renderPdf } from '../src/render/pdf/render-pdf.js';
import { PATHS, REPORTS } from '../test/support/project.js';

const [dir = 'out/pdf-pages', ...ids] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
for (const id of ids.length ? ids : REPORTS) {
  const c = loadAndCompose(PATHS, id);
  if (!c.dokument) throw new Error(`${id}: ${c.diagnostics.map((x) => x.meddelande).join('; ')}`);
  const t = performance.now();
  const pdf = await renderPdf(c.dokument);
  console.log(`${id}: ${Math.round(performance.now() - t)} ms`);
  writeFileSync(join(dir, `${id}.pdf`), pdf);
}
