import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where a project keeps its reports; no parsing here, so the CLI can list reports without loading the pipeline. */
export interface ProjectPaths {
  root: string;
  data: string;
  content: string;
  templates: string;
}

/** The manifest that makes a folder under data/ a report. */
export const MANIFEST = 'rapport.yaml';

export function projectPaths(root: string): ProjectPaths {
  return { root, data: join(root, 'data'), content: join(root, 'content'), templates: join(root, 'templates') };
}

export function listReports(paths: ProjectPaths): string[] {
  if (!existsSync(paths.data)) return [];
  return readdirSync(paths.data, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(paths.data, d.name, MANIFEST)))
    .map((d) => d.name)
    .sort();
}
