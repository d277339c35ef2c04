import { describe, expect, it } from 'vitest';
import { osFelSv } from '../src/core/diagnostics/os-fel.js';
import { firstInvalidUtf8, positionAt } from '../src/load/read-input.js';
import { impossibleDate } from '../src/load/value-limits.js';
import { TemplateError } from '../src/template/errors.js';
import { renderOutline } from '../src/template/outline.js';
import { numberTrap, similarKey } from '../src/load/zod-issues.js';

describe('the pieces behind the Swedish input messages', () => {
  it('finds the first byte that is not UTF-8, and nothing in valid UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('Nämnd – ≥ 4 😀', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from('Nämnd', 'latin1'))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1); // cut off in the middle of "ä"
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // an overlong NUL
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(positionAt('a\nbc\nd', 4, 'f')).toEqual({ fil: 'f', rad: 2, kolumn: 3 });
  });

  it('knows which dates exist', () => {
    expect(impossibleDate('2024-02-29')).toBeUndefined();
    expect(impossibleDate('2000-02-29')).toBeUndefined();
    expect(impossibleDate('1900-02-29')).toContain('februari 1900 har 28 dagar');
    expect(impossibleDate('2023-13-01')).toContain('månaden 13 finns inte');
    expect(impossibleDate('Budget 2023')).toBeUndefined();
  });

  it('names the Swedish number habits with the fix, and nothing else', () => {
    expect(numberTrap('12,5')).toContain('skriv 12.5');
    expect(numberTrap('-0,25')).toContain('skriv -0.25');
    expect(numberTrap('1 234 567')).toContain('skriv 1234567');
    expect(numberTrap('12\u00a0500,5')).toContain('skriv 12500.5');
    expect(numberTrap('\u221212,5')).toContain('skriv -12.5');
    for (const s of ['I.U.', '12 %', 'tolv', '1,2,3', '12 50']) expect(numberTrap(s), s).toBeUndefined();
  });

  it('takes a misspelt key for the key it was meant to be, and not an unrelated one', () => {
    expect(similarKey('etiket', 'etikett')).toBe(true);
    expect(similarKey('budgetar', 'budgetår')).toBe(true);
    expect(similarKey('tabell', 'tabeller')).toBe(true);
    expect(similarKey('färg', 'titel')).toBe(false);
    expect(similarKey('id', 'typ')).toBe(false);
  });

  it('translates the operating system’s errors', () => {
    const e = (code: string): Error => Object.assign(new Error(`${code}: something in English`), { code });
    expect(osFelSv(e('EACCES'))).toBe('behörighet saknas');
    expect(osFelSv(e('ENOSPC'))).toBe('disken är full');
    expect(osFelSv(e('ENAMETOOLONG'))).toContain('för långt');
    expect(osFelSv(e('EWHATEVER'))).toBe('fel från operativsystemet (EWHATEVER)');
  });

  it('places a template error at the call, in Swedish', () => {
    const ctx = {
      rapport: {
        id: 'x',
        typ: 'internbudget',
        titel: 'T',
        nämnd: 'N',
        budgetår: 2025,
        delår: false,
        uppföljning: false,
      },
      ord: {
        mål: 'Nämndmål',
        indikator: 'Indikator',
        målområde: 'Målområde',
        kommunmål: 'Kommunövergripande mål',
        uppdrag: 'Uppdrag',
        tabeller: 'Tabeller',
      },
      tabeller: [],
      tabellerUtanPlats: [],
      målområden: [],
      uppdragslistor: [],
      uppdragUtanPlats: [],
      textfiler: [],
    };
    const at = (text: string): TemplateError => {
      try {
        renderOutline({ name: 'templates/t.hbs', text, partials: {} }, ctx);
      } catch (e) {
        if (e instanceof TemplateError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    expect(at('{{titelsida}}\n\n   {{tabell}}\n')).toMatchObject({
      rad: 3,
      kolumn: 4,
      message: 'tabell behöver ett namn som text',
    });
    expect(at('{{titelsida}}\n{{innehall}}\n  {{foo 1}}')).toMatchObject({
      rad: 3,
      message: expect.stringContaining('okänd hjälpare "foo"'),
    });
    expect(at('{{titelsida}}\n{{rubrik 1 "A"}\n')).toMatchObject({ rad: 2, kolumn: 15 }); // the lone }
    expect(at('{{rubrik 1 rapport.kommun}}')).toMatchObject({
      rad: 1,
      kolumn: 1,
      message: expect.stringContaining('finns inte i mallens data'),
    });
  });
});
