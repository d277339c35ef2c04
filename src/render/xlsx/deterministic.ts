import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync, Zip, type ZipInputFile } from 'fflate';

/**
 * exceljs stamps each zip entry with the time of writing. Re-packing the entries in the same
 * order with one fixed date (the report's date, from the data) makes two builds byte-identical.
 * exceljs writes them stored (uncompressed), so they are compressed once, here: by Node's own
 * zlib at level 1 (a few per cent larger than level 6, and several times faster than deflate in
 * JavaScript), handed to fflate's zip writer as ready-made deflate streams.
 */
export function repackZip(buf: Buffer | ArrayBuffer | Uint8Array, isoDate: string): Buffer {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  // Zip dates are local wall-clock fields: midnight of the report's date, whatever the time zone.
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new Error(`ogiltigt datum för arbetsboken: ${isoDate}`);
  const entries = unzipSync(buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf);
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 8, mtime: date };
    zip.add(file);
    file.ondata!(null, deflateRawSync(data, { level: 1 }), true);
  }
  zip.end();
  return Buffer.concat(parts);
}
