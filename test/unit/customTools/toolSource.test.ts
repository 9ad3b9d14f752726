// The loop asks its tool source before every step: a tool that appears mid-conversation is
// offered and callable from the next step, and notes reach the model in the latest tool result.
import * as assert from 'node:assert/strict';
import type { Message } from '../../../src/agent/conversation';
import { deliverNotes, type ToolSet } from '../../../src/agent/toolSource';
import type { Tool } from '../../../src/agent/tools/tool';
import { reply, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { echo, eventsOf, newConversation, save, useHarness } from '../agent/loopHelpers';

describe('a tool source in the loop', function () {
  this.timeout(20000);
  const harness = useHarness();

  it('offers a tool from the step after it appeared and runs it there, with the notes in the tool result before', async () => {
    const h = await harness([reply(toolCall('save', { path: 'a.txt', content: 'x' })), reply(toolCall('echo', { text: 'hello' })), textReply('done')]);
    let calls = 0;
    const source = async (): Promise<ToolSet> => {
      calls++;
      // From the second step on, echo exists, as if the first step had written it.
      return calls === 1 ? { tools: [save] as Tool[] } : { tools: [save, echo] as Tool[], notes: calls === 2 ? ['.ouro/tools/x/tool.json is not a usable tool.'] : [] };
    };
    const events = await h.run(newConversation(), { tools: source });

    assert.equal(calls, 3);
    const offered = h.server.requests.map((request) => (request.tools ?? []).map((tool) => tool.function.name));
    assert.deepEqual(offered, [['save'], ['save', 'echo'], ['save', 'echo']]);
    assert.deepEqual(eventsOf(events, 'tool_result').map((event) => [event.name, event.content]), [['save', 'Wrote a.txt.'], ['echo', 'hello']]);
    const saveResult = h.server.requests[1].messages.find((message) => message.role === 'tool');
    assert.equal(saveResult?.content, 'Wrote a.txt.\n\n[Note from Ouro] .ouro/tools/x/tool.json is not a usable tool.');
  });

  it('keeps a note until there is a tool result to carry it', () => {
    const messages: Message[] = [{ role: 'user', content: 'hi' }];
    const pending = ['first'];
    deliverNotes(messages, pending);
    assert.deepEqual(pending, ['first']);
    assert.equal(messages[0].content, 'hi');
    messages.push({ role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'echo', arguments: '{}' }] }, { role: 'tool', toolCallId: 'c', name: 'echo', content: 'ok' });
    pending.push('second');
    deliverNotes(messages, pending);
    assert.deepEqual(pending, []);
    assert.equal(messages[2].content, 'ok\n\n[Note from Ouro] first\n[Note from Ouro] second');
  });
});
