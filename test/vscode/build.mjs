// Bundles the extension-host test suite into dist/test/vscode/: index.js (the `run()` VS Code
// calls) and one bundle per *.test.ts. `vscode` comes from the extension host; mocha is loaded
// from node_modules at run time, so it stays one copy with its own globals.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const testsOut = join(root, 'dist', 'test', 'vscode');

export async function buildVscodeTests() {
  const tests = readdirSync(here).filter((name) => name.endsWith('.test.ts'));
  rmSync(testsOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(here, 'index.ts'), ...tests.map((name) => join(here, name))],
    outdir: testsOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return join(testsOut, 'index.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildVscodeTests());
}
