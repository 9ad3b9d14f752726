// `npm run test:vscode`: the extension-host suite in desktop VS Code via @vscode/test-electron,
// for machines that can download VS Code (it caches it in .vscode-test/). On Linux without a
// display, run it under `xvfb-run -a`. Machines without internet use code-server instead:
// `npm run test:e2e` (scripts/test-vscode.mjs).
//
// Environment: VSCODE_VERSION (default "stable"; e.g. "1.100.3").
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVscodeTests } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const build = spawnSync(process.execPath, [join(root, 'esbuild.config.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const extensionTestsPath = await buildVscodeTests();

const scratch = mkdtempSync(join(tmpdir(), 'ouro-vscode-tests-'));
const workspace = join(scratch, 'sample-workspace');
// The `.standalone.test.js` files run apart, in an editor where Ouro is not loaded.
const standIn = join(scratch, 'stand-in');
mkdirSync(standIn);
writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'ouro-standalone-tests', publisher: 'ouro-dev-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
let exitCode = 1;
try {
  for (const [developmentPath, standalone] of [[root, undefined], [standIn, '1']]) {
    cpSync(join(root, 'test', 'fixtures', 'sample-workspace'), workspace, { recursive: true, force: true });
    exitCode = await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: developmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { OURO_TEST_STANDALONE: standalone, OPENAI_BASE_URL: undefined, OPENAI_API_KEY: undefined, OURO_MODEL: undefined },
    });
    if (exitCode !== 0) break;
  }
} catch (error) {
  console.error(`the extension-host tests could not run: ${error instanceof Error ? error.message : error}`);
  console.error('Without internet (VS Code cannot be downloaded), run them in code-server: npm run test:e2e');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
