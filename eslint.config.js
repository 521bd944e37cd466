import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The renderer is a browser app: no Electron, no Kysely, no main-process code.
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'kysely', 'better-sqlite3', 'node:*'],
              message: 'renderer runs in a sandbox',
            },
            {
              group: ['**/main/**', '**/cli/**'],
              message: 'renderer talks to main only through window.api',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the thin entry files may import electron.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc/register.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'main logic must run in plain Node (CLI, tests, worker)' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/engine/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'better-sqlite3', 'kysely', '**/db/**', '**/ipc/handlers/**'],
              message: 'engine and shared code stay pure',
            },
          ],
        },
      ],
    },
  },
);
