// Mining eval tasks from a real git history built by the test: exactly the real fix becomes a
// task (its tests fail before it and pass after it), the refactor and the change whose test
// passed already do not, mining again finds nothing new, and the task runs through `eval`.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evalMain } from '../../../src/cli/eval/evalCommand';
import type { EvalResult } from '../../../src/cli/eval/evalReport';
import { loadSuite } from '../../../src/cli/eval/evalSuite';
import { checkOutGitSource } from '../../../src/cli/eval/gitWorkspace';
import { mineMain } from '../../../src/cli/eval/mine/mineCommand';
import { runCheck } from '../../../src/cli/eval/taskCheck';
import { startMockServer, type MockServer } from '../../fixtures/mockOpenAI';
import { CLI_FROM_SOURCE } from '../cli/cliProcess';
import { allPaths, useTempTrees } from '../workspace/tempTree';
import { BUGGY_SUM, FIXED_SUM, makeHistory } from './historyRepo';
import { routeByTask } from './scriptedTurns';

async function capture(run: (io: { stdout: { write(text: string): void }; stderr: { write(text: string): void }; cli: readonly string[] }) => Promise<number>) {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: { write: (chunk) => void (stdout += chunk) }, stderr: { write: (chunk) => void (stderr += chunk) }, cli: CLI_FROM_SOURCE });
  return { code, stdout, stderr };
}

describe('ouro eval mine', function () {
  this.timeout(120_000);
  const temp = useTempTrees();
  let server: MockServer | undefined;
  afterEach(async () => server?.close());

  it('keeps exactly the commit whose tests fail before it and pass after it, and mining again finds nothing new', async () => {
    const repo = await temp.tree();
    const history = await makeHistory(repo);
    const mined = await capture((io) => mineMain(['--project', repo], io));
    assert.equal(mined.code, 0, mined.stderr);
    const name = `make-sum-add-its-arguments-${history.fix.slice(0, 7)}`;
    assert.equal(mined.stdout, `1 new task (${name}) in ${join(repo, '.ouro', 'evals')}; 1 commit turned down. The check: npm test, narrowed to each commit's tests.\n`);
    assert.match(mined.stderr, new RegExp(`${history.alreadyPassing.slice(0, 12)} Greet someone without a name: turned down \\(its tests already pass before the change\\)`));
    assert.doesNotMatch(mined.stderr, /Name the greeting|Start the project/, 'a commit without tests, or without a parent, is no candidate');

    const suiteDir = join(repo, '.ouro', 'evals');
    assert.deepEqual(await allPaths(suiteDir), ['README.md', name, `${name}/task.json`, `${name}/tests.patch`, 'mined.json']);
    const task = JSON.parse(await readFile(join(suiteDir, name, 'task.json'), 'utf8'));
    assert.equal(task.check, 'node --test test/sum.test.js', 'npm test narrowed to the changed test file, not its helper');
    assert.deepEqual(task.git, { repo: '../../..', commit: history.start, patch: 'tests.patch' });
    assert.equal(
      task.prompt,
      'Make this change to the project. Its author described it like this:\n\n> Make sum add its arguments\n>\n> sum subtracted the second number from the first.\n> So sum(2, 3) was -1 where expected 5.\n\nTests for the change may already be in place; change the code so that they pass, not the tests.',
    );
    assert.match(await readFile(join(suiteDir, name, 'tests.patch'), 'utf8'), /^\+\+\+ b\/test\/helpers\.js$[\s\S]*^\+\+\+ b\/test\/sum\.test\.js$/m);
    assert.doesNotMatch(await readFile(join(suiteDir, name, 'tests.patch'), 'utf8'), /src\/sum\.js/, 'the fix is not in the patch');
    const readme = await readFile(join(suiteDir, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`\\| ${name} \\| ${history.fix.slice(0, 12)} \\| Make sum add its arguments \\|\\n\\n1 task; 1 commit looked at and turned down`));
    const index = JSON.parse(await readFile(join(suiteDir, 'mined.json'), 'utf8'));
    assert.deepEqual(Object.keys(index.mined), [history.fix]);
    assert.deepEqual(index.rejected, { [history.alreadyPassing]: 'its tests already pass before the change' });

    // The task as the runner loads it: the parent with the test applied fails; with the fix it passes.
    const suite = await loadSuite(suiteDir);
    assert.deepEqual(suite.problems, []);
    const [loaded] = suite.tasks;
    assert.deepEqual(loaded.git, { repo, commit: history.start, patch: join(suiteDir, name, 'tests.patch') });
    const workspace = join(await temp.tree(), name);
    await checkOutGitSource(loaded.git!, workspace);
    assert.deepEqual(await allPaths(workspace), ['package.json', 'src', 'src/greet.js', 'src/sum.js', 'test', 'test/greet.test.js', 'test/helpers.js', 'test/sum.test.js'], 'no history for the agent to read');
    assert.equal(await readFile(join(workspace, 'src/sum.js'), 'utf8'), BUGGY_SUM);
    const check = (folder: string) => runCheck(loaded.check, { workspace: folder, display: name, env: {}, timeoutMs: 60_000 });
    assert.notEqual((await check(workspace)).exitCode, 0);
    const fixed = join(await temp.tree(), 'fixed');
    await checkOutGitSource({ repo, commit: history.fix }, fixed);
    assert.equal((await check(fixed)).exitCode, 0);

    const again = await capture((io) => mineMain(['--project', repo], io));
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^No new task in .*; 0 commits turned down\./);
    assert.equal(again.stderr, '', 'no commit was tried again');
    assert.deepEqual(JSON.parse(await readFile(join(suiteDir, 'mined.json'), 'utf8')), index);
  });

  it('runs a mined task through eval: a model that makes the fix passes, one that does not fails', async () => {
    const repo = await temp.tree();
    const history = await makeHistory(repo);
    assert.equal((await capture((io) => mineMain(['--project', repo, '--max', '1'], io))).code, 0);
    const name = `make-sum-add-its-arguments-${history.fix.slice(0, 7)}`;
    const writesFix = [{ calls: [{ name: 'write_file', arguments: { path: 'src/sum.js', content: FIXED_SUM } }] }, { text: 'Fixed sum.' }];
    server = await startMockServer(Array(10).fill(routeByTask(new Map([[name, writesFix]]))));
    const suite = join(repo, '.ouro', 'evals');
    const passing = await capture((io) => evalMain(['--suite', suite, '--base-url', server!.url, '--model', 'mock-model', '--json'], io));
    assert.equal(passing.code, 0, passing.stderr);
    const result = JSON.parse(passing.stdout) as EvalResult;
    assert.deepEqual(result.runs.map((run) => [run.task, run.passed, run.checkExit]), [[name, true, 0]]);

    await server.close();
    server = await startMockServer(Array(10).fill(routeByTask(new Map([[name, [{ text: 'I looked; all is well.' }]]]))));
    const failing = await capture((io) => evalMain(['--suite', suite, '--base-url', server!.url, '--model', 'mock-model', '--json'], io));
    assert.equal(failing.code, 1);
    const [run] = (JSON.parse(failing.stdout) as EvalResult).runs;
    assert.equal(run.passed, false);
    assert.match(run.checkOutput, /fail 1/);
    assert.equal(await readFile(join(repo, 'src/sum.js'), 'utf8'), FIXED_SUM, 'the project itself is untouched');

    // An agent that rewrites the test to pass, or deletes it, is judged by the real test all the same.
    const cheats = [
      [{ calls: [{ name: 'write_file', arguments: { path: 'test/sum.test.js', content: "require('node:test')('adds', () => {});\n" } }] }, { text: 'Tests pass.' }],
      [{ calls: [{ name: 'run_command', arguments: { command: 'rm -r test' } }] }, { text: 'No failing tests.' }],
    ];
    for (const cheat of cheats) {
      await server.close();
      server = await startMockServer(Array(10).fill(routeByTask(new Map([[name, cheat]]))));
      const judged = await capture((io) => evalMain(['--suite', suite, '--base-url', server!.url, '--model', 'mock-model', '--json'], io));
      const [cheated] = (JSON.parse(judged.stdout) as EvalResult).runs;
      assert.equal(cheated.toolCalls, 1, judged.stderr);
      assert.equal(cheated.passed, false, cheated.checkOutput);
      assert.match(cheated.checkOutput, /fail 1/);
    }
  });

  it('looks only after --since, and refuses a folder outside git, a bad --since and a bad --max, saying why', async () => {
    const plain = await temp.tree({ 'a.txt': 'a' });
    const outside = await capture((io) => mineMain(['--project', plain], io));
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /is not in a git repository/);
    const repo = await temp.tree();
    const history = await makeHistory(repo);
    const after = await capture((io) => mineMain(['--project', join(repo, 'src'), '--since', history.fix], io));
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /^No new task in .*; 1 commit turned down\./, 'only the commits after --since, from a folder inside the repository');
    const since = await capture((io) => mineMain(['--project', repo, '--since', 'no-such-rev'], io));
    assert.equal(since.code, 2);
    assert.match(since.stderr, /--since no-such-rev is not a commit of /);
    const max = await capture((io) => mineMain(['--project', repo, '--max', '0'], io));
    assert.equal(max.code, 2);
    assert.match(max.stderr, /--max must be a whole number from 1 to 1000, not "0"/);
  });
});
