import type { Content, StyleDictionary } from 'pdfmake/interfaces.js';
import type { Profil } from '../../core/model/profil.js';

const MM = 72 / 25.4;

/** The base styles in the kommun's colours: headings and captions in its heading colour, table heads on its fill. */
export function profilStilar(bas: StyleDictionary, p: Profil): StyleDictionary {
  const out: StyleDictionary = {};
  for (const [namn, stil] of Object.entries(bas)) {
    const s = { ...stil };
    if (/^h\d$/.test(namn) || namn === 'caption') s.color = p.färger.rubrik;
    if (namn === 'th') s.fillColor = p.färger.tabellhuvud;
    out[namn] = s;
  }
  return out;
}

/** The font family pdfmake draws with: the profile's, registered by the engine, or Roboto. */
export const profilTypsnitt = (p: Profil): string => p.typsnitt?.familj ?? 'Roboto';

/** The kommun's logo for the title page, at its width in millimetres. */
export function profilLogotyp(p: Profil, alt: string): Content[] {
  const l = p.logotyp;
  if (!l) return [];
  const width = l.breddMm * MM;
  return [
    l.typ === 'svg'
      ? ({ svg: l.data, width, margin: [0, 0, 0, 18], alt } as Content)
      : ({ image: `data:image/png;base64,${l.data}`, width, margin: [0, 0, 0, 18], alt } as Content),
  ];
}
