/**
 * The checks at 1× and 16× the internbudget: the document's tables, facts and paragraphs copied
 * 16 times under new ids (same figures, same words), so the text grows with the tables. The cost
 * should grow with the text, not with text × tables, and stay under 0,3 s at 16× (issue 15)
 * (`npx tsx bench/checks-scale.ts [--varv N] [--rapport ID]`; another bundled report with --rapport).
 *
 * Each size is checked once cold (the first call: V8 still compiles the rules' code, on threads of
 * its own), then warmed up and checked `--varv` times (median). Beside the wall time it prints the
 * processor time of the whole process and of the main thread alone (Linux): the difference is
 * V8's compiler and garbage-collector threads, which is why processor time can exceed wall time.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ms, summary, tal } from './stats.js';
import { runChecks } from '../src/check/index.js';
import type { Dokument, Fakt, TabellBlock } from '../src/core/model/dokument.js';
import { loadAndCompose } from '../src/pipeline.js';
import { PATHS } from '../test/support/project.js';

export const TARGET_MS = 300;
const WARMUP = 10;

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

/** The main thread's processor time in ms (from /proc, in ticks of 10 ms), or undefined off Linux. */
function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export interface Measured {
  first: number;
  wall: number;
  cpu: number;
  /** Of the process's processor time over the warm runs, the share of the main thread. */
  mainShare?: number;
}

function measure(doc: Dokument, runs: number): Measured {
  const t0 = performance.now();
  runChecks(doc);
  const first = performance.now() - t0;
  for (let i = 0; i < WARMUP; i++) runChecks(doc);
  const wall: number[] = [];
  const cpu: number[] = [];
  const main0 = mainThreadCpu();
  const all0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    runChecks(doc);
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const all = process.cpuUsage(all0);
  const main1 = mainThreadCpu();
  const total = (all.user + all.system) / 1000;
  return {
    first,
    wall: summary(wall).median,
    cpu: summary(cpu).median,
    ...(main0 !== undefined && main1 !== undefined && total > 0 ? { mainShare: (main1 - main0) / total } : {}),
  };
}

/** The checks of one bundled report at 1× and 16×: first call, warm median, processor time. */
export interface ChecksScale {
  rapport: string;
  sizes: { n: number; fakta: number; stycken: number; belopp: number; m: Measured }[];
  /** Warm wall time at 16×, against TARGET_MS. */
  sixteenMs: number;
}

export function measureChecksScale(rapport: string, runs: number, log = true): ChecksScale {
  const d = loadAndCompose(PATHS, rapport).dokument!;
  const sizes: ChecksScale['sizes'] = [];
  for (const n of [1, 16]) {
    const doc = scaled(d, n);
    const k = runChecks(doc);
    const m = measure(doc, runs);
    sizes.push({ n, fakta: doc.fakta.size, stycken: doc.textstycken.length, belopp: k.belopp.length, m });
    if (log)
      console.log(
        `${n}×: ${tal(doc.fakta.size)} fakta, ${tal(doc.textstycken.length)} stycken, ${tal(k.belopp.length)} belopp; ` +
          `kontrollerna tar ${ms(m.wall)} (median av ${runs} efter ${WARMUP} uppvärmningsvarv; processortid ${ms(m.cpu)}` +
          `${m.mainShare !== undefined ? `, varav huvudtråden ${tal(100 * m.mainShare)} %` : ''}); första anropet ${ms(m.first)}`,
      );
  }
  const one = sizes[0]!.m;
  const sixteen = sizes[1]!.m;
  if (log) {
    console.log(
      `16× mot 1×: ${tal(sixteen.wall / one.wall, 1)} gånger tiden för 16 gånger texten och tabellerna (processortid ${tal(sixteen.cpu / one.cpu, 1)} gånger)`,
    );
    console.log(
      `Mål: under ${ms(TARGET_MS)} vid 16× — ${sixteen.wall < TARGET_MS ? 'uppfyllt' : 'ej uppfyllt'} (${ms(sixteen.wall)}; första anropet ${ms(sixteen.first)})`,
    );
  }
  return { rapport, sizes, sixteenMs: sixteen.wall };
}

const HELP = `Användning: npx tsx bench/checks-scale.ts [--varv N] [--rapport ID]

Kontrollerna av en medföljande rapport vid 1× och 16× (tabeller, fakta och stycken kopierade 16
gånger): första anropet, medianen av N anrop efter ${WARMUP} uppvärmningsvarv, processortid, och
16× mot målet under ${ms(TARGET_MS)}. npm run bench kör samma mätning på internbudgeten.

Flaggor:
  --varv N      antal mätta anrop per storlek (standard 7)
  --rapport ID  rapporten (standard ks-internbudget-2024)
  -h, --help    visa den här hjälpen
`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      varv: { type: 'string', default: '7' },
      rapport: { type: 'string', default: 'ks-internbudget-2024' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) console.log(HELP);
  else measureChecksScale(values.rapport, Math.max(1, Number(values.varv)));
}
