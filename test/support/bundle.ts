import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The CLI bundled as `npm run build` bundles it (scripts/bundle.mjs), into .tmp/<name>/ inside
 * the project (the bundle finds the project as the folder above it with a package.json).
 * Returns the path of its main.js.
 */
export function bundleCli(name: string): string {
  const out = join(ROOT, '.tmp', name);
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), out], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`scripts/bundle.mjs: ${b.stdout}${b.stderr}`);
  return join(out, 'main.js');
}
