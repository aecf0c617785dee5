// ESLint (flat config): typescript-eslint's recommended rules, a line length, and the design of
// ARCHITECTURE.md held by nianbao's own rules (eslint/plugin.mjs): every import within what
// its module "may import" (eslint/boundaries.mjs), and no import circle anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nianbao from './eslint/plugin.mjs';

/** Node's globals, for the plain JavaScript scripts (TypeScript checks its own). */
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setImmediate', '__dirname', '__filename'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'test-results/**', '.vscode-test/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { nianbao },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: NODE_GLOBALS },
    rules: {
      // A line of code stays under 160 characters; a line long because of its message text (a
      // string or template literal, often the Chinese and the English of one message) is exempt.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'nianbao/may-import': 'error',
      'nianbao/no-import-cycle': 'error',
    },
  },
  {
    // TypeScript resolves names itself (typescript-eslint's advice).
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
);
