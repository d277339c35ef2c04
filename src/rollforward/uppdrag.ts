import { läsYaml, mapItems, skrivYaml } from '../load/yaml-doc.js';

/**
 * uppdrag.yaml one year on. The lists and their uppdrag carry over; each uppdrag loses its
 * `status` and `kommentar` (last year's follow-up) and gets `granska: true`, which the checks
 * report and the documents show until someone has reviewed it and removed the flag.
 */
export function rullaUppdrag(text: string, _frånId: string, fil = 'uppdrag.yaml'): { text: string; antal: number } {
  const y = läsYaml(text, fil);
  let antal = 0;
  for (const lista of mapItems(y.doc.get('listor'))) {
    for (const u of mapItems(lista.get('uppdrag'))) {
      u.delete('status');
      u.delete('kommentar');
      u.set('granska', true);
      antal++;
    }
  }
  return { text: skrivYaml(y), antal };
}
