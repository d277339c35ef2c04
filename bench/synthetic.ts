/**
 * A synthetic municipality for the batch benchmark: for each of N nämnder an internbudget (from
 * ks-internbudget-2024) and a delårsrapport (from ks-delarsrapport-2021-08), each with its own id,
 * nämnd name, title and a few changed figures, in a temporary project folder with the templates.
 *
 *   npx tsx bench/synthetic.ts [--nämnder 15] [--mapp DIR]   # makes it, validates it, prints the folder
 *
 * Files are edited as text, line by line, so every other token (and its decimals) stays as written.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hasErrors } from '../src/core/diagnostics/diagnostic.js';
import { projectPaths } from '../src/load/load-report.js';
import { loadAndValidate } from '../src/validate/validate-report.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The source reports and the suffix of the synthetic ids made from them. */
export const SOURCES = [
  { id: 'ks-internbudget-2024', suffix: 'internbudget-2024' },
  { id: 'ks-delarsrapport-2021-08', suffix: 'delarsrapport-2021-08' },
] as const;

/** Nämnder of a mid-sized Swedish municipality (names only; the content stays Kommunstyrelsen's). */
export const NÄMNDER = [
  'Kommunstyrelsen',
  'Barn- och ungdomsnämnden',
  'Bildningsnämnden',
  'Äldrenämnden',
  'Socialnämnden',
  'Kultur- och fritidsnämnden',
  'Samhällsbyggnadsnämnden',
  'Tekniska nämnden',
  'Miljö- och hälsoskyddsnämnden',
  'Byggnadsnämnden',
  'Arbetsmarknadsnämnden',
  'Gymnasie- och vuxenutbildningsnämnden',
  'Omsorgsnämnden',
  'Överförmyndarnämnden',
  'Valnämnden',
];

export interface Synthetic {
  root: string;
  ids: string[];
  remove(): void;
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "Bildningsnämnden" → "Bildningsnämndens", "Kommunstyrelsen" → "Kommunstyrelsens". */
const genitiv = (namn: string): string => (namn.endsWith('s') ? namn : `${namn}s`);

const yamlString = (s: string): string => JSON.stringify(s);

/** rapport.yaml: id, nämnd and every "Kommunstyrelsens …" (title, signatures' roles) follow the new nämnd. */
function editManifest(text: string, id: string, nämnd: string): string {
  return text
    .replace(/^id: .*$/m, `id: ${id}`)
    .replace(/^nämnd: .*$/m, `nämnd: ${yamlString(nämnd)}`)
    .replace(/Kommunstyrelsens/g, genitiv(nämnd));
}

/**
 * mal.yaml: the first figure of the first few indicator rows is moved by `k` units of its last
 * decimal (so 4.11 becomes 4.12 for k = 1, 56 becomes 57), keeping the number of decimals.
 */
function editGoals(text: string, k: number, count = 6): string {
  if (k === 0) return text;
  let left = count;
  return text.replace(
    /^(\s*värden: \[)(-?\d+)(?:\.(\d+))?(?=[,\]])/gm,
    (m, head: string, int: string, frac: string | undefined) => {
      if (left <= 0) return m;
      left--;
      const d = frac?.length ?? 0;
      const scaled = BigInt(`${int}${frac ?? ''}`) + BigInt(k);
      const neg = scaled < 0n;
      const digits = (neg ? -scaled : scaled).toString().padStart(d + 1, '0');
      const value = d ? `${digits.slice(0, -d)}.${digits.slice(-d)}` : digits;
      return `${head}${neg ? '-' : ''}${value}`;
    },
  );
}

/** Makes the synthetic municipality under `dir` (default: a new temporary folder). */
export function makeSynthetic(opts: { nämnder?: number; dir?: string; from?: string } = {}): Synthetic {
  const n = opts.nämnder ?? 15;
  if (n < 1 || n > NÄMNDER.length) throw new Error(`antalet nämnder ska vara mellan 1 och ${NÄMNDER.length}`);
  const from = projectPaths(opts.from ?? REPO_ROOT);
  const root = opts.dir ?? mkdtempSync(join(tmpdir(), 'kommunrapport-bench-'));
  if (opts.dir && existsSync(opts.dir) && readdirSync(opts.dir).length)
    throw new Error(`mappen ${opts.dir} är inte tom`);
  const to = projectPaths(root);
  cpSync(from.templates, to.templates, { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const nämnd = NÄMNDER[i]!;
    for (const src of SOURCES) {
      const id = `${slug(nämnd)}-${src.suffix}`;
      ids.push(id);
      const dataDir = join(to.data, id);
      mkdirSync(dataDir, { recursive: true });
      for (const f of readdirSync(join(from.data, src.id))) {
        let text = readFileSync(join(from.data, src.id, f), 'utf8');
        if (f === 'rapport.yaml') text = editManifest(text, id, nämnd);
        if (f === 'mal.yaml') text = editGoals(text, i);
        writeFileSync(join(dataDir, f), text);
      }
      cpSync(join(from.content, src.id), join(to.content, id), { recursive: true });
    }
  }
  return { root, ids, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Validates every report of the synthetic municipality; returns the messages of those that fail. */
export function validateSynthetic(s: Synthetic): string[] {
  const paths = projectPaths(s.root);
  const bad: string[] = [];
  for (const id of s.ids) {
    const r = loadAndValidate(paths, id);
    if (hasErrors(r.diagnostics))
      bad.push(
        `${id}: ${r.diagnostics
          .filter((d) => d.allvarlighet === 'fel')
          .map((d) => d.meddelande)
          .join('; ')}`,
      );
  }
  return bad;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      nämnder: { type: 'string', default: '15' },
      mapp: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(
      'Användning: npx tsx bench/synthetic.ts [--nämnder 15] [--mapp DIR]\n\nSkapar en syntetisk kommun (internbudget + delårsrapport per nämnd) och validerar den.',
    );
  } else {
    const s = makeSynthetic({ nämnder: Number(values.nämnder), ...(values.mapp ? { dir: resolve(values.mapp) } : {}) });
    const bad = validateSynthetic(s);
    console.log(`Syntetisk kommun: ${s.ids.length} rapporter i ${s.root}`);
    for (const id of s.ids) console.log(`  ${id}`);
    if (bad.length) {
      for (const b of bad) console.error(`fel: ${b}`);
      process.exitCode = 1;
    } else console.log('Alla rapporter validerar.');
  }
}
