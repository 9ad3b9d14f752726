// The size of what ships: the .vsix as `npm run package` makes it (from the production build
// `npm run bench` has just made), against its goal, and each production bundle, raw and gzipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = join(__dirname, '..');
const BUNDLES = ['dist/extension.js', 'dist/webview.js', 'dist/cli.js'];
/** vsce's megabytes, as it prints them: 1.5 × 1024 × 1024 bytes. */
const VSIX_GOAL_MB = 1.5;

export async function run(): Promise<string[]> {
  const vsix = packageSize();
  const bundles = BUNDLES.map((bundle) => {
    const path = join(ROOT, bundle);
    const gzipped = gzipSync(readFileSync(path)).length;
    return `${bundle.padEnd(20)} ${kib(statSync(path).size).padStart(10)}  (${kib(gzipped)} gzipped)`;
  });
  const mb = vsix / 1024 / 1024;
  return [`.vsix                ${mb.toFixed(2)} MB   goal ≤ ${VSIX_GOAL_MB} MB ${mb <= VSIX_GOAL_MB ? 'met' : 'NOT met'}`, ...bundles];
}

/** Packages the extension with vsce into a temp folder, as `npm run package` does, and returns its size in bytes. */
function packageSize(): number {
  const dir = mkdtempSync(join(tmpdir(), 'ouro-bench-vsix-'));
  try {
    const out = join(dir, 'ouro.vsix');
    const vsce = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (vsce.status !== 0) throw new Error(`vsce package failed: ${vsce.stderr || vsce.stdout}`);
    return statSync(out).size;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
