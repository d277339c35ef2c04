/**
 * The checks at 1× and 16× the internbudget: the document's tables, facts and paragraphs copied
 * 16 times under new ids (same figures, same words), so the text grows with the tables. The cost
 * should grow with the text, not with text × tables (`npx tsx bench/checks-scale.ts`).
 */
import { runChecks } from '../src/check/index.js';
import type { Dokument, Fakt, TabellBlock } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { PATHS } from '../test/support/project.js';

function scaled(d: Dokument, n: number): Dokument {
  const tabeller: TabellBlock[] = [];
  const fakta = new Map<string, Fakt>();
  for (let k = 0; k < n; k++) {
    const suffix = k ? `-${k}` : '';
    for (const t of d.tabeller)
      tabeller.push({
        ...t,
        id: `${t.id}${suffix}`,
        rader: t.rader.map((r) => ({
          ...r,
          celler: r.celler.map((c) => (c ? c.replace(`${t.id}/`, `${t.id}${suffix}/`) : c)),
        })),
      });
    for (const f of d.fakta.values()) {
      const id =
        f.tabell === 'mål' || f.id.startsWith('uppgifter/')
          ? f.id
          : f.id.replace(`${f.tabell}/`, `${f.tabell}${suffix}/`);
      fakta.set(id, {
        ...f,
        id,
        tabell: f.tabell === 'mål' || f.id.startsWith('uppgifter/') ? f.tabell : `${f.tabell}${suffix}`,
      });
    }
  }
  const textstycken = Array.from({ length: n }, (_, k) =>
    d.textstycken.map((p) => ({ ...p, plats: { ...p.plats, fil: `${p.plats.fil}#${k}` } })),
  ).flat();
  return { ...d, tabeller, fakta, textstycken };
}

const d = loadAndCompose(PATHS, 'ks-internbudget-2024').dokument!;
for (const n of [1, 16]) {
  const doc = scaled(d, n);
  runChecks(doc);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const k = runChecks(doc);
    times.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
    if (i === 0)
      console.log(`${n}×: ${doc.fakta.size} fakta, ${doc.textstycken.length} stycken, ${k.belopp.length} belopp`);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // CPU time too: on a shared machine the wall clock also counts other processes' turns.
  console.log(
    `${n}×: kontrollerna tar ${times[2]!.toFixed(0)} ms (median av 5; processortid ${cpu[2]!.toFixed(0)} ms)`,
  );
}
