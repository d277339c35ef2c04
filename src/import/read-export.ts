import { extname } from 'node:path';
import { läsCsv } from './csv.js';
import type { Kodning } from './encoding.js';
import { läsRutnät, type Kolumnval } from './grid.js';
import { Importfel, type Export } from './ledger.js';
import { läsSie } from './sie.js';
import { läsXlsx } from './xlsx.js';

export interface Läsval {
  kodning: Kodning;
  blad?: string;
  rubrikrad?: number;
  kolumner?: Kolumnval;
}

/** The export's format, by its name and, for SIE files named .txt, by its first line. */
export function format(fil: string, bytes: Uint8Array): 'xlsx' | 'csv' | 'sie' {
  const ext = extname(fil).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.se' || ext === '.si' || ext === '.sie') return 'sie';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const start = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  if (/^\s*#(FLAGGA|FORMAT|SIETYP|PROGRAM)\b/.test(start)) return 'sie';
  return 'csv';
}

/** Reads any supported export into ledger rows. `fil` is the name used in messages. */
export async function läsExport(bytes: Uint8Array, fil: string, val: Läsval): Promise<Export> {
  if (bytes.length === 0) throw new Importfel(`${fil}:1`, 'exporten är tom (0 byte)');
  const f = format(fil, bytes);
  if (f === 'sie') return läsSie(bytes, fil, val.kodning);
  const kolumner = val.kolumner ?? {};
  if (f === 'csv') return läsRutnät(läsCsv(bytes, fil, val.kodning), kolumner, val.rubrikrad);
  const blad = await läsXlsx(bytes, fil);
  if (val.blad !== undefined) {
    const b = blad.find((x) => x.blad === val.blad);
    if (!b)
      throw new Importfel(
        fil,
        `bladet "${val.blad}" finns inte (bladen är ${blad.map((x) => `"${x.blad}"`).join(', ')})`,
      );
    return läsRutnät(b, kolumner, val.rubrikrad);
  }
  // The first sheet that reads as an export; the first sheet's problem if none does.
  let första: unknown;
  for (const b of blad) {
    if (!b.rader.length) continue;
    try {
      return läsRutnät(b, kolumner, val.rubrikrad);
    } catch (e) {
      första ??= e;
    }
  }
  if (första) throw första;
  throw new Importfel(fil, 'exporten är tom (inga ifyllda celler i något blad)');
}
