import { formatCell } from '../../core/format/number.js';
import { typografisktMinus } from '../../core/format/minus.js';
import type { Block, Dokument, Inline, Resultatlista } from '../../core/model/dokument.js';
import { bedömningsnivå } from '../../core/model/profil.js';
import { chartCaption, chartTextAlternative } from '../chart/index.js';
import { caption, factCell, paragraphs, uppdragKolumner } from '../shared.js';

/** The words one block of the model puts on the page, in reading order, and how to name the block in a message. */
export interface BlockWords {
  namn: string;
  ord: string[];
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
const short = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** A result list's words: its heading, lead-in and items, nested items after their item. */
const listWords = (l: Resultatlista): string =>
  [
    l.rubrik ?? '',
    l.inledning ?? '',
    ...l.punkter.map((x) => (typeof x === 'string' ? x : [x.text, ...x.punkter].join(' '))),
  ].join(' ');

function inlineText(xs: Inline[]): string {
  return xs
    .map((i): string => {
      switch (i.typ) {
        case 'text':
          return typografisktMinus(i.text);
        case 'ref':
        case 'kod':
          return i.text;
        case 'fet':
        case 'kursiv':
        case 'länk':
          return inlineText(i.inl);
        case 'sidref':
          // Its pages are known only once laid out (page-refs.ts writes them; tests read them back):
          // the PDF word it makes, with any punctuation glued to it, is not asked for.
          return SIDREF;
        case 'fotnotsref':
          return String(i.nummer);
        case 'radbrytning':
          return ' ';
      }
    })
    .join('')
    .replace(/\S*\uE000\S*/g, ' ');
}

const SIDREF = '\uE000';

/**
 * Every word the PDF must show, block by block, from the document model itself (not from the
 * pdfmake definition made from it), so a renderer that drops a block is caught too. Charts count
 * with their caption and text alternative; the chart's own drawing is a picture.
 */
export function modelWords(d: Dokument): BlockWords[] {
  const out: BlockWords[] = [];
  const add = (namn: string, text: string): void => {
    const ord = words(text);
    if (ord.length) out.push({ namn, ord });
  };
  const walk = (bs: Block[], where: string): void => {
    for (const b of bs) {
      switch (b.typ) {
        case 'avsnitt':
          add(`rubriken «${short(b.rubrikText)}»`, inlineText(b.rubrik));
          walk(b.block, `avsnittet «${short(b.rubrikText)}»`);
          break;
        case 'stycke': {
          const text = inlineText(b.inl);
          add(`stycket «${short(text)}»${b.plats ? ` (${b.plats.fil}:${b.plats.rad})` : ` i ${where}`}`, text);
          break;
        }
        case 'lista':
          b.punkter.forEach((p) => walk(p, where));
          break;
        case 'tabell': {
          const cap = caption(b);
          const rows = b.rader.map((r) =>
            [
              `${r.etikett}${r.fotnoter.join('')}`,
              ...r.celler.map((id) => {
                const f = factCell(d, id);
                return `${f.text}${f.fotnot ?? ''}`;
              }),
            ].join(' '),
          );
          add(
            cap,
            [
              cap,
              ...b.kolumner.map((k) => k.rubrik),
              ...rows,
              ...b.fotnoter.map((f) => `${f.markör} ${f.text}`),
              b.kommentar ?? '',
            ].join(' '),
          );
          break;
        }
        case 'diagram':
          add(chartCaption(b), `${chartCaption(b)} ${chartTextAlternative(b)}`);
          break;
        case 'mål': {
          const cap = caption(b);
          if (b.visning === 'indikatorer') {
            add(cap, cap);
            for (const n of b.nämndmål) {
              const cell = (v: { cell: Parameters<typeof formatCell>[0]; decimaler: number }): string => {
                const f = formatCell(v.cell, v.decimaler);
                return `${f.text}${f.fotnot ?? ''}`;
              };
              const medBed = b.nämndmål.some((m) => m.indikatorer.some((i) => i.bedömning));
              const bed = (nivå: string | undefined): string =>
                nivå ? `${bedömningsnivå(d.profil, nivå).symbol} ${bedömningsnivå(d.profil, nivå).text}` : '';
              const inds = n.indikatorer.map((i) =>
                [
                  `${i.namn}${i.obligatorisk ? '*' : ''}${i.fotnoter.join('')}`,
                  i.förklaring ?? '',
                  ...i.värden.map(cell),
                  bed(i.bedömning),
                  ...i.delrader.map((r) => [r.namn, ...r.värden.map(cell)].join(' ')),
                ].join(' '),
              );
              // Each goal's table has its own column heads.
              add(
                `målet «${short(n.namn)}» i ${cap}`,
                [
                  b.benämning.indikator,
                  ...b.kolumner.map((k) => k.rubrik),
                  medBed ? 'Bedömning' : '',
                  n.namn,
                  n.beskrivning ?? '',
                  ...inds,
                ].join(' '),
              );
            }
          } else {
            for (const n of b.nämndmål) {
              if (!n.bedömning) continue;
              const x = n.bedömning;
              const nivå = bedömningsnivå(d.profil, x.nivå);
              add(
                `målet «${short(n.namn)}»`,
                [
                  n.namn,
                  `${nivå.symbol} Bedömning: ${nivå.text}`,
                  ...paragraphs(x.analys),
                  ...x.resultat,
                  ...x.avvikelser,
                  ...x.listor.map(listWords),
                ].join(' '),
              );
            }
          }
          break;
        }
        case 'uppdrag':
          for (const u of b.uppdrag) {
            add(
              `${u.nummer !== undefined ? `uppdrag ${u.nummer}` : `uppdraget «${short(u.text)}»`} i «${short(b.rubrik)}»`,
              [u.text, u.not ?? '', ...(b.medStatus ? uppdragKolumner(d, b).map((k) => k.text(u)) : [])].join(' '),
            );
          }
          break;
        case 'bilagor':
          for (const g of b.grupper)
            add(`bilagorna «${short(g.rubrik)}»`, [g.rubrik, ...g.bilagor.map((x) => x.titel)].join(' '));
          break;
        case 'underskrifter':
          add('underskrifterna', b.personer.map((p) => `${p.namn} ${p.roll}`).join(' '));
          break;
        case 'fotnoter':
          for (const p of b.poster) add(`fotnot ${p.nummer} i ${where}`, inlineText(p.inl));
          break;
        case 'innehållsförteckning':
        case 'färgförklaring':
        case 'sidbrytning':
          break;
      }
    }
  };
  walk(d.block, 'dokumentet');
  return out;
}
