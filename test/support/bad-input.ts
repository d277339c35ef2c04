import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './project.js';

/** The bad-input corpus's case format and runner (test/bad-input.test.ts); see README, "Promises". */
export interface Ändring {
  fil: string;
  /** Text to find (must occur) and what replaces it; without `ersätt`, `med` is the whole file. */
  ersätt?: string;
  med?: string;
  /** Write the file in Windows-1252 (Latin-1) instead of UTF-8. */
  kodning?: 'windows-1252' | 'utf-16le';
  /** Replace the file with a folder of that name. */
  mapp?: boolean;
  ta_bort?: boolean;
  /** chmod mode, e.g. "000"; the command then runs as the unprivileged user `nobody`. */
  läge?: string;
  /** Write the file with Windows line endings. */
  radslut?: 'crlf';
}

export interface Fall {
  fall: string;
  ändringar: Ändring[];
  /** CLI arguments after `--rot <scratch>`; default `validate exempel-2025`. */
  kommando?: string[];
  /** Rename the fixture's report to this id first. */
  rapport_id?: string;
  väntat: {
    kod: number;
    /** A fragment of the one error message; absent for cases that must pass. */
    meddelande?: string;
    /** `file:line:col` of that message, or `file` alone when the error is about a whole file. */
    plats?: string;
    /** How many error lines; default 1 when a message is expected. */
    antal_fel?: number;
    /** A fragment of a warning that must be printed, and its `file:line:col`. */
    varning?: string;
    varning_plats?: string;
    /** No warning line at all (`build --tyst`). */
    inga_varningar?: boolean;
    /** An output file (relative to the scratch root) and text it must not / must contain. */
    utdata?: { fil: string; saknar?: string; innehåller?: string };
  };
}

export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
export const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
export const CORPUS = join(ROOT, 'test', 'bad-input');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'exempel');

/** English a library or the OS would print; none of it may reach a user. */
export const ENGLISH =
  /\b(the|must|unexpected|invalid|error|expected|please|allowed|permission|denied|no such|directory|undefined|object Object|parse|cannot|excessive|unresolved|nested|mappings?|tabs are|sequence|exceeded|maximum|internt fel)\b|\bat .*\.[jt]s:\d+/i;

function encode(text: string, kodning: Ändring['kodning']): Buffer {
  if (kodning === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (kodning === 'windows-1252') return Buffer.from(text, 'latin1');
  return Buffer.from(text, 'utf8');
}

function change(root: string, ä: Ändring): void {
  const full = join(root, ä.fil);
  if (ä.ta_bort) rmSync(full, { recursive: true, force: true });
  else if (ä.mapp) {
    rmSync(full, { recursive: true, force: true });
    mkdirSync(full, { recursive: true });
  } else if (ä.ersätt !== undefined) {
    const before = readFileSync(full, 'utf8');
    const at = before.indexOf(ä.ersätt);
    if (at < 0) throw new Error(`${ä.fil}: "${ä.ersätt}" finns inte i fixturen`);
    // With `kodning` and `ersätt`, only the replacement is written in that encoding: one stray byte in a UTF-8 file.
    writeFileSync(
      full,
      Buffer.concat([
        encode(before.slice(0, at), undefined),
        encode(ä.med ?? '', ä.kodning),
        encode(before.slice(at + ä.ersätt.length), undefined),
      ]),
    );
  } else if (ä.med !== undefined || ä.kodning || ä.radslut) {
    let text = ä.med ?? readFileSync(full, 'utf8');
    if (ä.radslut === 'crlf') text = text.replace(/\n/g, '\r\n');
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, encode(text, ä.kodning));
  }
  if (ä.läge) chmodSync(full, Number.parseInt(ä.läge, 8));
}

/** A scratch copy of test/fixtures/exempel with the case's changes; `unprivileged` when a case takes permissions away. */
export function prepare(f: Fall): { root: string; unprivileged: boolean } {
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-fel-'));
  chmodSync(root, 0o755);
  cpSync(FIXTURE, root, { recursive: true });
  if (f.rapport_id) {
    renameSync(join(root, 'data', 'exempel-2025'), join(root, 'data', f.rapport_id));
    renameSync(join(root, 'content', 'exempel-2025'), join(root, 'content', f.rapport_id));
    const manifest = join(root, 'data', f.rapport_id, 'rapport.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('id: exempel-2025', `id: ${f.rapport_id}`));
  }
  for (const ä of f.ändringar) change(root, ä);
  const unprivileged = f.ändringar.some((ä) => ä.läge !== undefined);
  // The unprivileged user may write the project's out/, as its owner would.
  if (unprivileged && process.getuid?.() === 0) chownSync(root, 65534, 65534);
  return { root, unprivileged };
}

/** The lines that report a warning: `file:line:col varning regel: …`. */
export function warningLines(out: string): string[] {
  return out.split('\n').filter((l) => /^(\S+:\d+:\d+ )?varning [\p{L}-]+: /u.test(l));
}

/** The lines that report an error: `file:line:col fel regel: …`, or the CLI's `fel: …`. */
export function errorLines(out: string): string[] {
  return out
    .split('\n')
    .filter(
      (l) => /^(\S+:\d+:\d+ )?fel [\p{L}-]+: /u.test(l) || /^fel: /.test(l) || /: kunde inte skriva utdata: /.test(l),
    );
}

/**
 * Compiles the CLI once into .tmp/bad-input-dist (as deep as dist/, so its paths to the project
 * hold): a compiled command starts in a quarter of tsx's time, which matters for 200 runs.
 */
export function compileCli(): string {
  const outDir = join(ROOT, '.tmp', 'bad-input-dist');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', outDir],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`tsc: ${r.stdout}${r.stderr}`);
  return join(outDir, 'src', 'cli', 'main.js');
}

/** Runs the CLI (compiled `js`, or through tsx) in a scratch project; stdout and stderr together. */
export function run(
  root: string,
  args: string[],
  unprivileged: boolean,
  js?: string,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    // Root reads any file, so a permission case runs as `nobody`, as a kommun's users would.
    const ids = unprivileged && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const [cmd, first] = js ? [process.execPath, js] : [TSX, MAIN];
    const child = spawn(cmd, [first, '--rot', root, ...args], {
      ...ids,
      cwd: root,
      env: { ...process.env, HOME: root },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}
