import assert from 'node:assert/strict';
import type { HostMessage, McpServerView } from '../../../src/protocol/messages';
import { initialChatState, reduce, type ChatState, type ToolItem } from '../../../src/webview/chatState';

const fold = (messages: HostMessage[], from: ChatState = initialChatState()) => messages.reduce(reduce, from);
const tools = (state: ChatState) => state.items.filter((item): item is ToolItem => item.kind === 'tool');
const CALC: McpServerView = { name: 'calc', state: 'running', target: 'node calc.mjs', origin: 'workspace', tools: 2 };

describe('MCP in the chat state', () => {
  it('shows the trust question as a card of its own, which ends with the answer', () => {
    const asked = fold([
      { type: 'pending', decision: { toolCallId: 'mcp-trust-1', kind: 'execute', toolName: 'MCP servers', title: 'Start the MCP server this workspace configures?', detail: 'calc: node calc.mjs', choices: [{ id: 'trust', label: 'Trust' }], rejectLabel: "Don't trust" } },
    ]);
    const [card] = tools(asked);
    assert.equal(card.name, 'MCP servers');
    assert.equal(card.target, '');
    assert.equal(card.status, 'waiting');
    assert.equal(tools(fold([{ type: 'decided', toolCallId: 'mcp-trust-1', accepted: true, note: 'Trusted: calc' }], asked))[0].status, 'done');
    assert.equal(tools(fold([{ type: 'decided', toolCallId: 'mcp-trust-1', accepted: false, note: 'Not trusted: calc' }], asked))[0].status, 'rejected');
  });

  it('keeps a tool call running after its approval, until its result', () => {
    const state = fold([
      { type: 'agent', event: { type: 'tool_call', call: { id: 'c1', name: 'calc__add', arguments: '{"a":2,"b":3}' } } },
      { type: 'pending', decision: { toolCallId: 'c1', kind: 'execute', title: 'add from the MCP server "calc"', choices: [{ id: 'allow', label: 'Allow' }], rejectLabel: 'Deny' } },
      { type: 'decided', toolCallId: 'c1', accepted: true, note: 'Allowed' },
    ]);
    assert.equal(tools(state)[0].status, 'running');
  });

  it('keeps the server list across a snapshot', () => {
    const listed = fold([{ type: 'mcpServers', servers: [CALC] }]);
    assert.deepEqual(listed.mcpServers, [CALC]);
    const again = fold([{ type: 'snapshot', transcript: [], state: { busy: false, setup: listed.setup, attachments: [], mode: 'agent' } }], listed);
    assert.deepEqual(again.mcpServers, [CALC]);
  });
});
