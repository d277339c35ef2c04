import { unzipSync } from 'fflate';
import { zipWithDate } from '../zip.js';

/**
 * exceljs stamps each zip entry with the time of writing. Re-packing the entries in the same
 * order with one fixed date (the report's date, from the data) makes two builds byte-identical.
 * exceljs writes them stored (uncompressed), so they are compressed once, here (`zipWithDate`).
 */
export function repackZip(buf: Buffer | ArrayBuffer | Uint8Array, isoDate: string): Buffer {
  return zipWithDate(Object.entries(unzipSync(buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf)), isoDate);
}
