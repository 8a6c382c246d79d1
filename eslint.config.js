// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInDomain = ['node:*', '@slack/*', 'node-ssh', 'ssh2', 'pino', 'better-sqlite3', 'yaml'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'dist/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  // Type-aware, on every TypeScript file (tsconfig.json includes src, test, bin, scripts, examples and *.config.ts).
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers in messages ("node 2 of 3", "after 30 s") read fine; objects, undefined and the like stay flagged.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void doIt()` and `(x) => list.push(x)`-style shorthands in callbacks are idiomatic; void in statements stays flagged.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A switch over a union names every member, and an exhaustive one has no `default:` that
      // would swallow a new member (assertNever after the cases, see src/domain/assert-never.ts).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { allowDefaultCaseForExhaustiveSwitch: false, considerDefaultExhaustiveForUnions: false }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: forbiddenInDomain, message: 'domain/ is pure: no I/O, Slack, SSH, logging or storage imports.' },
            { group: ['**/app/**', '**/adapters/**', '**/config/**'], message: 'domain/ must not depend on outer layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config/**/*.ts'],
    ignores: ['src/config/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/adapters/**', '**/compose*', '**/main.ts', '@slack/*', 'node-ssh', 'ssh2', 'pino', 'better-sqlite3'],
              message: 'config/ validates and loads: it may import the domain, zod, yaml and node:fs/path only (the composition maps it into app types).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/adapters/**', '@slack/*', 'node-ssh', 'better-sqlite3'], message: 'app/ talks to adapters through ports only.' }] },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', '.ci/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
