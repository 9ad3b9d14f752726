import assert from 'node:assert/strict';
import type { ApprovalRequest } from '../../../src/agent/tools/tool';
import { PendingDecisions } from '../../../src/host/chat/decisions';
import { MCP_CHOICES, mcpApprover } from '../../../src/host/mcp/mcpApprover';
import { McpMemory } from '../../../src/host/mcp/mcpMemory';
import type { TranscriptMessage } from '../../../src/protocol/messages';

const ADD: ApprovalRequest = { kind: 'execute', title: 'add from the MCP server "calc"', detail: '{"a":2,"b":3}', mcp: { server: 'calc', tool: 'add', readOnly: false } };

function setUp(autoAllowReadOnly = false) {
  const posted: TranscriptMessage[] = [];
  const values = new Map<string, unknown>();
  const memory = new McpMemory({ get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => void values.set(key, value) });
  const decisions = new PendingDecisions((message) => posted.push(message));
  const approver = mcpApprover(decisions, 'call_1', memory, () => autoAllowReadOnly);
  return { posted, memory, decisions, approver };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('An MCP call on its card', () => {
  it('names the server, the tool and the arguments, with Allow, Always allow the tool or the server, and Deny', async () => {
    const { posted, decisions, approver } = setUp();
    const approved = approver.approve(ADD, new AbortController().signal);
    await until(() => decisions.has('call_1'));
    const shown = decisions.get('call_1')!;
    assert.equal(shown.title, 'add from the MCP server "calc"');
    assert.equal(shown.detail, '{\n  "a": 2,\n  "b": 3\n}');
    assert.deepEqual(shown.choices?.map((choice) => choice.label), ['Allow', 'Always allow this tool', 'Always allow calc']);
    assert.equal(shown.rejectLabel, 'Deny');
    decisions.decide('call_1', { accepted: false });
    assert.deepEqual(await approved, { approved: false });
    assert.deepEqual(posted.at(-1), { type: 'decided', toolCallId: 'call_1', accepted: false, note: 'Rejected' });
  });

  it('keeps "Always allow this tool" and "Always allow calc" for the workspace', async () => {
    const { posted, memory, decisions, approver } = setUp();
    const first = approver.approve(ADD, new AbortController().signal);
    await until(() => decisions.has('call_1'));
    decisions.choose('call_1', MCP_CHOICES.tool);
    assert.deepEqual(await first, { approved: true });
    assert.deepEqual(memory.allowed(), ['calc__add']);
    assert.equal((posted.at(-1) as { note?: string }).note, 'Always allowed in this workspace: calc__add');
    const second = approver.approve(ADD, new AbortController().signal);
    await until(() => decisions.has('call_1'));
    decisions.choose('call_1', MCP_CHOICES.server);
    await second;
    assert.deepEqual(memory.allowed(), ['calc__add', 'calc__*']);
  });

  it('allows a tool that says it only reads without a card, when the setting says so', async () => {
    const readOnly = { ...ADD, mcp: { ...ADD.mcp!, readOnly: true } };
    assert.deepEqual(await setUp(true).approver.approve(readOnly, new AbortController().signal), { approved: true });
    const { decisions, approver } = setUp(false);
    void approver.approve(readOnly, new AbortController().signal);
    await until(() => decisions.has('call_1'));
    assert.ok(decisions.has('call_1'));
  });
});
