// Bundles the CLI into dist/cli/ with esbuild (npm run compile runs it after tsc): one file per
// entry (the command and the two kinds of build thread) and shared chunks, so `--help` loads only what it needs.
// `node scripts/bundle.mjs DIR` bundles into DIR instead (the tests); DIR must lie inside the
// project, which the bundle finds as the nearest folder above it with a package.json.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = process.argv[2] ?? join(root, 'dist/cli');
// Chunks are named by their hash: the last bundle's would stay behind.
rmSync(outdir, { recursive: true, force: true });

/**
 * exceljs's workbook requires its CSV reader and writer (fast-csv, dayjs and its plugins) at load
 * time, for `workbook.csv`, which kommunrapport never calls: bundled, that module is a stub that
 * says so. exceljs is pinned exactly in package.json; a test checks that the stub is in the bundle
 * and fast-csv and dayjs are not.
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

/**
 * docx (pinned exactly) ships helpers written for old engines that a cold process runs slowly: a
 * SHA-1 in JavaScript that keys each picture by its bytes (tens of ms for a chart's PNG), and the
 * object-spread and class-field helpers behind every element it builds. Bundled, each is replaced
 * by the same function written for Node: the SHA-1 from node:crypto (the same hex), the helpers
 * with the same result for every argument, without the generic key conversion and closures. Each
 * original must occur exactly once, or the bundle fails: a docx upgrade is noticed here.
 */
const DOCX_FASTER = [
  [
    'var hashedId = (data) => Array.from(sha1(typeof data === "string" ? encodeUtf8(data) : ArrayBuffer.isView(data) ? data : new Uint8Array(data)), (byte) => byte.toString(16).padStart(2, "0")).join("");',
    'var hashedId = (data) => require("node:crypto").createHash("sha1").update(typeof data === "string" ? encodeUtf8(data) : ArrayBuffer.isView(data) ? data : new Uint8Array(data)).digest("hex");',
  ],
  [
    'function _defineProperty(e, r, t) {\n\treturn (r = toPropertyKey(r)) in e',
    'function _defineProperty(e, r, t) {\n\tif (typeof r !== "string" && typeof r !== "symbol") r = toPropertyKey(r);\n\treturn r in e',
  ],
  [
    '\t\tr % 2 ? ownKeys(Object(t), !0).forEach(function(r) {\n\t\t\t_defineProperty(e, r, t[r]);\n\t\t}) :',
    '\t\tr % 2 ? spreadInto(e, t) :',
  ],
  [
    'function _objectSpread2(e) {',
    `function spreadInto(e, t) {
\tconst o = Object(t);
\tconst keys = Object.keys(o);
\tfor (let i = 0; i < keys.length; i++) _defineProperty(e, keys[i], t[keys[i]]);
\tfor (const s of Object.getOwnPropertySymbols(o)) if (Object.getOwnPropertyDescriptor(o, s).enumerable) _defineProperty(e, s, t[s]);
}
function _objectSpread2(e) {`,
  ],
];
const fasterDocx = {
  name: 'docx-snabbare',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]docx[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      for (const [from, to] of DOCX_FASTER) {
        const parts = text.split(from);
        if (parts.length !== 2)
          throw new Error(`docx ${args.path}: väntade en förekomst av ${from.slice(0, 60)}…, fann ${parts.length - 1}`);
        text = parts.join(to);
      }
      return { contents: text, loader: 'js' };
    });
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
  // Comments and whitespace out: V8 pre-parses every byte of a chunk it loads (docx alone brings
  // 0,5 MB, much of it JSDoc), and that is paid in every cold process. Names are kept, and the
  // source maps beside the chunks give stack traces their files and lines back (`node
  // --enable-source-maps`); Node reads them only then.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [withoutExcelCsv, fasterDocx],
});
