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

/**
 * exceljs's workbook requires its CSV reader and writer (fast-csv, dayjs and its plugins) at load
 * time, for `workbook.csv`, which kommunrapport never calls: bundled, that module is a stub that
 * says so. exceljs is pinned exactly in package.json; a test checks the stub is the only one.
 */
const withoutExcelCsv = {
  name: 'exceljs-utan-csv',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/csv\/csv$/ }, (args) =>
      /[\\/]exceljs[\\/]lib[\\/]doc$/.test(args.resolveDir) ? { path: 'exceljs-csv', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        "module.exports = class CSV { constructor() { throw new Error('exceljs CSV ingår inte i kommunrapport'); } };",
      loader: 'js',
    }));
  },
};

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
  plugins: [withoutExcelCsv],
});
