import { crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';

/**
 * A zip of the given entries, in the given order, every entry dated midnight of the report's date
 * (zip dates are local wall-clock fields, so whatever the time zone), so two builds are
 * byte-identical. Compressed by Node's own zlib at level 1 (a few per cent larger than level 6 and
 * several times faster than deflate in JavaScript), handed to fflate's zip writer as ready-made
 * deflate streams. Shared by the workbook and the Word document, both zip packages.
 */
export function zipWithDate(entries: Iterable<[string, Uint8Array]>, isoDate: string): Buffer {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new Error(`ogiltigt datum för zip-filen: ${isoDate}`);
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [name, data] of entries) {
    if (name.endsWith('/')) continue;
    const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 8, mtime: date };
    zip.add(file);
    file.ondata!(null, deflateRawSync(data, { level: 1 }), true);
  }
  zip.end();
  return Buffer.concat(parts);
}
