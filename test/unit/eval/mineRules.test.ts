// The rules mining goes by: which paths are tests, how a test command is narrowed to a commit's
// test files, and what of a commit message reaches the prompt.
import * as assert from 'node:assert/strict';
import { taskName } from '../../../src/cli/eval/mine/mineSuite';
import { cleanMessage } from '../../../src/cli/eval/mine/taskPrompt';
import { narrowTestCommand } from '../../../src/cli/eval/mine/testCommand';
import { isSourceFile, isTestFile, runnableTests } from '../../../src/cli/eval/mine/testFiles';

describe('mining rules', () => {
  it('tells test files from source files by path', () => {
    const tests = ['test/a.js', 'src/__tests__/b.ts', 'lib/c.test.ts', 'd.spec.js', 'pkg/test_e.py', 'pkg/f_test.py', 'cmd/g_test.go', 'src/main/java/HTest.java', 'tests/unit/x.rs'];
    for (const path of tests) assert.equal(isTestFile(path), true, path);
    for (const path of ['src/a.js', 'lib/contest.js', 'testing.py', 'src/attest/x.go']) assert.equal(isTestFile(path), false, path);
    for (const path of ['README.md', 'docs/guide.txt', 'package-lock.json', 'LICENSE', '.github/workflows/ci.yml', 'test/a.js']) assert.equal(isSourceFile(path), false, path);
    for (const path of ['src/a.ts', 'package.json', 'setup.py']) assert.equal(isSourceFile(path), true, path);
    assert.deepEqual(runnableTests(['test/helpers.js', 'test/a.test.js', 'test/fixtures/data.json']), ['test/a.test.js'], 'helpers and fixtures are in the patch, not given to the runner');
    assert.deepEqual(runnableTests(['test/check.js', 'test/fixtures/data.json']), ['test/check.js']);
    assert.deepEqual(runnableTests(['test/fixtures/data.json']), []);
  });

  it('narrows the test command to the changed files where the runner takes files, else keeps it whole', () => {
    const files = ['test/a.test.js', "test/it's here.test.js"];
    assert.equal(narrowTestCommand('node --test', files), "node --test test/a.test.js 'test/it'\\''s here.test.js'");
    assert.equal(narrowTestCommand('npx mocha --recursive', ['test/a.js']), 'npx mocha test/a.js');
    assert.equal(narrowTestCommand('python3 -m pytest -q', ['tests/test_a.py']), 'python3 -m pytest tests/test_a.py');
    const pkg = (test: string) => JSON.stringify({ scripts: { test } });
    assert.equal(narrowTestCommand('npm test', ['t/a.test.js'], pkg('jest --ci')), 'npx jest t/a.test.js');
    assert.equal(narrowTestCommand('npm test', ['t/a.test.js'], pkg('vitest')), 'npx vitest run t/a.test.js');
    assert.equal(narrowTestCommand('npm test', ['t/a.test.js'], pkg('npm run build && mocha')), 'npm test', 'a script with shell syntax is run whole');
    assert.equal(narrowTestCommand('npm test', ['t/a.test.js'], pkg('ava')), 'npm test', 'a runner not known to take files');
    assert.equal(narrowTestCommand('cargo test', ['tests/a.rs']), 'cargo test');
    assert.equal(narrowTestCommand('make test', []), 'make test');
  });

  it('takes links, issue numbers and trailers out of the message, and names the task from its subject', () => {
    const message = 'Fix the parser (#41)\n\nIt choked on tabs; see https://example.com/bug?id=3, owner/repo#9.\n\nCloses #41\nReviewed-by: A <a@b.c>\nCo-authored-by: B <b@c.d>';
    assert.equal(cleanMessage(message), 'Fix the parser\n\nIt choked on tabs; see.');
    assert.equal(taskName({ id: 'abcdef1234567890', message: 'Fix the parser (#41)' }), 'fix-the-parser-abcdef1');
    assert.equal(taskName({ id: '1234567aaaa', message: 'A very long subject line that goes on and on about what changed' }), 'a-very-long-subject-line-that-goes-on-1234567');
    assert.equal(taskName({ id: '1234567aaaa', message: '!!!' }), 'commit-1234567');
  });
});
