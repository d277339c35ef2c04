import JSZip from 'jszip';

/**
 * exceljs stamps each zip entry with the time of writing. Re-packing the entries in the same
 * order with one fixed date (the report's date, from the data) makes two builds byte-identical.
 */
export async function repackZip(buf: Buffer | ArrayBuffer | Uint8Array, isoDate: string): Promise<Buffer> {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`ogiltigt datum för arbetsboken: ${isoDate}`);
  const src = await JSZip.loadAsync(buf);
  const out = new JSZip();
  for (const entry of Object.values(src.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
