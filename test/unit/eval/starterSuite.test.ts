// The starter suite in evals/, run by the real harness against scripted turns: every task's
// fixture, check and script agree, and the harness reports steps, tokens and passes.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evalMain } from '../../../src/cli/eval/evalCommand';
import type { EvalResult } from '../../../src/cli/eval/evalReport';
import { startMockServer, type MockServer } from '../../fixtures/mockOpenAI';
import { CLI_FROM_SOURCE } from '../cli/cliProcess';
import { readScript, routeByTask, type ScriptedTurn } from './scriptedTurns';

const SUITE = join(__dirname, '..', '..', '..', 'evals');

describe('the starter eval suite', function () {
  this.timeout(240_000);
  let server: MockServer | undefined;
  after(async () => server?.close());

  it('has at least 12 tasks, and each passes when the agent does what its script says', async () => {
    const names = readdirSync(SUITE, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.ok(names.length >= 12, `${names.length} tasks`);
    const scripts = new Map<string, ScriptedTurn[]>(names.map((name) => [name, readScript(join(SUITE, name))]));
    server = await startMockServer(Array(500).fill(routeByTask(scripts)));

    let stdout = '';
    let stderr = '';
    const code = await evalMain(['--suite', SUITE, '--base-url', server.url, '--model', 'mock-model', '--jobs', '4', '--json'], {
      stdout: { write: (chunk) => void (stdout += chunk) },
      stderr: { write: (chunk) => void (stderr += chunk) },
      cli: CLI_FROM_SOURCE,
    });
    const result = JSON.parse(stdout) as EvalResult;
    const failed = result.runs.filter((run) => !run.passed).map((run) => `${run.task}: ${run.agentEnd} ${run.agentError ?? ''}\n${run.checkOutput}`);
    assert.deepEqual(failed, [], stderr);
    assert.equal(code, 0);
    assert.deepEqual(result.runs.map((run) => run.task), names.sort());
    for (const run of result.runs) {
      const turns = scripts.get(run.task)!;
      assert.equal(run.steps, turns.length, run.task);
      assert.equal(run.toolCalls, turns.reduce((sum, turn) => sum + (turn.calls?.length ?? 0), 0), run.task);
      assert.deepEqual([run.promptTokens, run.completionTokens], [1000 * turns.length, 50 * turns.length], run.task);
    }
  });
});
