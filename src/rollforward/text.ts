import type { Kolumnkarta } from './kolumner.js';

/**
 * The start of the draft marker that `ny` puts in every narrative file, as it stands at the
 * beginning of its line in the Markdown source. The full line is `utkastMarkering(...)`; checks
 * can find it with `UTKAST_MÖNSTER`.
 */
export const UTKAST_MARKÖR = '> **UTKAST:**';

/** Matches the whole draft marker line in Markdown source (multiline flag: use per line). */
export const UTKAST_MÖNSTER =
  /^> \*\*UTKAST:\*\* Texten är överförd från (\S+) och ska skrivas om för (\d{4})\. Ta bort denna rad när texten är granskad\.$/m;

export function utkastMarkering(frånId: string, budgetår: number): string {
  return `${UTKAST_MARKÖR} Texten är överförd från ${frånId} och ska skrivas om för ${budgetår}. Ta bort denna rad när texten är granskad.`;
}

export interface Referenskartor {
  /** Table id → how its columns moved. */
  tabeller: Map<string, Kolumnkarta>;
  /** Indicator id → how its goal table's columns moved. */
  indikatorer: Map<string, Kolumnkarta>;
  /** A reference as written inside `{=…}` → the text it printed in the old report ("30,2 mnkr"). */
  texter?: Map<string, string>;
}

export interface RulladText {
  text: string;
  /** References that now point at a different figure than before: "rad:kolumn: …". */
  anteckningar: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}#{1,6}(\s|$)/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;

/**
 * A narrative file as a draft for the new year: the draft marker as a paragraph right after the
 * file's first heading (it adds no heading, so the template places the file as before), and the
 * inline references `{=tabell/rad/kolumn …}` renamed to the columns' new ids.
 *
 * A reference keeps pointing at the same figure where the new table still shows it ("För 2024 …
 * {=driftsammandrag/summa/budget_2024}" still shows Budget 2024, now the comparison column), so
 * the draft stays true until it is rewritten. Where the figure is gone from the tables, the
 * reference becomes the text it printed in the old report ("30,2 mnkr"), which the checks then
 * flag as a figure without a source; when that text is not known, the reference moves with its
 * column (the same place, one year on). Either way a note says so.
 */
export function rullaText(text: string, frånId: string, budgetår: number, kartor: Referenskartor): RulladText {
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const anteckningar: string[] = [];
  // A draft rolled forward again: last year's marker gives way to this year's.
  const kod = iKodblock(text.split(/\r?\n/));
  const rader = text.split(/\r?\n/).filter((rad, i, alla) => {
    if (kod[i]) return true;
    if (UTKAST_MÖNSTER.test(rad)) return false;
    return !(rad.trim() === '' && i > 0 && !kod[i - 1] && UTKAST_MÖNSTER.test(alla[i - 1]!));
  });
  const iKod = iKodblock(rader);
  let rubrik = -1;
  rader.forEach((rad, i) => {
    if (iKod[i]) return;
    rader[i] = bytReferenser(rad, kartor, (m) => anteckningar.push(`${i + 1}:${m.kolumn}: ${m.text}`));
    if (rubrik >= 0) return;
    if (ATX.test(rad)) rubrik = i;
    else if (
      SETEXT.test(rader[i + 1] ?? '') &&
      rad.trim() !== '' &&
      !/^ {0,3}[-*+>]/.test(rad) &&
      (i === 0 || rader[i - 1]!.trim() === '')
    )
      rubrik = i + 1;
  });
  const markering = utkastMarkering(frånId, budgetår);
  let ut: string[];
  if (rubrik < 0) {
    ut = [markering, '', ...rader];
  } else {
    const efter = rader.slice(rubrik + 1);
    while (efter.length && efter[0]!.trim() === '') efter.shift();
    ut = [...rader.slice(0, rubrik + 1), '', markering, ...(efter.length ? ['', ...efter] : [''])];
  }
  return { text: ut.join(nl), anteckningar };
}

/** For each line: inside a fenced code block (the fences included)? */
function iKodblock(rader: string[]): boolean[] {
  let fence: string | undefined;
  return rader.map((rad) => {
    const f = FENCE.exec(rad);
    if (fence !== undefined) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      return true;
    }
    if (f) {
      fence = f[1]!;
      return true;
    }
    return false;
  });
}

const REF = /\{=([^{}\s]+)((?:\s+[^{}]*?)?\s*)\}/g;

function bytReferenser(
  rad: string,
  kartor: Referenskartor,
  anteckna: (m: { kolumn: number; text: string }) => void,
): string {
  return rad.replace(REF, (helt, ref: string, resten: string, index: number) => {
    const delar = ref.split('/');
    if (delar.length !== 3 || delar[0] === 'antal') return helt;
    const [tabell, radId, kolumn] = delar as [string, string, string];
    const karta = tabell === 'mål' ? kartor.indikatorer.get(radId.split('.')[0]!) : kartor.tabeller.get(tabell);
    if (!karta) return helt;
    const samma = karta.sammaSiffror.get(kolumn);
    if (samma !== undefined) return `{=${tabell}/${radId}/${samma}${resten}}`;
    const text = kartor.texter?.get(helt.slice(2, -1).trim());
    if (text !== undefined && text !== '') {
      const ren = text.replace(/\u00a0/g, ' ');
      anteckna({
        kolumn: index + 1,
        text: `referensen ${helt} ersattes med texten "${ren}": siffran finns inte längre i tabellerna`,
      });
      return ren;
    }
    const flyttad = karta.strukturell.get(kolumn);
    if (flyttad === undefined || flyttad === kolumn) return helt;
    const ny = `{=${tabell}/${radId}/${flyttad}${resten}}`;
    anteckna({
      kolumn: index + 1,
      text: `referensen ${helt} visar inte längre samma siffra; den pekar nu på ${ny}, samma kolumn ett år senare`,
    });
    return ny;
  });
}
