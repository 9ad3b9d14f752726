// Builds the three bundles: the extension (node, cjs, vscode external), the webview (browser)
// and the headless CLI (node). `--production` minifies with source maps; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `$esbuild-watch` problem-matcher format that tasks.json uses. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? true : 'inline',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The tokenizer's encodings, each a file of its own that src/agent/context/tokenCounter.ts
    // requires only once a conversation grows large: megabytes of tables no start should parse.
    ...common,
    sourcemap: false,
    entryPoints: {
      'tokenizer-o200k_base': 'node_modules/gpt-tokenizer/cjs/encoding/o200k_base.js',
      'tokenizer-cl100k_base': 'node_modules/gpt-tokenizer/cjs/encoding/cl100k_base.js',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];

// The chat view serves the codicon font from dist/ (a localResourceRoot), so the packaged .vsix,
// which ships no node_modules, has it too.
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
// The shell parser that checks run_command's command lines loads its grammar from beside the bundle.
cpSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm');
cpSync('node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/tree-sitter-bash.wasm');

const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
