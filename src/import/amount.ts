/**
 * A Swedish amount as exports print it: "1 234 567,50", "1.234.567,50", "−1 234", "-1234",
 * "(1 234)", "1234.5" (a lone dot with one or two decimals is a decimal point), "12 345 kr".
 * Returns undefined for anything else, so a text column is never read as zero.
 */
export function parseBelopp(s: string): number | undefined {
  let t = s.replace(/[\u00a0\u202f\u2009 ]/g, '').replace(/kr$/i, '');
  if (t === '') return undefined;
  let neg = false;
  if (/^\(.*\)$/.test(t)) {
    neg = true;
    t = t.slice(1, -1);
  }
  if (/^[-\u2212\u2013]/.test(t)) {
    neg = !neg;
    t = t.slice(1);
  } else if (/[-\u2212]$/.test(t)) {
    // Some generators print a trailing minus ("1234-").
    neg = !neg;
    t = t.slice(0, -1);
  }
  let norm: string;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) norm = t.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(,\d+)?$/.test(t)) norm = t.replace(',', '.');
  else if (/^\d+\.\d{1,2}$/.test(t)) norm = t;
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) norm = t.replace(/,/g, '');
  else return undefined;
  const n = Number(norm);
  if (!Number.isFinite(n)) return undefined;
  return neg ? -n : n;
}
