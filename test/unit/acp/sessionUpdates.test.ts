// The loop's events as session/update payloads, without a process.
import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/agent/conversation';
import { emptyTotals } from '../../../src/agent/usage/usageTotals';
import { replayUpdates } from '../../../src/cli/acp/savedSessions';
import { createUpdateMapper, locationsOf, toolKindOf, toolTitle } from '../../../src/cli/acp/sessionUpdates';

describe('session updates from the loop\'s events', () => {
  it('names tool kinds the editor has icons for, and "other" for tools it cannot know', () => {
    assert.deepEqual(['read_file', 'search_files', 'edit_file', 'run_command', 'fetch_url', 'github__create_issue'].map(toolKindOf), ['read', 'search', 'edit', 'execute', 'fetch', 'other']);
  });

  it('titles a call by its name and main argument, and locates the file it names', () => {
    assert.equal(toolTitle('run_command', '{"command":"npm test"}'), 'run_command npm test');
    assert.equal(toolTitle('list_files', '{}'), 'list_files');
    assert.deepEqual(locationsOf('{"path":"src/a.ts","start_line":12}', '/work/project'), [{ path: '/work/project/src/a.ts', line: 12 }]);
    assert.deepEqual(locationsOf('not json', '/work/project'), []);
  });

  it('marks a failed result failed, without the marker the model reads', () => {
    const toUpdates = createUpdateMapper('/w');
    toUpdates({ type: 'tool_call', call: { id: 'c1', name: 'read_file', arguments: '{"path":"x"}' } });
    assert.deepEqual(toUpdates({ type: 'tool_result', id: 'c1', name: 'read_file', content: 'Error: File not found: x', isError: true }), [
      { sessionUpdate: 'tool_call_update', toolCallId: 'c1', status: 'failed', content: [{ type: 'content', content: { type: 'text', text: 'File not found: x' } }] },
    ]);
  });

  it('sends a plan only once the plan tool accepted it; skipped items read as done, marked', () => {
    const toUpdates = createUpdateMapper('/w');
    const args = JSON.stringify({ items: [{ text: 'a', status: 'skipped' }, { text: 'b', status: 'pending' }] });
    assert.deepEqual(toUpdates({ type: 'tool_call', call: { id: 'p1', name: 'plan', arguments: args } }), []);
    assert.deepEqual(toUpdates({ type: 'tool_result', id: 'p1', name: 'plan', content: 'Error: bad plan', isError: true }), []);
    toUpdates({ type: 'tool_call', call: { id: 'p2', name: 'plan', arguments: args } });
    assert.deepEqual(toUpdates({ type: 'tool_result', id: 'p2', name: 'plan', content: 'ok', isError: false }), [
      {
        sessionUpdate: 'plan',
        entries: [
          { content: 'a (skipped)', priority: 'medium', status: 'completed' },
          { content: 'b', priority: 'medium', status: 'pending' },
        ],
      },
    ]);
  });

  it('says why a turn that ended on its own ended short, and nothing for a plain end', () => {
    const toUpdates = createUpdateMapper('/w');
    assert.deepEqual(toUpdates({ type: 'done', reason: 'stop' }), []);
    assert.deepEqual(toUpdates({ type: 'done', reason: 'stop', message: 'The reply was cut off by the output token limit.' }), [
      { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: '\n\nThe reply was cut off by the output token limit.' } },
    ]);
  });

  it("replays a saved conversation: the person's prompts only, thinking, the plan as a plan", () => {
    const plan = JSON.stringify({ items: [{ text: 'Fix it', status: 'in_progress' }] });
    const messages: Message[] = [
      { role: 'system', content: 'You are Ouro.' },
      { role: 'user', content: 'fix it' },
      { role: 'assistant', content: 'Planning.', reasoning: 'Hmm.', toolCalls: [{ id: 'p1', name: 'plan', arguments: plan }] },
      { role: 'tool', toolCallId: 'p1', name: 'plan', content: 'Plan saved.' },
      { role: 'assistant', content: 'Done?' },
      { role: 'user', content: 'One item of your plan is still open: go on.' },
      { role: 'assistant', content: 'Now done.' },
    ];
    const updates = replayUpdates({ messages, turns: [{ messageIndex: 1, usage: emptyTotals() }] }, '/w');
    assert.deepEqual(
      updates.map((update) => update.sessionUpdate),
      ['user_message_chunk', 'agent_thought_chunk', 'agent_message_chunk', 'plan', 'agent_message_chunk', 'agent_message_chunk'],
    );
  });
});
