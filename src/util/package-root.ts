import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The tool's own folder: the nearest folder above this module with a package.json. Files the tool
 * brings (the default lexicon, the generic templates) are found from here, the same whether the
 * code runs from `src/`, `dist/` or another compiled copy, and whatever project `--rot` names.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  root = dir;
  return dir;
}
