// ESLint: typescript-eslint's recommended rules, Prettier for layout, and the pipeline's
// one-way imports (README, "Folders"): a stage may import only stages below it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The stages from the bottom up. A folder may import its own stage and those listed before it;
 * folders on one line are siblings and may not import each other.
 */
const STAGES = [
  ['schema', 'util', 'version'],
  ['core'],
  ['write'],
  ['load'],
  ['profil'],
  ['validate', 'narrative', 'template'],
  ['compose'],
  ['pipeline', 'check', 'render'],
  ['rollforward'],
  ['runner', 'package', 'import', 'start'],
  ['cli'],
];

const allFolders = STAGES.flat();

/** The import patterns a file in `folder` may not use: every folder not at or below its stage. */
function forbiddenFor(folder) {
  const level = STAGES.findIndex((stage) => stage.includes(folder));
  const allowed = new Set(STAGES.slice(0, level).flat().concat(folder));
  return allFolders
    .filter((f) => !allowed.has(f))
    .map((f) => ({
      group: [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../${f}.js`, `../../${f}.js`],
      message: `Steget "${folder}" får inte importera "${f}": importer går åt ett håll (README, "Folders").`,
    }));
}

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'data/schema/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...allFolders.map((folder) => ({
    files: [`src/${folder}/**/*.ts`, `src/${folder}.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: forbiddenFor(folder) }] },
  })),
  prettier,
);
