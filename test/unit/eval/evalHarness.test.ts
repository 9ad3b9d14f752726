// The eval harness on small suites made in temp folders: loading tasks, running the agent on a
// copy, deciding pass or fail by the check, the table, JSON results and comparing two of them.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evalMain, parseEvalArgs } from '../../../src/cli/eval/evalCommand';
import { compareResults, formatTable, type EvalResult } from '../../../src/cli/eval/evalReport';
import type { EvalRun } from '../../../src/cli/eval/evalRun';
import { loadSuite } from '../../../src/cli/eval/evalSuite';
import { fault, startMockServer, type MockServer, type Turn } from '../../fixtures/mockOpenAI';
import { CLI_FROM_SOURCE } from '../cli/cliProcess';
import { useTempTrees } from '../workspace/tempTree';
import { routeByTask, type ScriptedTurn } from './scriptedTurns';

const task = (prompt: string, check: string, extra: Record<string, unknown> = {}) => JSON.stringify({ prompt, check, ...extra });

describe('the eval harness', function () {
  this.timeout(60_000);
  const temp = useTempTrees();
  const servers: MockServer[] = [];
  afterEach(async () => Promise.all(servers.splice(0).map((server) => server.close())));

  async function serve(turns: Turn[]): Promise<MockServer> {
    const server = await startMockServer(turns);
    servers.push(server);
    return server;
  }

  async function runEval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await evalMain(args, { stdout: { write: (chunk) => void (stdout += chunk) }, stderr: { write: (chunk) => void (stderr += chunk) }, cli: CLI_FROM_SOURCE });
    return { code, stdout, stderr };
  }

  /** A suite of two tasks: `greet` passes when hello.txt says hello; `untouched` when nothing changed. */
  async function smallSuite() {
    return temp.tree({
      'greet/task.json': task('Write hello to hello.txt.', 'node -e "process.exit(require(\'fs\').readFileSync(\'hello.txt\', \'utf8\').trim() === \'hello\' ? 0 : 1)"'),
      'greet/workspace/README.md': 'A tiny project.\n',
      'untouched/task.json': task('Say hi.', 'test -f README.md && echo "README is still there" && test ! -e hello.txt', { max_steps: 3 }),
      'untouched/workspace/README.md': 'Another.\n',
    });
  }

  const writesHello: ScriptedTurn[] = [{ calls: [{ name: 'write_file', arguments: { path: 'hello.txt', content: 'hello\n' } }] }, { text: 'Done.' }];

  it('runs each task on a copy of its workspace and passes it when the check exits 0', async () => {
    const suite = await smallSuite();
    const server = await serve(Array(20).fill(routeByTask(new Map([['greet', writesHello], ['untouched', [{ text: 'Hi.' }]]]))));
    const out = join(suite, 'result.json');
    const run = await runEval(['--suite', suite, '--base-url', server.url, '--model', 'mock-model', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^task\s+pass\s+steps\s+tokens in\s+tokens out\s+seconds\ngreet\s+1\/1\s+2\.0\s+2,000\s+100\s+[\d.]+\nuntouched\s+1\/1\s+1\.0\s+1,000\s+50\s+[\d.]+\ntotal\s+2\/2\s+3\s+3,000\s+150\s+[\d.]+\n\nmock-model: 100\.0% passed \(2 of 2 runs\)\n$/);
    assert.match(run.stderr, /\[1\/2\] greet: pass \(2 steps, 2100 tokens, [\d.]+ s\)\n\[2\/2\] untouched: pass \(1 steps, 1050 tokens/);
    const saved = JSON.parse(await readFile(out, 'utf8')) as EvalResult;
    assert.deepEqual(saved.runs.map((r) => [r.task, r.passed, r.agentEnd, r.checkExit]), [['greet', true, 'stop', 0], ['untouched', true, 'stop', 0]]);
    assert.equal(saved.runs[1].checkOutput, 'README is still there\n');
    // The agent wrote into its copy, never into the suite.
    await assert.rejects(readFile(join(suite, 'greet/workspace/hello.txt')));
  });

  it('fails a task whose check fails, says why, and exits 1', async () => {
    const suite = await smallSuite();
    const server = await serve(Array(20).fill(routeByTask(new Map([['greet', [{ text: 'I will not.' }]], ['untouched', writesHello]]))));
    const run = await runEval(['--suite', suite, '--base-url', server.url, '--model', 'mock-model', '--json']);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as EvalResult;
    assert.deepEqual(result.runs.map((r) => [r.task, r.passed]), [['greet', false], ['untouched', false]]);
    assert.match(result.runs[0].checkOutput, /ENOENT.*hello\.txt/);
    assert.match(formatTable(result), /\nFailed:\n- greet: the check exited 1: .*\n- untouched: the check exited 1: README is still there$/);
  });

  it('records how the agent ended when the model fails', async () => {
    const suite = await temp.tree({ 'one/task.json': task('Anything.', 'true'), 'one/workspace/a.txt': 'a' });
    const server = await serve([fault(400, { message: 'model not found' })]);
    const run = await runEval(['--suite', suite, '--base-url', server.url, '--model', 'nope', '--json']);
    const [only] = (JSON.parse(run.stdout) as EvalResult).runs;
    assert.equal(only.agentEnd, 'error');
    assert.match(only.agentError ?? '', /model not found/);
    assert.equal(only.passed, true, 'the check alone decides: this one always passes');
  });

  it('runs every task N times with --repeat, and only the tasks named with --task', async () => {
    const suite = await smallSuite();
    const server = await serve(Array(20).fill(routeByTask(new Map([['greet', writesHello]]))));
    const run = await runEval(['--suite', suite, '--task', 'greet', '--repeat', '2', '--jobs', '2', '--base-url', server.url, '--model', 'm', '--json']);
    const result = JSON.parse(run.stdout) as EvalResult;
    assert.deepEqual(result.runs.map((r) => [r.task, r.attempt, r.passed]), [['greet', 1, true], ['greet', 2, true]]);
  });

  it('reports task folders it cannot run, each with the exact problem', async () => {
    const suite = await temp.tree({
      'a-no-task/workspace/x': '',
      'b-bad-json/task.json': '{ "prompt": ',
      'c-bad-field/task.json': JSON.stringify({ prompt: 'x', check: 'true', max_steps: 0, extra: 1 }),
      'd-no-workspace/task.json': task('x', 'true'),
      'e-good/task.json': task('x', 'true'),
      'e-good/workspace/x': '',
      'f-no-patch/task.json': task('x', 'true', { git: { repo: '..', commit: 'abc1234', patch: 'tests.patch' } }),
      'g-bad-commit/task.json': task('x', 'true', { git: { repo: '..', commit: 'HEAD; rm -rf /' } }),
    });
    const loaded = await loadSuite(suite, []);
    assert.deepEqual(loaded.tasks.map((t) => [t.name, t.maxSteps, t.approve, t.checkTimeoutMs]), [['e-good', 20, 'all', 120_000]]);
    assert.deepEqual(loaded.problems.map((problem) => problem.replace(/\(.*\)/, '(…)')), [
      'a-no-task: it has no task.json',
      'b-bad-json: task.json is not valid JSON (…)',
      'c-bad-field: task.json: max_steps: Too small: expected number to be >=1; Unrecognized key: "extra"',
      'd-no-workspace: it has no workspace/ folder and no git reference',
      'f-no-patch: its patch tests.patch is missing',
      'g-bad-commit: task.json: git.commit: a commit id in hex',
    ]);
    assert.deepEqual((await loadSuite(suite, ['e-good', 'zzz'])).problems.at(-1), 'zzz: there is no such task in the suite');
  });

  it('compares two results task by task and in total', async () => {
    const before = result([run('a', true, 1000), run('b', false, 3000)]);
    const after = result([run('a', true, 800), run('b', true, 2000)]);
    const dir = await temp.tree({ 'before.json': JSON.stringify(before), 'after.json': JSON.stringify(after) });
    const compared = await runEval(['--compare', join(dir, 'before.json'), join(dir, 'after.json')]);
    assert.equal(compared.code, 0);
    assert.equal(compared.stdout, `${compareResults(before, after)}\n`);
    assert.match(compared.stdout, /^task\s+before\s+after\s+tokens\/run before\s+tokens\/run after\na\s+1\/1\s+1\/1\s+1,000\s+800\nb\s+0\/1\s+1\/1\s+better\s+3,000\s+2,000\n/);
    assert.match(compared.stdout, /pass rate: 50\.0% → 100\.0% \(\+50\.0 points\)\ntokens per run: 2,000 → 1,400 \(-30\.0%\)\n$/);
  });

  it('refuses a command line it cannot use, saying what to pass', () => {
    const env = {};
    const cases: Array<[string[], string]> = [
      [['--model', 'm', '--base-url', 'u'], 'no suite given: pass --suite DIR'],
      [['--suite', 's', '--base-url', 'u'], 'no model configured: pass --model NAME or set OURO_MODEL'],
      [['--suite', 's', '--model', 'm'], 'no endpoint configured: pass --base-url URL or set OPENAI_BASE_URL'],
      [['--suite', 's', '--model', 'm', '--base-url', 'u', '--repeat', '0'], '--repeat must be a whole number from 1 to 100, not "0"'],
      [['--compare', 'a.json'], '--compare takes two result files'],
    ];
    for (const [argv, message] of cases) assert.deepEqual(parseEvalArgs(argv, env), { kind: 'usage', message });
    const fromEnv = parseEvalArgs(['--suite', 's'], { OURO_MODEL: 'm', OPENAI_API_KEY: 'k' });
    assert.deepEqual(fromEnv, { kind: 'run', suite: 's', tasks: [], baseURL: 'https://api.openai.com/v1', apiKey: 'k', model: 'm', repeat: 1, jobs: 1, ouro: undefined, json: false, out: undefined });
  });
});

function run(task: string, passed: boolean, tokens: number): EvalRun {
  return { task, attempt: 1, passed, steps: 2, toolCalls: 1, promptTokens: tokens, completionTokens: 0, seconds: 1, agentEnd: 'stop', checkExit: passed ? 0 : 1, checkOutput: '' };
}

function result(runs: EvalRun[]): EvalResult {
  return { suite: 'evals', model: 'm', startedAt: '2026-01-01T00:00:00.000Z', runs };
}
