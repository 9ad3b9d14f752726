// `npm test`: everything that runs here — build, types, lint, unit tests, then the tests in a
// real VS Code (the extension host suite and the end-to-end scenarios). It installs everything
// it needs before any test (npm packages, the system packages, the test editor), so it works on
// a fresh clone; CI runs exactly this. `npm test -- --unit` installs only what the unit tests
// need and stops after them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unitOnly = process.argv.includes('--unit');
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs a command, echoing its output; resolves with its exit code and what it printed. */
function run(label, command, args, { capture = false } = {}) {
  console.log(`\n▶ ${label}`);
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
      child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    }
    child.on('error', (err) => { console.error(`${label}: ${err.message}`); resolveRun({ code: 1, output }); });
    child.on('close', (code) => resolveRun({ code: code ?? 1, output }));
  });
}

function count(output, pattern) {
  const match = output.match(pattern);
  return match ? Number(match[1]) : 0;
}

function finish(failedStep) {
  if (failedStep) console.error(`\n✘ ${failedStep} failed`);
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(failedStep || totals.failed ? 1 : 0);
}

await ensureDependencies(root);
const setupArgs = unitOnly ? ['--unit'] : [];
const setup = await run(unitOnly ? 'system packages' : 'system packages and the test editor', process.execPath, [join(root, 'test/e2e/setup.mjs'), ...setupArgs]);
if (setup.code !== 0) finish('setup');
const npx = (bin, ...args) => [process.execPath, [join(root, 'node_modules', bin), ...args]];

for (const [label, [command, args]] of [
  ['build', [process.execPath, ['esbuild.config.mjs']]],
  ['typecheck', npx('typescript/bin/tsc', '--noEmit', '-p', '.')],
  ['lint', npx('eslint/bin/eslint.js', 'src', 'test')],
]) {
  const { code } = await run(label, command, args);
  if (code !== 0) finish(label);
}

const unit = await run('unit tests', ...npx('mocha/bin/mocha.js', 'test/unit/**/*.test.ts'), { capture: true });
totals.passed += count(unit.output, /(\d+) passing/);
totals.failed += count(unit.output, /(\d+) failing/);
totals.skipped += count(unit.output, /(\d+) pending/);
if (unit.code !== 0 && !count(unit.output, /(\d+) failing/)) finish('unit tests');

if (!unitOnly) {
  if (!existsSync(join(root, 'scripts/test-vscode.mjs'))) finish('editor tests (scripts/test-vscode.mjs is missing)');
  const editor = await run('tests in VS Code', process.execPath, [join(root, 'scripts/test-vscode.mjs')], { capture: true });
  const line = editor.output.match(/(\d+) passed, (\d+) failed/g)?.at(-1)?.match(/(\d+) passed, (\d+) failed/);
  if (line) {
    totals.passed += Number(line[1]);
    totals.failed += Number(line[2]);
  }
  if (editor.code !== 0 && (!line || Number(line[2]) === 0)) finish('tests in VS Code');
}
finish();
