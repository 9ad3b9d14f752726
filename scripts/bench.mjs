// `npm run bench`: a production build (so bundle sizes are the shipped ones), then every
// bench/*.bench.ts, each printing its own measurements.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await ensureDependencies(root);
for (const [command, args] of [
  [process.execPath, ['esbuild.config.mjs', '--production']],
  [process.execPath, ['--require', 'tsx/cjs', 'bench/run.ts', ...process.argv.slice(2)]],
]) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
