// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import rules that keep the layers' doors one-way (docs/ARCHITECTURE.md, "Layers"). */
const boundary = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or handles is a bug waiting for a bad day.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['bench/**', 'server/cli/**', 'server/server.ts', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  // ─── Layer boundaries ───
  {
    files: ['widget/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/server/**'], message: 'The widget never imports server code: talk to the API through contract/ types.' },
        { group: ['zod', 'zod/v4'], message: 'The widget must not bundle zod: import contract types with `import type`.' },
      ]),
    },
  },
  {
    files: ['console/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/server/**'], message: 'The console page never imports server code: it calls /console/api with contract/ types.' },
        { group: ['zod', 'zod/v4'], message: 'The console page must not bundle zod: import contract types with `import type`.' },
      ]),
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/server/**', '**/widget/**'], message: 'The contract is imported by server and widget; it imports neither.' },
      ]),
    },
  },
  {
    files: ['server/promise/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['**/contract/**'], message: 'The engine owns its types; map to the contract in server/promise-service/.' },
        { group: ['fastify', 'fastify-plugin', '**/db/**', '**/live/**', '**/routes/**'], message: 'The engine is pure: no I/O, no HTTP.' },
        { group: ['**/simulate/**'], message: 'The simulator reads the engine; the engine never depends on the simulator.' },
      ]),
    },
  },
  {
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        {
          group: ['**/db/**', '**/*.repository.js', '**/inventory/reservations.js'],
          allowTypeImports: true,
          message: 'Routes call services (app.<service>), never SQL: put the query in a repository behind a service.',
        },
      ]),
    },
  },
);
