// The CLI's worktree sessions end to end: a real process against the mock server, on a real git
// repository in a temp folder.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolCall, usage } from '../../fixtures/mockOpenAI';
import { gitIn, useGitRepos } from '../worktrees/gitRepo';
import { runCli, useMockServers } from './cliProcess';

const MATH = 'exports.add = (a, b) => a + b;\n';
const TEST = "const assert = require('node:assert');\nconst m = require('./math.js');\nassert.equal(m.add(2, 3), 5);\nif (m.mul) assert.equal(m.mul(2, 3), 6);\n";

/** One attempt: write math.js, then say it is done. */
function attempt(content: string, tokens: number) {
  return [reply(...toolCall('write_file', { path: 'math.js', content }), usage(tokens, 10)), reply(...text('Done.'), usage(tokens, 5))];
}

describe('the CLI in git worktrees', function () {
  this.timeout(60_000);
  const repos = useGitRepos();
  const servers = useMockServers();

  it('--worktree works in a new worktree, leaves the workspace untouched, prints the branch and folder, and sessions lists it', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'test.js': TEST, '.env.example': 'KEY=demo\n', '.gitignore': '.env\n' });
    const server = await servers.start(attempt(`${MATH}exports.mul = (a, b) => a * b;\n`, 100));
    const env = { OURO_WORKTREES: worktrees };
    const run = await runCli(['--cwd', root, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', '--approve', 'edits', '--worktree', '--copy', '.env.example:.env', 'Add mul to math.js'], env);
    assert.equal(run.code, 0, run.stderr);
    const folder = /Worked in ouro\/add-mul-to-math-js \(1 file changed\): (.+)\n/.exec(run.stdout)?.[1];
    assert.ok(folder, run.stdout);
    assert.ok(folder.startsWith(worktrees), folder);
    assert.match(readFileSync(join(folder, 'math.js'), 'utf8'), /exports\.mul/);
    assert.equal(readFileSync(join(folder, '.env'), 'utf8'), 'KEY=demo\n');
    assert.equal(readFileSync(join(root, 'math.js'), 'utf8'), MATH);
    assert.equal(gitIn(root, 'status', '--porcelain'), '');

    const listed = await runCli(['sessions', '--cwd', root], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^branch +title +state +age +changed files\nouro\/add-mul-to-math-js +Add mul to math\.js +done +\d+ s +1\n$/);

    const applied = await runCli(['sessions', '--cwd', root, 'apply', 'ouro/add-mul-to-math-js'], env);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(readFileSync(join(root, 'math.js'), 'utf8'), /exports\.mul/);

    const discarded = await runCli(['sessions', '--cwd', root, 'discard', 'ouro/add-mul-to-math-js'], env);
    assert.equal(discarded.code, 0, discarded.stderr);
    assert.equal(existsSync(folder), false);
    assert.equal((await runCli(['sessions', '--cwd', root], env)).stdout, 'No worktree sessions.\n');
  });

  it('--best-of 3 runs the checks in each attempt and picks the passing one with the smaller diff', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'test.js': TEST });
    const server = await servers.start([
      // 1: breaks the test; 2: passes with a small change; 3: passes with a larger one.
      ...attempt(`${MATH}exports.mul = (a, b) => a + b;\n`, 100),
      ...attempt(`${MATH}exports.mul = (a, b) => a * b;\n`, 120),
      ...attempt(`// Arithmetic.\n${MATH}\n// Multiplies two numbers.\nexports.mul = (a, b) => {\n  return a * b;\n};\n`, 90),
    ]);
    const env = { OURO_WORKTREES: worktrees };
    const run = await runCli(['--cwd', root, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', '--approve', 'edits', '--best-of', '3', '--check', 'node test.js', '--attempt-model', 'mock-a', '--attempt-model', 'mock-b', '--json', 'Add mul to math.js'], env);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { checks: string[]; winner: number; branch: string; attempts: Array<{ attempt: number; branch: string; checks: Array<{ passed: boolean }>; diffLines: number; tokens: number; ended: string }> };
    assert.deepEqual(result.checks, ['node test.js']);
    assert.deepEqual(
      result.attempts.map((a) => [a.attempt, a.branch, a.ended, a.checks.map((check) => check.passed), a.diffLines, a.tokens]),
      [
        [1, 'ouro/add-mul-to-math-js', 'stop', [false], 1, 215],
        [2, 'ouro/add-mul-to-math-js-2', 'stop', [true], 1, 255],
        [3, 'ouro/add-mul-to-math-js-3', 'stop', [true], 6, 195],
      ],
    );
    assert.equal(result.winner, 2);
    // The attempts took the models in turn.
    assert.deepEqual(server.requests.map((request) => request.model), ['mock-a', 'mock-a', 'mock-b', 'mock-b', 'mock-a', 'mock-a']);
    assert.equal(result.branch, 'ouro/add-mul-to-math-js-2');
    // The workspace is untouched, and every attempt is kept until discarded.
    assert.equal(readFileSync(join(root, 'math.js'), 'utf8'), MATH);
    const listed = await runCli(['sessions', '--cwd', root, '--json'], env);
    assert.deepEqual((JSON.parse(listed.stdout) as Array<{ branch: string; state: string }>).map((s) => [s.branch, s.state]), [
      ['ouro/add-mul-to-math-js', 'done'],
      ['ouro/add-mul-to-math-js-2', 'done'],
      ['ouro/add-mul-to-math-js-3', 'done'],
    ]);

    const table = await runCli(['--cwd', root, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', '--best-of', '1', 'x'], env);
    assert.equal(table.code, 2);
    assert.match(table.stderr, /--best-of must be a whole number from 2 to 5, not "1"/);
  });

  it('--attempt-temperature: the same model tries again at a higher temperature after its first attempt', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'test.js': TEST });
    const server = await servers.start([...attempt(`${MATH}exports.mul = (a, b) => a * b;\n`, 100), ...attempt(`${MATH}exports.mul = (a, b) => b * a;\n`, 100)]);
    const run = await runCli(['--cwd', root, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', '--approve', 'edits', '--best-of', '2', '--check', 'node test.js', '--attempt-temperature', '1.2', '--json', 'Add mul'], { OURO_WORKTREES: worktrees });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(server.requests.map((request) => request.temperature), [undefined, undefined, 1.2, 1.2]);

    const bad = await runCli(['--cwd', root, '--model', 'm', '--best-of', '2', '--attempt-temperature', 'hot', 'x'], { OURO_WORKTREES: worktrees });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--attempt-temperature must be a number from 0 to 2, not "hot"/);
    const alone = await runCli(['--cwd', root, '--model', 'm', '--attempt-temperature', '1', 'x'], { OURO_WORKTREES: worktrees });
    assert.match(alone.stderr, /--attempt-temperature is for the attempts of --best-of/);
  });

  it('--best-of refuses to run the checks without a sandbox unless every command may run', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'test.js': TEST });
    const run = await runCli(['--cwd', root, '--base-url', 'http://127.0.0.1:9', '--model', 'm', '--approve', 'edits', '--sandbox', 'off', '--best-of', '2', '--check', 'node test.js', 'x'], { OURO_WORKTREES: worktrees });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /the checks would run without a sandbox \(the sandbox is turned off in the settings\): pass --approve all to run them anyway/);
    assert.equal(gitIn(root, 'worktree', 'list').trim().split('\n').length, 1);
  });

  it('says that worktree sessions need git in a folder that is not a repository', async () => {
    const { worktrees } = repos.repo({ 'a.txt': 'a\n' });
    const run = await runCli(['--cwd', join(worktrees, '..'), '--base-url', 'http://127.0.0.1:9', '--model', 'm', '--worktree', 'x'], { OURO_WORKTREES: worktrees });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /worktree sessions need git: .* is not in a git repository/);
  });

  it('makes no worktree when there is no model to run', async () => {
    const { root, worktrees } = repos.repo({ 'a.txt': 'a\n' });
    const run = await runCli(['--cwd', root, '--base-url', 'http://127.0.0.1:9', '--worktree', 'x'], { OURO_WORKTREES: worktrees });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no model configured/);
    assert.equal(gitIn(root, 'worktree', 'list').trim().split('\n').length, 1);
  });
});
