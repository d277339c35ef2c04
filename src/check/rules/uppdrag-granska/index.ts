import type { CheckRule } from '../../run-checks.js';

/** Uppdrag carried over by `ny` are flagged until someone has reviewed them and removed `granska: true`. */
export const reviewMarker: CheckRule = {
  id: 'uppdrag-granska',
  run(d) {
    return {
      fynd: d.uppdrag.flatMap((l) =>
        l.uppdrag
          .map((u, ui) => ({ u, nr: u.nummer ?? ui + 1 }))
          .filter(({ u }) => u.granska)
          .map(({ u, nr }) => ({
            allvarlighet: 'varning' as const,
            regel: 'uppdrag-granska',
            meddelande: `${u.nummer !== undefined ? `uppdrag ${u.nummer}` : `uppdraget "${u.text}"`} i "${l.rubrik}" är överfört från förra året och inte granskat (ta bort granska: true när det är gjort)`,
            plats: u.plats ?? { fil: `data/${d.id}/uppdrag.yaml`, rad: 1, kolumn: 1 },
            fakta: [`uppdrag/${l.id}/${nr}`],
          })),
      ),
    };
  },
};
