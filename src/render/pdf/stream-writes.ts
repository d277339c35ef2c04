// Replaces pdfkit 0.19.1: PDFReference.prototype.write, PDFReference.prototype.finalize (written for that version; listed in patches.ts).
import { createRequire } from 'node:module';

/**
 * pdfkit turns every operator it writes into a page's content stream ("BT", "1 0 0 1 57 700 Tm",
 * a colour, a glyph run) into its own small Buffer, and joins them when the page ends: tens of
 * thousands of buffers per report, which cost more than the compression of the stream. This
 * keeps consecutive text writes as strings and makes one buffer of every few hundred, or when
 * binary data follows or the stream is finalized. The bytes are the same: pdfkit encodes text
 * writes as 'binary' (one byte per UTF-16 unit), so the length it records is the string's length.
 * test/pdf.test.ts builds a PDF with and without it and compares the bytes.
 *
 * PDFReference is not exported; it is found through a reference of a document made once here.
 * If a pdfkit upgrade changes it, the hook is not installed and pdfkit's own code runs.
 */

interface Reference {
  buffer: Uint8Array[] | Buffer;
  uncompressedLength: number;
  compress: boolean;
  data: { Length?: number; Filter?: string };
  /** Text written since the last buffer was made. */
  pendingText?: string[];
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}
type ReferenceProto = Pick<Reference, 'write' | 'finalize'>;

let proto: ReferenceProto | undefined;
let original: ReferenceProto | undefined;

/** Text writes per buffer. */
const BATCH = 512;

function flush(ref: Reference): void {
  if (ref.pendingText?.length) {
    // Joined a few hundred at a time: one join over a whole page is several times slower.
    (ref.buffer as Uint8Array[]).push(Buffer.from(ref.pendingText.join(''), 'binary'));
    ref.pendingText = [];
  }
}

function write(this: Reference, chunk: string | Uint8Array): void {
  if (chunk instanceof Uint8Array) {
    flush(this);
    original!.write.call(this, chunk);
    return;
  }
  const text = `${chunk}\n`;
  const pending = (this.pendingText ??= []);
  pending.push(text);
  if (pending.length >= BATCH) flush(this);
  this.uncompressedLength += text.length;
  this.data.Length = (this.data.Length ?? 0) + text.length;
  if (this.compress) this.data.Filter = 'FlateDecode';
}

function finalize(this: Reference): void {
  flush(this);
  original!.finalize.call(this);
}

function referenceProto(): ReferenceProto | undefined {
  if (proto) return proto;
  const require = createRequire(import.meta.url);
  // pdfmake's own pdfkit, the one that writes our PDFs.
  const pdfkitPath = require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] });
  const PDFDocument = require(pdfkitPath) as new (o: object) => { ref(data: object): object };
  const p = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false }).ref({})) as Partial<ReferenceProto>;
  const ok = typeof p.write === 'function' && typeof p.finalize === 'function' && p.write.length === 1;
  return (proto = ok ? (p as ReferenceProto) : undefined);
}

/** Installs the batched writes (on = true) or puts pdfkit's own back (for the test and the bench). */
export function useBatchedStreamWrites(on: boolean): boolean {
  const p = referenceProto();
  if (!p) return false;
  original ??= { write: p.write, finalize: p.finalize };
  p.write = on ? write : original.write;
  p.finalize = on ? finalize : original.finalize;
  return true;
}

/** Whether both methods are ours right now (src/render/pdf/patches.ts). */
export function batchedStreamWritesInstalled(): boolean {
  const p = referenceProto();
  return !!p && p.write === write && p.finalize === finalize;
}
