/**
 * npx tsx bench/cold.ts [--par N] [--golv] [--json] — a cold build as a user runs it, against pdfmake alone.
 *
 * Each pair is two fresh processes, run one after the other, alternating which goes first:
 *  (a) the compiled CLI (package.json's `bin`, as `npm run build` leaves it) building every format
 *      and check of ks-internbudget-2024 into a temporary folder;
 *  (b) pdfmake alone as it ships: a process that loads pdfmake, unpatched, and lays out the same
 *      document definition the build makes (dumped once, before the pairs) into a PDF.
 * The machine is shared, so its pace changes by tens of per cent over minutes: the ratio of the
 * medians of pairs run in the same minutes is the robust figure. CPU time is the child's own
 * (process.cpuUsage at exit, all its threads), read through a preloaded module.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';
import { runChecks } from '../src/check/index.js';
import { hasErrors } from '../src/core/diagnostics/diagnostic.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndCompose } from '../src/pipeline.js';
import { TABLE_LAYOUT } from '../src/render/pdf/blocks.js';
import { pdfDefinition } from '../src/render/pdf/render-pdf.js';
import { COLOR } from '../src/render/pdf/styles.js';
import { fontPath } from '../src/util/fonts.js';
import { machinePace } from './machine-pace.js';
import { REPO_ROOT } from './synthetic.js';
import { summary, tal } from './stats.js';

const ID = 'ks-internbudget-2024';

const HELP = `Användning: npx tsx bench/cold.ts [flaggor]

Mäter en kall byggning som en användare kör den: det kompilerade kommandot (package.json:s bin,
efter npm run build) bygger alla format och kontroller av ${ID} i en ny process, växelvis
mot en ny process med bara pdfmake (som paketet levereras) som sätter samma dokumentdefinition.

Flaggor:
  --par N     antal par av processer (standard 7)
  --golv      mät också, i samma omgångar, bygget med bara PDF:en (build --format pdf): golvet för
              hela bygget, eftersom PDF:en sätts på en egen tråd medan resten görs
  --json      skriv ett JSON-objekt på stdout: { coldWallMs, coldCpuMs, pdfmakeWallMs, pdfmakeCpuMs,
              ratio, pairs, twoThreads, helpWallMs, paceBeforeMs, paceAfterMs }, med --golv också
              pdfOnlyWallMs och pdfOnlyCpuMs
  -h, --help  visa den här hjälpen
`;

interface Run {
  wallMs: number;
  cpuMs: number;
  /** What the process printed (the build's summary line says how many threads it used). */
  stdout: string;
}

/** Writes the child's CPU time (user + system, every thread) to KR_BENCH_CPU when it exits. */
const CPU_PRELOAD = `process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.KR_BENCH_CPU, String((u.user + u.system) / 1000));
});\n`;

function runChild(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const cpuFile = join(tmp, 'cpu.txt');
  rmSync(cpuFile, { force: true });
  return new Promise((done, fail) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--require', join(tmp, 'cpu.cjs'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, KR_BENCH_CPU: cpuFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - t;
      if (code !== 0) return fail(new Error(`${args.join(' ')} slutade med kod ${code}:\n${err}`));
      done({ wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')), stdout: out });
    });
  });
}

/** The compiled CLI as package.json's bin names it. */
function cliPath(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return resolve(REPO_ROOT, pkg.bin.kommunrapport!);
}

const PATCH_ONLY = new Set(['krTag', 'krToc', 'krLbl', 'krRepeat', 'krHold', 'krHeld', 'krAnkare']);

/**
 * The build's pdfmake document definition, written so a process without our code can read it:
 * JSON (dates tagged), the running header as text and the footer as a template, the table layout
 * and the page-break hook as a small module of their own (the hook's source, compiled alone: it
 * imports nothing). Any other function in the definition stops the benchmark.
 */
function dumpDefinition(tmp: string): void {
  const paths = projectPaths(REPO_ROOT);
  const c = loadAndCompose(paths, ID);
  if (!c.dokument || hasErrors(c.diagnostics)) throw new Error(`${ID} har fel: bygg den först`);
  runChecks(c.dokument);
  const def = pdfDefinition(c.dokument) as unknown as Record<string, unknown> & {
    header: (page: number) => { columns: { text: string }[] } | null;
    footer: (page: number, pages: number) => { text: string } | null;
    pageMargins: number[];
  };
  const { header, footer, pageBreakBefore, ...rest } = def;
  if (typeof pageBreakBefore !== 'function') throw new Error('pageBreakBefore saknas i definitionen');
  const json = JSON.stringify(
    {
      def: rest,
      // The header is the same on every page but the first; the footer names the page.
      header: header(2),
      footer: footer(1_111_111, 2_222_222),
      topMargin: def.pageMargins[1],
      fonts: {
        Roboto: {
          normal: fontPath('normal'),
          bold: fontPath('bold'),
          italics: fontPath('italics'),
          bolditalics: fontPath('bolditalics'),
        },
      },
    },
    function (this: unknown, key: string, value: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Date) return { $datum: raw.toISOString() };
      // What only our patches read (tag-plan.ts's structure tree, notes-hold.ts's held rows, which
      // name their table); pdfmake as it ships knows nothing of it. The page-break hook's own
      // marks (keep-together.ts's krRun) stay: the anchor runs the same hook.
      if (PATCH_ONLY.has(key)) return undefined;
      if (typeof value === 'function') throw new Error(`funktion i pdf-definitionen: ${key}`);
      return value;
    },
  );
  writeFileSync(join(tmp, 'definition.json'), json);
  // The page-break hook with what it imports (style constants), bundled into one module.
  const keep = buildSync({
    entryPoints: [join(REPO_ROOT, 'src/render/pdf/keep-together.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  }).outputFiles[0]!.text;
  if (/^\s*import\s/m.test(keep))
    throw new Error('keep-together.ts drar in en modul utifrån: ankaret kan inte ta den ensam');
  const layout = Object.entries(TABLE_LAYOUT)
    .map(([k, f]) => `  ${k}: ${(f as (...a: unknown[]) => unknown).toString()},`)
    .join('\n');
  writeFileSync(
    join(tmp, 'hjälp.mjs'),
    // The table layout's functions name COLOR; the bundle may already hold it (from styles.ts).
    `${keep}\n${/\b(const|let|var) COLOR\b/.test(keep) ? '' : `const COLOR = ${JSON.stringify(COLOR)};\n`}` +
      `export const TABLE_LAYOUT = {\n${layout}\n};\n`,
  );
  writeFileSync(join(tmp, 'pdfmake-ensamt.mjs'), anchorSource());
}

/** The anchor: pdfmake as it ships, required from this project's node_modules, and nothing of ours but the dumped definition. */
function anchorSource(): string {
  const pdfmake = createRequire(import.meta.url).resolve('pdfmake');
  return `import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { keepWithNext, TABLE_LAYOUT } from './hjälp.mjs';
const pdfmake = createRequire(import.meta.url)(${JSON.stringify(pdfmake)});
const d = JSON.parse(readFileSync(process.argv[2], 'utf8'), (k, v) => (v && typeof v === 'object' && '$datum' in v ? new Date(v.$datum) : v));
pdfmake.setFonts(d.fonts);
pdfmake.setUrlAccessPolicy(() => false);
const fontFiles = new Set(Object.values(d.fonts).flatMap((f) => Object.values(f)));
pdfmake.setLocalAccessPolicy((p) => fontFiles.has(p));
pdfmake.addTableLayouts({ kommunrapport: TABLE_LAYOUT });
const fill = (n, page, pages) => JSON.parse(JSON.stringify(n).replaceAll('1111111', String(page)).replaceAll('2222222', String(pages)));
const def = {
  ...d.def,
  header: (page) => (page === 1 ? null : d.header),
  footer: (page, pages) => (page === 1 ? null : fill(d.footer, page, pages)),
  pageBreakBefore: keepWithNext(d.topMargin),
};
writeFileSync(process.argv[3], await pdfmake.createPdf(def).getBuffer());
`;
}

/** Pages in a PDF, by its page objects (enough to see that the anchor laid out the same document). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      par: { type: 'string', default: '7' },
      golv: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const pairs = Number(values.par);
  if (!Number.isInteger(pairs) || pairs < 1) {
    process.stderr.write(`fel: --par ska vara ett heltal från 1 (fick "${values.par}")\n`);
    process.exitCode = 2;
    return;
  }
  const say = (s: string): void => void (values.json ? process.stderr : process.stdout).write(`${s}\n`);
  const cli = cliPath();
  const tmp = mkdtempSync(join(tmpdir(), 'kr-kall-'));
  try {
    writeFileSync(join(tmp, 'cpu.cjs'), CPU_PRELOAD);
    dumpDefinition(tmp);
    const paceBefore = await machinePace();
    const cold = (): Promise<Run> =>
      runChild([cli, 'build', ID, '--out', join(tmp, 'ut'), '--tyst'], tmp, { KOMMUNRAPPORT_CACHE: cacheDir(tmp) });
    const pdfOnly = (): Promise<Run> =>
      runChild([cli, 'build', ID, '--format', 'pdf', '--out', join(tmp, 'ut-pdf'), '--tyst'], tmp, {
        KOMMUNRAPPORT_CACHE: cacheDir(tmp),
      });
    const alone = (): Promise<Run> =>
      runChild([join(tmp, 'pdfmake-ensamt.mjs'), join(tmp, 'definition.json'), join(tmp, 'ensamt.pdf')], tmp);
    // One of each first, untimed: the disk cache, the file cache and the checks of what was made.
    await cold();
    await alone();
    const built = pageCount(readFileSync(join(tmp, 'ut', ID, `${ID}.pdf`)));
    const anchored = pageCount(readFileSync(join(tmp, 'ensamt.pdf')));
    if (built !== anchored) say(`obs: bygget gav ${built} sidor, pdfmake ensamt ${anchored}`);
    const a: Run[] = [];
    const b: Run[] = [];
    const c: Run[] = [];
    for (let i = 0; i < pairs; i++) {
      say(`  par ${i + 1} av ${pairs} …`);
      // The floor, when asked for, goes first in every other round and last in the others.
      if (values.golv && i % 2 === 1) c.push(await pdfOnly());
      if (i % 2 === 0) {
        a.push(await cold());
        b.push(await alone());
      } else {
        b.push(await alone());
        a.push(await cold());
      }
      if (values.golv && i % 2 === 0) c.push(await pdfOnly());
    }
    const help: number[] = [];
    for (let i = 0; i < pairs; i++) help.push((await runChild([cli, '--help'], tmp)).wallMs);
    const paceAfter = await machinePace();
    // The build takes a second thread for the PDF only when two cores are free as it starts (pdf-thread.ts).
    const twoThreads = a.filter((r) => /2 trådar/.test(r.stdout)).length;
    const med = (rs: Run[], k: 'wallMs' | 'cpuMs'): number => summary(rs.map((r) => r[k])).median;
    const ratios = a.map((r, i) => r.wallMs / b[i]!.wallMs);
    const result = {
      coldWallMs: Math.round(med(a, 'wallMs')),
      coldCpuMs: Math.round(med(a, 'cpuMs')),
      pdfmakeWallMs: Math.round(med(b, 'wallMs')),
      pdfmakeCpuMs: Math.round(med(b, 'cpuMs')),
      /** Median of the pairs' ratios of wall time. */
      ratio: Math.round(summary(ratios).median * 1000) / 1000,
      pairs,
      /** How many of the timed builds laid out the PDF on a second thread. */
      twoThreads,
      helpWallMs: Math.round(summary(help).median),
      /** The machine's pace before and after (bench/machine-pace.ts: a fixed memory loop; lower is faster). */
      paceBeforeMs: Math.round(paceBefore),
      paceAfterMs: Math.round(paceAfter),
      /** With --golv: `build --format pdf`, median wall and CPU time. */
      ...(values.golv
        ? { pdfOnlyWallMs: Math.round(med(c, 'wallMs')), pdfOnlyCpuMs: Math.round(med(c, 'cpuMs')) }
        : {}),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    say(`\nKall byggning av ${ID} (alla format och kontroller), median av ${pairs} par nya processer:`);
    say(`  kommunrapport build   ${tal(result.coldWallMs)} ms väggtid, ${tal(result.coldCpuMs)} ms processortid`);
    say(`  pdfmake ensamt        ${tal(result.pdfmakeWallMs)} ms väggtid, ${tal(result.pdfmakeCpuMs)} ms processortid`);
    say(`  kvot (väggtid, median av paren)  ${tal(result.ratio, 2)} (mål ≤ 0,65; bygget ≤ 1 000 ms)`);
    const cpuRatio = summary(a.map((r, i) => r.cpuMs / b[i]!.cpuMs)).median;
    say(`  kvot (processortid, median av paren)  ${tal(cpuRatio, 2)}`);
    say(
      `  trådar: ${twoThreads} av ${pairs} byggen lade PDF:en på en andra tråd (den tas bara när två kärnor är lediga när bygget startar)`,
    );
    if (result.pdfOnlyWallMs !== undefined)
      say(
        `  bara PDF:en (build --format pdf, golvet)  ${tal(result.pdfOnlyWallMs)} ms väggtid, ${tal(result.pdfOnlyCpuMs ?? 0)} ms processortid`,
      );
    say(`  kommunrapport --help  ${tal(result.helpWallMs)} ms väggtid (mål under 200 ms)`);
    say(`  (${built} sidor i bygget, ${anchored} i pdfmake ensamt)`);
    say(
      `  maskinens takt (minnesloopen i bench/machine-pace.ts, lägre är snabbare): ${tal(result.paceBeforeMs)} ms före, ${tal(result.paceAfterMs)} ms efter`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The build's font cache for the benchmark: its own folder, warmed by the untimed first build. */
const cacheDir = (tmp: string): string => join(tmp, 'cache');

await main();
