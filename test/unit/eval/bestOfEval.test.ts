// eval --best-of: scripted attempts that differ show best-of-3 passing a task that a single
// attempt fails, the project's own test choosing and the task's hidden check judging the choice.
import * as assert from 'node:assert/strict';
import { evalMain } from '../../../src/cli/eval/evalCommand';
import type { EvalResult } from '../../../src/cli/eval/evalReport';
import { startMockServer, type MockRequest, type MockServer } from '../../fixtures/mockOpenAI';
import { CLI_FROM_SOURCE } from '../cli/cliProcess';
import { useTempTrees } from '../workspace/tempTree';
import { toReply, type ScriptedTurn } from './scriptedTurns';

const MATH = 'exports.add = (a, b) => a + b;\n';
const write = (content: string): ScriptedTurn[] => [{ calls: [{ name: 'write_file', arguments: { path: 'math.js', content } }] }, { text: 'Done.' }];
/** The three attempts, in the order the conversations start: one breaks add, one is right, one is right and longer. */
const ATTEMPTS = [
  write('exports.add = (a, b) => a - b;\nexports.mul = (a, b) => a * b;\n'),
  write(`${MATH}exports.mul = (a, b) => a * b;\n`),
  write(`// Arithmetic.\n${MATH}\n// Multiplies.\nexports.mul = function (a, b) {\n  return a * b;\n};\n`),
];

/** Each new conversation (no assistant message yet) takes the next attempt's script. */
function attemptsInTurn() {
  let conversations = 0;
  return (request: MockRequest) => {
    const step = request.body.messages.filter((message) => message.role === 'assistant').length;
    if (step === 0) conversations++;
    return toReply(ATTEMPTS[(conversations - 1) % ATTEMPTS.length][step] ?? { text: 'Done.' });
  };
}

describe('eval --best-of', function () {
  this.timeout(120_000);
  const temp = useTempTrees();
  const servers: MockServer[] = [];
  afterEach(async () => Promise.all(servers.splice(0).map((server) => server.close())));

  async function runEval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await evalMain(args, { stdout: { write: (chunk) => void (stdout += chunk) }, stderr: { write: (chunk) => void (stderr += chunk) }, cli: CLI_FROM_SOURCE });
    return { code, stdout, stderr };
  }

  it('passes with best-of-3 a task that the single attempt fails, at twice the tokens of the single one', async () => {
    const suite = await temp.tree({
      'multiply/task.json': JSON.stringify({ prompt: 'Add mul to math.js.', check: 'node "$OURO_TASK_DIR/check.js"' }),
      'multiply/check.js': "const m = require(process.cwd() + '/math.js');\nprocess.exit(m.add(2, 3) === 5 && m.mul(2, 3) === 6 ? 0 : 1);\n",
      'multiply/workspace/math.js': MATH,
      'multiply/workspace/test.js': "const assert = require('node:assert');\nconst m = require('./math.js');\nassert.equal(m.add(2, 3), 5);\n",
      'multiply/workspace/AGENTS.md': 'Run the tests with `npm test` before you finish.\n',
      'multiply/workspace/package.json': JSON.stringify({ name: 'multiply', private: true, scripts: { test: 'node test.js' } }),
    });
    const endpoint = async () => {
      const server = await startMockServer(Array(20).fill(attemptsInTurn()));
      servers.push(server);
      return ['--suite', suite, '--base-url', server.url, '--model', 'mock-model', '--json'];
    };

    const single = await runEval(await endpoint());
    const [once] = (JSON.parse(single.stdout) as EvalResult).runs;
    assert.equal(once.passed, false);
    // Three requests: the edit, "Done.", and "Done." again after the reminder to run npm test
    // (the scripted model never runs it). Best-of's attempts are not reminded: the checks run after them.
    assert.equal(once.promptTokens + once.completionTokens, 3150);

    const best = await runEval([...(await endpoint()), '--best-of', '3']);
    assert.equal(best.code, 0, best.stderr);
    const result = JSON.parse(best.stdout) as EvalResult;
    assert.equal(result.bestOf, 3);
    const [run] = result.runs;
    assert.equal(run.passed, true, run.checkOutput);
    assert.deepEqual(run.bestOf, { attempts: 3, chosen: 2, checks: ['npm test'], checksPassed: [0, 1, 1], diffLines: [3, 1, 6] });
    assert.equal(run.promptTokens + run.completionTokens, 6300);
    assert.equal(run.steps, 6);
    assert.match(best.stderr, /multiply: pass \(6 steps, 6300 tokens, [\d.]+ s, attempt 2 of 3 chosen\)/);
  });
});
