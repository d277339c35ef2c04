import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPaths, type ProjectPaths } from '../../src/load/load-report.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PATHS: ProjectPaths = projectPaths(ROOT);
export const REPORTS = ['ks-internbudget-2024', 'ks-delarsrapport-2021-08', 'vss-forvaltningsbudget-2023'] as const;
/** The bundled publications and the example written from scratch for a fictional kommun (its own profile). */
export const ALL_REPORTS = [...REPORTS, 'norrvik-tertial-2026'] as const;

/** A scratch project: copies the templates and, optionally, bundled reports. */
export function scratchProject(reports: readonly string[] = []): ProjectPaths {
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  mkdirSync(join(root, 'data'), { recursive: true });
  mkdirSync(join(root, 'content'), { recursive: true });
  // The kommuner's profiles, which the reports name by their kommun.
  if (reports.length) cpSync(join(ROOT, 'data', 'profiler'), join(root, 'data', 'profiler'), { recursive: true });
  for (const r of reports) {
    cpSync(join(ROOT, 'data', r), join(root, 'data', r), { recursive: true });
    cpSync(join(ROOT, 'content', r), join(root, 'content', r), { recursive: true });
  }
  return projectPaths(root);
}

export function writeFile(paths: ProjectPaths, rel: string, text: string): void {
  const full = join(paths.root, rel);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** A scratch copy of the small, correct example report in test/fixtures/exempel. */
export function scratchFixture(): ProjectPaths {
  const root = mkdtempSync(join(tmpdir(), 'kommunrapport-exempel-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'exempel'), root, { recursive: true });
  return projectPaths(root);
}
