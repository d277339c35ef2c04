import type { Diagnostic } from '../core/diagnostics/diagnostic.js';
import type { Block, Inline, Sidreferens } from '../core/model/dokument.js';

interface Mål {
  ankare: string;
  etikett: string;
  omfång: boolean;
}

/**
 * Gives every `{=sida/…}` its target once the document is built (the target may stand later in
 * it). Data ids come first (tables, goal tables, uppdrag lists, charts), then heading anchors; an
 * unknown target is an error at the reference, with the ids it could have meant.
 */
export function resolvePageReferences(root: Block[], diagnostics: Diagnostic[]): void {
  const data = new Map<string, Mål>();
  const rubriker = new Map<string, Mål>();
  const refs: Sidreferens[] = [];
  const inl = (xs: Inline[]): void => {
    for (const i of xs) {
      if (i.typ === 'sidref') refs.push(i);
      else if (i.typ === 'fet' || i.typ === 'kursiv' || i.typ === 'länk') inl(i.inl);
    }
  };
  const visit = (bs: Block[]): void => {
    for (const b of bs) {
      switch (b.typ) {
        case 'avsnitt':
          rubriker.set(b.id, { ankare: b.id, etikett: `avsnittet «${b.rubrikText}»`, omfång: false });
          inl(b.rubrik);
          visit(b.block);
          break;
        case 'stycke':
          inl(b.inl);
          break;
        case 'lista':
          b.punkter.forEach(visit);
          break;
        case 'fotnoter':
          for (const p of b.poster) inl(p.inl);
          break;
        case 'tabell':
          if (!b.endastData) data.set(b.id, { ankare: `tabell-${b.id}`, etikett: `tabell ${b.nummer}`, omfång: true });
          break;
        case 'mål':
          data.set(b.id, { ankare: `mal-${b.id}`, etikett: `tabell ${b.nummer}`, omfång: true });
          break;
        case 'uppdrag':
          data.set(b.id, {
            ankare: `uppdrag-${b.id}`,
            etikett: b.medStatus ? `tabell ${b.nummer}` : `listan «${b.rubrik}»`,
            omfång: true,
          });
          break;
        case 'diagram':
          data.set(b.id, { ankare: `diagram-${b.id}`, etikett: `diagram ${b.nummer}`, omfång: true });
          break;
        default:
          break;
      }
    }
  };
  visit(root);
  for (const r of refs) {
    const m = data.get(r.mål) ?? rubriker.get(r.mål);
    if (m) {
      Object.assign(r, m);
      continue;
    }
    const förslag = [...data.keys(), ...rubriker.keys()].filter((k) => k.includes(r.mål) || r.mål.includes(k));
    diagnostics.push({
      allvarlighet: 'fel',
      regel: 'okänd-referens',
      meddelande: `sidreferensen {=sida/${r.mål}} pekar på något som inte finns i rapporten; skriv id:t för en tabell, ett diagram, ett mål eller en uppdragslista, eller en rubriks ankare (rubriken med små bokstäver och bindestreck)${förslag.length ? `, till exempel ${förslag.slice(0, 3).join(', ')}` : ''}`,
      ...(r.plats ? { plats: r.plats } : {}),
    });
  }
}
