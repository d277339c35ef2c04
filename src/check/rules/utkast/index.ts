import type { CheckRule } from '../../run-checks.js';

/** Text rolled forward by `ny` carries a draft marker until someone has rewritten it. */
export const DRAFT_MARKER = /^\s*UTKAST:/;

export const draftMarker: CheckRule = {
  id: 'utkast',
  run(d) {
    return {
      fynd: d.textstycken
        .filter((p) => DRAFT_MARKER.test(p.text))
        .map((p) => ({
          allvarlighet: 'fel' as const,
          regel: 'utkast',
          meddelande:
            'texten är ett utkast (överfört av ny eller påbörjat av init): skriv den och ta bort UTKAST-raden',
          plats: p.plats,
        })),
    };
  },
};
