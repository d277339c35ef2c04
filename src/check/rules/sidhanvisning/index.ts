import type { CheckRule } from '../../run-checks.js';
import { positionOf } from '../../text/position.js';

/** "sidan 7", "sidorna 13–14", "sid. 12": a page number typed into the text. */
export const TYPED_PAGE = /(?<![\p{L}\p{N}])(sidan|sidorna|sid\.)\s*\d+(?:\s*[-–]\s*\d+)?/giu;

/**
 * A page number typed into the text is right only until the layout moves: the reference syntax
 * `{=sida/…}` prints the target's real pages in the PDF and a link where there are no pages.
 */
export const typedPageNumber: CheckRule = {
  id: 'sidhänvisning',
  run(d) {
    return {
      fynd: d.textstycken.flatMap((p) =>
        [...p.text.matchAll(TYPED_PAGE)].map((m) => ({
          allvarlighet: 'varning' as const,
          regel: 'sidhänvisning',
          meddelande: `«${m[0]}» är ett inskrivet sidnummer, som blir fel när sidorna flyttas; skriv {=sida/<tabellens id eller rubrikens ankare>} (med "på" efter id:t för "på sidan …"), så skriver PDF:en ut de verkliga sidorna och HTML en länk`,
          plats: positionOf(p, m.index ?? 0),
        })),
      ),
    };
  },
};
