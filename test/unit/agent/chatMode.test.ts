import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolCall } from '../../../src/agent/conversation';
import { isChatMode, modeToolSource, toolsForMode, withModeInstruction } from '../../../src/agent/modes/chatMode';
import { runToolCall } from '../../../src/agent/runToolCall';
import { createTools } from '../../../src/agent/tools/index';
import type { ToolContext } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

const names = (mode: 'agent' | 'ask' | 'plan') => toolsForMode(mode, createTools()).map((tool) => tool.name);

describe('chat modes', () => {
  it('Agent keeps every tool', () => {
    assert.deepEqual(names('agent'), createTools().map((tool) => tool.name));
  });

  it('Ask keeps only the tools that look: read, list, search, diagnostics, fetch, and asking the user', () => {
    assert.deepEqual(names('ask'), ['read_file', 'list_files', 'search_files', 'get_diagnostics', 'fetch_url', 'ask_user']);
  });

  it('Plan keeps the same, and the plan tool', () => {
    assert.deepEqual(names('plan'), ['read_file', 'list_files', 'search_files', 'get_diagnostics', 'fetch_url', 'plan', 'ask_user']);
  });

  it('leaves out tools of other sources that edit or run (a self-made or MCP tool)', () => {
    const tools = [
      { name: 'deploy', kind: 'execute' as const },
      { name: 'notes', kind: 'edit' as const },
      { name: 'lookup', kind: 'read' as const },
    ];
    assert.deepEqual(toolsForMode('ask', tools).map((tool) => tool.name), ['lookup']);
  });

  it('a source in a mode offers the same list while its source does (the loop keeps its specs)', async () => {
    const all = createTools();
    const source = modeToolSource('ask', async () => ({ tools: all, notes: ['n'] }));
    const first = await source(new AbortController().signal);
    const second = await source(new AbortController().signal);
    assert.equal(first.tools, second.tools);
    assert.deepEqual(first.notes, ['n']);
    assert.ok(!first.tools.some((tool) => tool.name === 'write_file'));
  });

  it('a write the model calls anyway in Ask comes back as an error it can fix, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouro-mode-'));
    try {
      const workspace = new NodeWorkspace(dir, { approve: 'all' });
      const call: ToolCall = { id: 'c1', name: 'write_file', arguments: JSON.stringify({ path: 'a.txt', content: 'x' }) };
      const ctx = { workspace, signal: new AbortController().signal, toolCallId: 'c1' } as unknown as ToolContext;
      const result = await runToolCall(call, toolsForMode('ask', createTools()), ctx);
      assert.equal(result.isError, true);
      assert.match(result.content, /There is no tool named "write_file"\. The tools are: read_file, /);
      assert.equal(await workspace.stat('a.txt'), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the model the mode after the user words, and nothing in Agent', () => {
    assert.equal(withModeInstruction('agent', 'hi'), 'hi');
    assert.match(withModeInstruction('ask', 'hi'), /^hi\n\n\[Ask mode: .*cannot edit files or run commands/);
    assert.match(withModeInstruction('plan', 'hi'), /plan tool/);
  });

  it('knows its modes', () => {
    assert.ok(isChatMode('plan'));
    assert.ok(!isChatMode('edit'));
    assert.ok(!isChatMode(undefined));
  });
});
