import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.scratch/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/vscode-harness/fixture-extension/**', 'bench-results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The analysis core must stay free of editor and protocol dependencies.
    files: ['server/src/scheme/**', 'server/src/model/**', 'server/src/analysis/**', 'server/src/cli/**', 'server/src/export/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'The analysis core has no vscode or LSP dependency.' }] }],
    },
  },
);
