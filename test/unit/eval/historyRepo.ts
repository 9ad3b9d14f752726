// A small git repository made for the mining tests, commit by commit: a project with a node
// --test suite whose history holds one real fix with its test (and a test helper), a refactor
// without tests, and a change whose new test already passed before it.
import { execFileSync } from 'node:child_process';
import { addToTree, type TreeSpec } from '../workspace/tempTree';

const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

export function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd: repo, encoding: 'utf8' });
}

export async function commit(repo: string, files: TreeSpec, message: string): Promise<string> {
  await addToTree(repo, files);
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '--quiet', '-m', message);
  return gitIn(repo, 'rev-parse', 'HEAD').trim();
}

export const BUGGY_SUM = 'exports.sum = (a, b) => a - b;\n';
export const FIXED_SUM = 'exports.sum = (a, b) => a + b;\n';

export const SUM_TEST = [
  "const test = require('node:test');",
  "const assert = require('node:assert');",
  "const { sum } = require('../src/sum');",
  "const { pair } = require('./helpers');",
  "test('adds', () => assert.strictEqual(sum(...pair), 5));",
  '',
].join('\n');

/** The history; returns the commits by what they are. */
export async function makeHistory(repo: string): Promise<{ start: string; fix: string; refactor: string; alreadyPassing: string }> {
  gitIn(repo, 'init', '--quiet', '--initial-branch=main');
  const start = await commit(
    repo,
    {
      'package.json': JSON.stringify({ name: 'tiny', scripts: { test: 'node --test test/' } }, null, 2),
      'src/sum.js': BUGGY_SUM,
      'src/greet.js': "exports.greet = (name) => 'Hello, ' + name;\n",
      'test/greet.test.js': "const test = require('node:test');\nconst assert = require('node:assert');\nconst { greet } = require('../src/greet');\ntest('greets', () => assert.strictEqual(greet('Ann'), 'Hello, Ann'));\n",
    },
    'Start the project',
  );
  const fix = await commit(
    repo,
    { 'src/sum.js': FIXED_SUM, 'test/sum.test.js': SUM_TEST, 'test/helpers.js': 'exports.pair = [2, 3];\n' },
    'Make sum add its arguments\n\nsum subtracted the second number from the first (#12, https://example.com/issues/12).\nSo sum(2, 3) was -1 where GH-7 expected 5.\n\nFixes #12\nSigned-off-by: Test <test@example.com>',
  );
  const refactor = await commit(repo, { 'src/greet.js': "const greeting = 'Hello, ';\nexports.greet = (name) => greeting + name;\n" }, 'Name the greeting');
  const alreadyPassing = await commit(
    repo,
    {
      'src/greet.js': "const greeting = 'Hello, ';\nexports.greet = (name) => greeting + (name ?? 'you');\n",
      'test/greet-more.test.js': "const test = require('node:test');\nconst assert = require('node:assert');\nconst { greet } = require('../src/greet');\ntest('greets Bo', () => assert.strictEqual(greet('Bo'), 'Hello, Bo'));\n",
    },
    'Greet someone without a name',
  );
  return { start, fix, refactor, alreadyPassing };
}
