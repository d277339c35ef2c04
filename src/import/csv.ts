import { parse } from 'csv-parse/sync';
import { avkoda, type Kodning } from './encoding.js';
import type { Rutnät } from './grid.js';
import { Importfel } from './ledger.js';

/** The field separator: the one of ; , tab that splits the first lines most evenly (Swedish exports mostly use ;). */
function avgränsare(text: string): string {
  const rader = text
    .split(/\r?\n/)
    .filter((r) => r.trim())
    .slice(0, 20);
  let bäst = ';';
  let poäng = -1;
  for (const t of [';', '\t', ',']) {
    // Outside quotes only; a field "1 234,50" must not count as two.
    const antal = rader.map((r) => r.replace(/"[^"]*"/g, '').split(t).length - 1);
    const max = Math.max(0, ...antal);
    const jämna = antal.filter((a) => a === max).length;
    const p = max > 0 ? jämna * 100 + max : -1;
    if (p > poäng) {
      poäng = p;
      bäst = t;
    }
  }
  return bäst;
}

/** csv-parse's errors that bad exports cause, in Swedish. */
const CSV_FEL: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'ett citattecken (") öppnas men stängs aldrig; kontrollera fältet som börjar på raden',
  CSV_INVALID_CLOSING_QUOTE:
    'tecken direkt efter ett avslutande citattecken ("); ett fält inom citattecken måste sluta vid avgränsaren',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'tecken direkt efter ett avslutande citattecken ("); ett fält inom citattecken måste sluta vid avgränsaren',
};

/** A CSV export as a grid of text cells, each row with its line number. */
export function läsCsv(bytes: Uint8Array, fil: string, kodning: Kodning): Rutnät {
  const text = avkoda(bytes, kodning, fil);
  if (!text.trim()) throw new Importfel(`${fil}:1`, 'exporten är tom');
  // Excel writes "sep=;" as the first line when asked to name the separator.
  const sep = /^\ufeff?sep=(.)\r?\n/i.exec(text);
  let poster: string[][];
  try {
    // Without csv-parse's per-record info (which costs more than the parsing): empty lines are
    // kept as records so that a record's line is its index plus the line breaks inside earlier fields.
    poster = parse(sep ? text.slice(sep[0].length) : text, {
      delimiter: sep ? sep[1]! : avgränsare(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    const kod = e instanceof Error && 'code' in e ? String(e.code) : '';
    const rad = /line (\d+)/.exec(m)?.[1] ?? '1';
    throw new Importfel(`${fil}:${rad}`, CSV_FEL[kod] ?? `kan inte läsa CSV (${m})`);
  }
  const rader: Rutnät['rader'] = [];
  let nr = sep ? 2 : 1;
  for (const record of poster) {
    if (record.length > 1 || record[0] !== '') rader.push({ nr, celler: record });
    nr++;
    for (const f of record) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) nr++;
  }
  return {
    fil,
    format: 'csv',
    rader,
    plats: (rad) => `${fil}:${rad}`,
  };
}
