// `npm run test:e2e`: the tests that need a real VS Code, run here in code-server driven by
// Chromium — first the extension-host suite (test/vscode), then the end-to-end scenarios
// (test/e2e/*.e2e.ts). It installs the test editor when missing and builds first.
// Ends with one line `N passed, N failed` and exits 1 when anything failed.
//
// Usage: node scripts/test-vscode.mjs [--suite-only | --e2e-only] [--grep PATTERN]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
const totals = { passed: 0, failed: 0, pending: 0 };
// Bounds for each part, far above what they take (about 20 s and 2 min on an idle machine, five
// to ten times that on a loaded one) so a hang still ends.
const SUITE_LIMIT_MS = 20 * 60_000;
const E2E_LIMIT_MS = 40 * 60_000;

function finish(problem) {
  if (problem) {
    console.error(`\n✘ ${problem}`);
    totals.failed = Math.max(totals.failed, 1);
  }
  console.log(`\nvscode: ${totals.passed} passed, ${totals.failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
  process.exit(totals.failed ? 1 : 0);
}

function step(label, command, commandArgs) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) finish(`${label} failed`);
}

/** Runs a child in its own process group, echoing and keeping its output; kills the group past `limitMs`. */
function run(label, command, commandArgs, limitMs, env = {}) {
  console.log(`\n▶ ${label}`);
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${label}: still running after ${limitMs / 1000} s, stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output, timedOut });
    });
  });
}

const lastMatch = (output, pattern) => [...output.matchAll(pattern)].at(-1);

step('test editor', process.execPath, [join(root, 'test', 'e2e', 'setup.mjs')]);
step('build', process.execPath, [join(root, 'esbuild.config.mjs')]);
step('build the extension-host suite', process.execPath, [join(root, 'test', 'vscode', 'build.mjs')]);
const tsx = ['--import', 'tsx'];

if (!args.includes('--e2e-only')) {
  const suite = await run('extension-host tests (in code-server)', process.execPath, [...tsx, join(root, 'test', 'vscode', 'runInCodeServer.ts')], SUITE_LIMIT_MS, grep ? { OURO_TEST_GREP: grep } : {});
  const counts = lastMatch(suite.output, /^(\d+) passed, (\d+) failed$/gm);
  if (counts) {
    totals.passed += Number(counts[1]);
    totals.failed += Number(counts[2]);
  }
  if (suite.code !== 0 && (!counts || Number(counts[2]) === 0)) totals.failed += 1;
}

if (!args.includes('--suite-only')) {
  const specs = readdirSync(join(root, 'test', 'e2e')).filter((name) => name.endsWith('.e2e.ts')).map((name) => join('test', 'e2e', name));
  if (specs.length === 0) finish('no end-to-end scenarios found in test/e2e');
  const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  if (!existsSync(mocha)) finish('mocha is not installed: run npm ci');
  const e2e = await run(
    'end-to-end scenarios (code-server + Chromium)',
    process.execPath,
    [mocha, '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '180000', '--reporter', 'spec', ...(grep ? ['--grep', grep] : []), ...specs],
    E2E_LIMIT_MS,
  );
  const passing = lastMatch(e2e.output, /^\s*(\d+) passing/gm);
  const failing = lastMatch(e2e.output, /^\s*(\d+) failing/gm);
  const pending = lastMatch(e2e.output, /^\s*(\d+) pending/gm);
  totals.passed += passing ? Number(passing[1]) : 0;
  totals.failed += failing ? Number(failing[1]) : 0;
  totals.pending += pending ? Number(pending[1]) : 0;
  if (e2e.code !== 0 && !failing) totals.failed += 1;
}

finish();
