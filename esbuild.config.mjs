// Builds the three bundles: the extension (node, cjs, vscode external), the webview (browser)
// and the headless CLI (node). `--production` minifies with source maps; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);
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

/**
 * Leaves out what the bundles never run: zod's error messages in 40 languages (the English ones
 * stay), the HTML parser Turndown brings for strings (it is given linkedom's nodes instead),
 * linkedom's CSS parser (only a <style>'s `sheet` uses it; Readability and Turndown never ask)
 * and the DOM utilities htmlparser2 re-exports beside the `Parser` linkedom takes from it.
 */
const leaveOutUnused = {
  name: 'leave-out-unused',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
    }));
    const stubs = {
      '@mixmark-io/domino': 'exports.createDocument = () => { throw new Error("Turndown is given DOM nodes, never HTML strings"); };',
      'cssomnom/parse': 'exports.parse = () => ({ cssRules: [] });',
    };
    build.onResolve({ filter: /^(@mixmark-io\/domino|cssomnom\/parse)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: stubs[args.path] }));
    build.onResolve({ filter: /^htmlparser2$/ }, (args) =>
      /[\\/]linkedom[\\/]/.test(args.importer) ? { path: args.importer, namespace: 'parser-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'parser-only' }, async (args) => {
      const htmlparser2 = await build.resolve('htmlparser2', { kind: 'import-statement', resolveDir: dirname(args.path) });
      return { contents: 'export { Parser } from "./Parser.js";', resolveDir: dirname(htmlparser2.path) };
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? true : 'inline',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher, leaveOutUnused],
  // jsonc-parser's `main` is a UMD build that requires its own parts at run time, which a bundle
  // cannot: `node dist/cli.js` died at start with "Cannot find module './impl/format'".
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
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
];

// The chat view's icons: only the codicons src/webview/icons.ts names, each SVG a CSS mask in
// dist/icons.css (a few kilobytes, where the whole codicon font is 160).
mkdirSync('dist', { recursive: true });
const { ICON_NAMES } = await tsImport('./src/webview/icons.ts', import.meta.url);
const { codiconSvgReader, iconsCss } = await tsImport('./src/webview/iconsCss.ts', import.meta.url);
writeFileSync('dist/icons.css', iconsCss(ICON_NAMES, codiconSvgReader('node_modules/@vscode/codicons/src')));
/**
 * Writes `out` from `pack()` unless it is newer than the install of `from` (whose folder npm made
 * then) and than each of `packers` (the code that packs it).
 */
async function packOnce(out, from, pack, packers = []) {
  const made = Math.max(statSync(dirname(from)).mtimeMs, ...packers.map((file) => statSync(file).mtimeMs));
  if (existsSync(out) && statSync(out).mtimeMs >= made) return;
  writeFileSync(out, await pack());
}

/** Brotli at its best: the .vsix's zip deflate leaves a third more. */
function brotli(file) {
  const bytes = readFileSync(file);
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

// The shell parser that checks run_command's command lines loads its grammar from beside the bundle.
for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  const from = `node_modules/${wasm}`;
  await packOnce(`dist/${basename(wasm)}.br`, from, () => brotli(from));
}

// The tokenizer's encodings, each packed into a file of its own that
// src/agent/context/tokenCounter.ts reads only once a conversation grows large: megabytes of
// tables no start should parse. Packed once per install (it takes seconds).
for (const encoding of ['o200k_base', 'cl100k_base']) {
  const from = require.resolve(`gpt-tokenizer/cjs/bpeRanks/${encoding}`);
  await packOnce(`dist/tokenizer-${encoding}.br`, from, async () => {
    const { packRanks } = await tsImport('./src/agent/context/tokenizerData.ts', import.meta.url);
    return packRanks(require(from).default);
  }, ['src/agent/context/tokenizerData.ts']);
}

const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
