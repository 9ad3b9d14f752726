import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const onlyHost = { name: 'vscode', message: 'Only src/host may import vscode; the core talks to the editor through ports.' };
const notHost = { group: ['**/host/**', '**/host'], message: 'The core must not depend on the VS Code host.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The model clients, the CLI, the protocol and the webview run without the editor.
    files: ['src/llm/**', 'src/cli/**', 'src/protocol/**', 'src/webview/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [onlyHost], patterns: [notHost] }],
    },
  },
  {
    // The core owns its ports (the Model among them): src/llm implements them and may import the
    // core, never the reverse, and the core reaches neither the editor nor the front ends.
    files: ['src/agent/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [onlyHost],
        patterns: [
          notHost,
          { group: ['**/llm/**', '**/llm'], message: 'The core owns the Model port (src/agent/model.ts); src/llm depends on the core, never the reverse.' },
          { group: ['**/cli/**', '**/webview/**', '**/protocol/**'], message: 'The core must not depend on a front end.' },
        ],
      }],
    },
  },
  {
    // An import circle makes load order matter and hides which piece is the base.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
