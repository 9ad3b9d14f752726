// The size of what ships: each production bundle, raw and gzipped.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUNDLES = ['dist/extension.js', 'dist/webview.js', 'dist/cli.js'];

export async function run(): Promise<string[]> {
  const root = join(__dirname, '..');
  return BUNDLES.map((bundle) => {
    const path = join(root, bundle);
    const size = statSync(path).size;
    const gzipped = gzipSync(readFileSync(path)).length;
    return `${bundle.padEnd(20)} ${kib(size).padStart(10)}  (${kib(gzipped)} gzipped)`;
  });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
