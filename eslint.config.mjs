import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs in plain Node and the CLI: it must never reach for the editor.
    files: ['src/agent/**', 'src/llm/**', 'src/cli/**', 'src/protocol/**', 'src/webview/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Only src/host may import vscode; the core talks to the editor through ports.' }],
        patterns: [{ group: ['**/host/**', '**/host'], message: 'The core must not depend on the VS Code host.' }],
      }],
    },
  },
);
