import { join } from 'node:path';
import { projectPaths } from '../../load/load-report.js';
import { RAPPORTTYPER, type Rapporttyp } from '../../schema/rapport.js';
import { startord } from '../../profil/ladda.js';
import { initRapport } from '../../start/init.js';
import { giltigtId, relativ, skrivNyRapport, upptagna } from './skapa.js';

export interface InitOptions {
  typ: string;
  kommun: string;
  nämnd: string;
  år: string;
  förvaltning?: string;
  till?: string;
}

/**
 * `kommunrapport init <rapport> --typ <rapporttyp> --kommun … --nämnd … --år …`: a small valid
 * report to start from, built by the kind's generic template. Never overwrites.
 * Exit codes: 0 written, 1 the report exists or could not be written, 2 wrong use.
 */
export function runInit(root: string, id: string, opts: InitOptions): number {
  if (!giltigtId('rapportens namn', id)) return 2;
  if (!(RAPPORTTYPER as readonly string[]).includes(opts.typ)) {
    console.error(`fel: --typ "${opts.typ}" är ingen rapporttyp; välj en av ${RAPPORTTYPER.join(', ')}`);
    return 2;
  }
  const år = Number(opts.år);
  if (!/^\d{4}$/.test(opts.år) || år < 1900 || år > 2200) {
    console.error(`fel: --år "${opts.år}" är inget årtal; skriv t.ex. --år 2026`);
    return 2;
  }
  if (opts.till !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.till)) {
    console.error(`fel: --till "${opts.till}" är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. --till ${år}-08-31`);
    return 2;
  }
  for (const [flagga, v] of [
    ['--kommun', opts.kommun],
    ['--nämnd', opts.nämnd],
  ] as const) {
    if (!v.trim()) {
      console.error(`fel: ${flagga} behöver ett namn, t.ex. --kommun "Ekby kommun"`);
      return 2;
    }
  }
  const paths = projectPaths(root);
  const finns = upptagna(paths, id);
  if (finns.length) {
    console.error(
      `fel: ${finns.join(' och ')} finns redan; init skriver aldrig över en befintlig rapport (välj ett annat namn). Inget skrevs.`,
    );
    return 1;
  }
  const ny = initRapport({
    id,
    typ: opts.typ as Rapporttyp,
    kommun: opts.kommun,
    nämnd: opts.nämnd,
    år,
    ...(opts.förvaltning ? { förvaltning: opts.förvaltning } : {}),
    ...(opts.till ? { till: opts.till } : {}),
    ord: startord(paths, opts.kommun),
  });
  const skrivet = skrivNyRapport(paths, id, ny, true, 'init');
  if (skrivet !== 0) return skrivet;
  console.log(`${id}: ny ${opts.typ} för ${opts.nämnd}, ${opts.kommun}, ${år}`);
  console.log(
    `skrev ${relativ(root, join(paths.data, id))}/ (${ny.data.map((f) => f.namn).join(', ')}) och ${relativ(root, join(paths.content, id))}/ (${ny.texter.map((f) => f.namn).join(', ')})`,
  );
  console.log(
    `Nästa steg: fyll i tabellerna, målen och uppdragen, skriv kapitlen (ta bort UTKAST-raderna) och kör kommunrapport build ${id}.`,
  );
  return 0;
}
