// Bundles the CLI into dist/cli/ with esbuild (npm run compile runs it after tsc): one file per
// entry (the command and the two kinds of build thread) and shared chunks, so `--help` loads only what it needs.
// `node scripts/bundle.mjs DIR` bundles into DIR instead (the tests); DIR must lie inside the
// project, which the bundle finds as the nearest folder above it with a package.json.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = process.argv[2] ?? join(root, 'dist/cli');
// Chunks are named by their hash: the last bundle's would stay behind.
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    main: join(root, 'src/cli/main.ts'),
    'build-worker': join(root, 'src/runner/build-worker.ts'),
    'pdf-worker': join(root, 'src/runner/pdf-worker.ts'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  // CommonJS packages inside the bundle call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __krRequire } from 'node:module'; const require = __krRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
