/** Escapes text for XML content and double-quoted attribute values. */
export function esc(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are not allowed in XML
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** A coordinate with at most two decimals, never "-0": the same input gives the same string. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

/** An id usable in XML and HTML, derived from a block id. */
export function safeId(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}
