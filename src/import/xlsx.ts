import ExcelJS from 'exceljs';
import type { Cellvärde, Rutnät } from './grid.js';
import { Importfel } from './ledger.js';

/** exceljs' cell value → what the export shows: formulas by their result, rich text as plain text. */
function värde(v: ExcelJS.CellValue): Cellvärde {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('result' in v) return värde((v.result ?? null) as ExcelJS.CellValue);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return null;
}

const kolumnbokstav = (n: number): string => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

/**
 * An .xlsx export as grids, one per sheet, in the workbook's order. The whole archive is read at
 * once (JSZip): exceljs' streaming reader loses the entries after the worksheets now and then
 * (unzipper's stream ends early under load), and then fails on the missing workbook.xml.
 */
export async function läsXlsx(bytes: Uint8Array, fil: string): Promise<Rutnät[]> {
  const wb = new ExcelJS.Workbook();
  try {
    // Parts of a sheet no figure sits in are skipped, for speed.
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'picture', 'tableParts'],
    });
  } catch (e) {
    throw new Importfel(
      fil,
      `kan inte läsa filen som .xlsx (${e instanceof Error ? e.message : String(e)}); spara exporten som Excel-arbetsbok (.xlsx)`,
    );
  }
  return wb.worksheets.map((ws) => {
    const rader: Rutnät['rader'] = [];
    ws.eachRow((row) => {
      const v = row.values as ExcelJS.CellValue[];
      const celler: Cellvärde[] = [];
      for (let i = 1; i < v.length; i++) celler.push(värde(v[i]));
      if (celler.some((c) => c !== null)) rader.push({ nr: row.number, celler });
    });
    const namn = ws.name;
    const ref = /^[A-Za-z0-9_]+$/.test(namn) ? namn : `'${namn}'`;
    return {
      fil,
      format: 'xlsx' as const,
      blad: namn,
      rader,
      plats: (rad: number, kolumn: number) => `${fil}:${ref}!${kolumnbokstav(kolumn)}${rad}`,
    };
  });
}
