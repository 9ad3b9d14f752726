// run_command through the real loop: the mock model asks for a command, the approver decides,
// a real child process runs, and the result goes back to the model in the next request.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { bubblewrap, inSandbox } from '../commands/sandboxHarness';
import { createTools } from '../../../src/agent/tools/index';
import type { ApprovalRequest, Approver } from '../../../src/agent/tools/tool';
import { textReply, reply, toolCall } from '../../fixtures/mockOpenAI';
import { eventsOf, newConversation, useHarness } from '../agent/loopHelpers';

describe('run_command in the agent loop', function () {
  this.timeout(20000);
  const harness = useHarness();
  const exitThree = 'node -e "console.log(\'checked 3 files\'); process.exit(3)"';

  function recordingApprover(approved: boolean): Approver & { requests: ApprovalRequest[] } {
    const requests: ApprovalRequest[] = [];
    return { requests, approve: async (request) => (requests.push(request), { approved }) };
  }

  it('runs the command after approval and sends its exit code and output back to the model', async () => {
    const h = await harness([reply(toolCall('run_command', { command: exitThree }, { id: 'r1' })), textReply('The check failed.')]);
    const approver = recordingApprover(true);
    const events = await h.run(newConversation(), { tools: createTools(), approver, commands: new NodeCommandRunner() });

    assert.deepEqual(eventsOf(events, 'approval_request').map((e) => e.title), [exitThree]);
    assert.equal(approver.requests[0].kind, 'execute');
    const [result] = eventsOf(events, 'tool_result');
    assert.equal(result.isError, true);
    assert.match(result.content, /^Error: Exit code 3 after [\d.]+ m?s\.\nchecked 3 files\n$/);
    const sentBack = h.server.requests[1].messages.find((m) => m.role === 'tool');
    assert.equal(sentBack?.content, result.content);
  });

  it('never starts a denied command and tells the model why', async () => {
    const h = await harness([reply(toolCall('run_command', { command: 'touch made && rm -rf .' })), textReply('ok')]);
    const approver = recordingApprover(true);
    const events = await h.run(newConversation(), { tools: createTools(), approver, commands: new NodeCommandRunner({ deny: ['rm'] }) });

    assert.equal(approver.requests.length, 0);
    assert.match(eventsOf(events, 'tool_result')[0].content, /^Error: Refused, not run: `rm -rf \.` matches the deny rule "rm"/);
    assert.equal(existsSync(join(h.folder, 'made')), false);
  });

  it('runs an allowed command without an approval request', async () => {
    const h = await harness([reply(toolCall('run_command', { command: 'node -e "console.log(6 * 7)"' })), textReply('42')]);
    const approver = recordingApprover(false);
    const events = await h.run(newConversation(), { tools: createTools(), approver, commands: inSandbox(new NodeCommandRunner({ allow: ['node -e'] }), await bubblewrap()) });

    assert.equal(eventsOf(events, 'approval_request').length, 0);
    assert.match(eventsOf(events, 'tool_result')[0].content, /^Exit code 0 after [\d.]+ m?s\.\n42\n$/);
  });

  it('says run_command is not available when the host has no command runner', async () => {
    const h = await harness([reply(toolCall('run_command', { command: 'ls' })), textReply('ok')]);
    const events = await h.run(newConversation(), { tools: createTools() });
    assert.match(eventsOf(events, 'tool_result')[0].content, /^Error: run_command is not available here/);
  });
});
