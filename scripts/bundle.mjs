// Bundles the CLI into dist/cli/ with esbuild (npm run compile runs it after tsc): one file per
// entry (the command, the build worker) and shared chunks, so `--help` loads only what it needs.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts', 'build-worker': 'src/runner/build-worker.ts' },
  outdir: 'dist/cli',
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
  metafile: true,
});
