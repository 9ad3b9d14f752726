// A command with staged changes pending (review at the end) asks even under an allow rule, lists
// what is staged, and does what the person chose: keep them and run (the command sees them on
// disk), run without them (it does not, and the model is told), or cancel (nothing runs).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { runToolCall } from '../../../src/agent/runToolCall';
import { editFileTool } from '../../../src/agent/tools/editFile';
import { KEEP_AND_RUN, RUN_WITHOUT } from '../../../src/agent/tools/runApproval';
import { runCommandTool } from '../../../src/agent/tools/runCommand';
import type { ApprovalDecision, ApprovalRequest, Tool, ToolContext } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { StagedWorkspace } from '../../../src/agent/workspace/stagedWorkspace';
import { bubblewrap, inSandbox } from '../commands/sandboxHarness';

const READ_IT = 'node -e "process.stdout.write(require(\'fs\').readFileSync(\'value.txt\', \'utf8\'))"';

describe('run_command with staged changes', function () {
  this.timeout(20000);
  let root: string;
  let asked: ApprovalRequest[];
  let bwrap: string;

  before(async () => {
    bwrap = await bubblewrap();
  });

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-staged-run-')));
    writeFileSync(path.join(root, 'value.txt'), 'old\n');
    asked = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function withStagedEdit(answer: ApprovalDecision): Promise<{ ctx: ToolContext; staged: StagedWorkspace }> {
    const staged = new StagedWorkspace(new NodeWorkspace(root, { approve: 'edits' }));
    const ctx: ToolContext = {
      workspace: staged,
      staged,
      approver: {
        approve: async (request) => {
          asked.push(request);
          return answer;
        },
      },
      signal: new AbortController().signal,
      toolCallId: 'call_1',
      emit: () => {},
      // Allowed commands run without asking only in the sandbox.
      commands: inSandbox(new NodeCommandRunner({ allow: ['node -e'] }), bwrap),
    };
    const edit = await runToolCall({ id: 'call_0', name: 'edit_file', arguments: JSON.stringify({ path: 'value.txt', old_string: 'old', new_string: 'new' }) }, [editFileTool as Tool], ctx);
    assert.ok(!edit.isError, edit.content);
    asked = [];
    return { ctx, staged };
  }

  it('runs an allowed command at once when nothing is staged', async () => {
    const { ctx, staged } = await withStagedEdit({ approved: true });
    staged.discard('value.txt');
    const result = await runCommandTool.run({ command: READ_IT }, ctx);
    assert.equal(asked.length, 0);
    assert.match(result.content, /\nold\n$/);
  });

  it('asks even under an allow rule, listing the staged files, and keeps them before running when chosen', async () => {
    const { ctx, staged } = await withStagedEdit({ approved: true, choice: KEEP_AND_RUN });
    const result = await runCommandTool.run({ command: READ_IT }, ctx);
    assert.equal(asked.length, 1);
    assert.match(asked[0].detail ?? '', /A staged change is not on disk yet: value\.txt \(\+1 −1\)\./);
    assert.deepEqual(
      asked[0].choices?.map((choice) => choice.label),
      ['Keep these and run', 'Run without them'],
    );
    assert.match(result.content, /^Before it ran, the user kept your staged changes\./);
    assert.match(result.content, /\nnew\n$/, 'the command saw the kept change');
    assert.equal(readFileSync(path.join(root, 'value.txt'), 'utf8'), 'new\n');
    assert.deepEqual(staged.staged(), []);
  });

  it('runs without them when chosen: the disk keeps the old text, the change stays staged, the model is told', async () => {
    const { ctx, staged } = await withStagedEdit({ approved: true, choice: RUN_WITHOUT });
    const result = await runCommandTool.run({ command: READ_IT }, ctx);
    assert.match(result.content, /^It ran without your staged changes to value\.txt/);
    assert.match(result.content, /\nold\n$/);
    assert.equal(staged.staged().length, 1);
  });

  it('runs nothing on cancel', async () => {
    const { ctx, staged } = await withStagedEdit({ approved: false, reason: 'not now' });
    const result = await runCommandTool.run({ command: `${READ_IT} && node -e "require('fs').writeFileSync('ran', '')"` }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.content, /The user did not allow this command: not now/);
    assert.equal(staged.staged().length, 1);
    assert.throws(() => readFileSync(path.join(root, 'ran')));
  });
});
