import { läsYaml, mapItems, skrivYaml, strängVärde, sättScalar } from './yaml-doc.js';

/** Prefix of an uppdrag's `not` that marks it for review after a roll-forward. */
export const GRANSKA_PREFIX = '[Granska] ';

/**
 * uppdrag.yaml one year on. The lists and their uppdrag carry over; each uppdrag loses its
 * `status` and `kommentar` (last year's follow-up) and is marked for review in `not`: an existing
 * note gets the prefix "[Granska] ", an uppdrag without a note gets
 * "[Granska] Överfört från <old id>; granska om uppdraget gäller.".
 */
export function rullaUppdrag(text: string, frånId: string, fil = 'uppdrag.yaml'): { text: string; antal: number } {
  const y = läsYaml(text, fil);
  let antal = 0;
  for (const lista of mapItems(y.doc.get('listor'))) {
    for (const u of mapItems(lista.get('uppdrag'))) {
      u.delete('status');
      u.delete('kommentar');
      const not = strängVärde(u, 'not');
      if (not === undefined || not.trim() === '') sättScalar(u, 'not', `${GRANSKA_PREFIX}Överfört från ${frånId}; granska om uppdraget gäller.`);
      else if (!not.startsWith(GRANSKA_PREFIX.trim())) sättScalar(u, 'not', `${GRANSKA_PREFIX}${not}`);
      antal++;
    }
  }
  return { text: skrivYaml(y), antal };
}
