/**
 * The anchors `npm run bench` measures kommunrapport against, besides pdfmake alone: pandoc for
 * HTML and Word (where it is installed), Typst for the PDF (bench/typst.ts), and the cold build
 * of issue 22a's bench/cold.ts (run as a child process when the file exists).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dokument } from '../src/core/model/dokument.js';
import { renderDocx } from '../src/render/docx/render-docx.js';
import { renderHtml } from '../src/render/html/render-html.js';
import { summary } from './stats.js';
import { REPO_ROOT } from './synthetic.js';

export interface PandocTiming {
  htmlMs: number;
  oursHtmlMs: number;
  docxMs: number;
  oursDocxMs: number;
}

export function pandocVersion(): string | undefined {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/**
 * pandoc (a fresh process each time, as a user runs it) on the report's narrative, all chapters
 * in one Markdown file, to a standalone HTML and to Word; our HTML and Word stages on the composed
 * document, alternately. Our documents also hold the tables, goals and uppdrag; pandoc's only text.
 */
export async function timePandoc(d: Dokument, id: string, runs: number): Promise<PandocTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'kommunrapport-pandoc-'));
  try {
    const src = join(REPO_ROOT, 'content', id);
    const md = join(dir, 'text.md');
    writeFileSync(
      md,
      readdirSync(src)
        .sort()
        .map((f) => readFileSync(join(src, f), 'utf8'))
        .join('\n\n'),
    );
    const pandoc = (to: string, out: string): number => {
      const t = performance.now();
      const r = spawnSync('pandoc', [
        md,
        '-f',
        'gfm',
        '-t',
        to,
        '-s',
        '--metadata',
        'title=Rapport',
        '-o',
        join(dir, out),
      ]);
      if (r.status !== 0) throw new Error(`pandoc -t ${to}: ${r.stderr.toString()}`);
      return performance.now() - t;
    };
    const ours = async (f: () => unknown): Promise<number> => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const x: Record<keyof PandocTiming, number[]> = { htmlMs: [], oursHtmlMs: [], docxMs: [], oursDocxMs: [] };
    for (let i = 0; i < runs; i++) {
      const a = async (): Promise<void> => {
        x.htmlMs.push(pandoc('html', 'p.html'));
        x.docxMs.push(pandoc('docx', 'p.docx'));
      };
      const b = async (): Promise<void> => {
        x.oursHtmlMs.push(await ours(() => renderHtml(d)));
        x.oursDocxMs.push(await ours(() => renderDocx(d)));
      };
      if (i % 2) {
        await a();
        await b();
      } else {
        await b();
        await a();
      }
    }
    return {
      htmlMs: summary(x.htmlMs).median,
      oursHtmlMs: summary(x.oursHtmlMs).median,
      docxMs: summary(x.docxMs).median,
      oursDocxMs: summary(x.oursDocxMs).median,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ColdStart {
  coldWallMs: number;
  coldCpuMs: number;
  pdfmakeWallMs: number;
  pdfmakeCpuMs: number;
  ratio: number;
  pairs: number;
  /** How many timed builds laid out the PDF on a second thread. */
  twoThreads: number;
  /** `build --format pdf` in the same rounds: the floor of the full build (the PDF has its own thread). */
  pdfOnlyWallMs: number;
  pdfOnlyCpuMs: number;
}

export const COLD_SCRIPT = join(REPO_ROOT, 'bench', 'cold.ts');

/** Issue 22a's cold build against pdfmake alone, from `bench/cold.ts --json`; undefined if that file is not there. */
export function runCold(): ColdStart | undefined {
  if (!existsSync(COLD_SCRIPT)) return undefined;
  const r = spawnSync(process.execPath, ['--import', 'tsx', COLD_SCRIPT, '--json', '--golv'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench/cold.ts --json avslutades med kod ${r.status}:\n${r.stderr}`);
  const line = r.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`bench/cold.ts --json skrev ingen JSON:\n${r.stdout}`);
  return JSON.parse(line) as ColdStart;
}
