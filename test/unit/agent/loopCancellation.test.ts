// Cancelling a turn: it stops at once, and what is left is a conversation the strict mock
// server accepts on the next request.
import { strict as assert } from 'node:assert';
import type { Conversation } from '../../../src/agent/conversation';
import { runAgent } from '../../../src/agent/loop';
import { delay, reply, text, textReply, toolCall, type MockRequest } from '../../fixtures/mockOpenAI';
import { allTools, approveAll, eventsOf, lastEvent, newConversation, useHarness, type Harness } from './loopHelpers';

/** The strict server answers the follow-up only if the conversation is valid. */
const countMessages = (request: MockRequest) => textReply(`accepted ${request.body.messages.length} messages`);

async function continueAfterCancel(h: Harness, conversation: Conversation): Promise<void> {
  conversation.messages.push({ role: 'user', content: 'carry on' });
  const events = await h.run(conversation);
  assert.deepEqual(eventsOf(events, 'error'), [], 'the strict server accepted the conversation');
  assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
}

describe('agent loop: cancellation', () => {
  const harness = useHarness();

  it('mid-stream: stops at once, keeps the partial text marked interrupted, and ends "cancelled"', async () => {
    const h = await harness([reply(text('Let me start'), delay(5000), text(' and never finish')), countMessages]);
    const conversation = newConversation();
    const controller = new AbortController();
    const started = Date.now();
    const events = await h.run(conversation, { signal: controller.signal, onEvent: (event) => event.type === 'text' && controller.abort() });
    assert.ok(Date.now() - started < 2000, 'did not wait for the stream');
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'cancelled' });
    assert.deepEqual(conversation.messages[2], { role: 'assistant', content: 'Let me start', interrupted: true });
    await continueAfterCancel(h, conversation);
  });

  it('mid-stream inside a tool call: the half-made call is dropped', async () => {
    const h = await harness([reply(text('Reading.'), toolCall('echo', { text: 'x' }, { id: 'c1', pieces: 2 }).slice(0, 2), delay(5000)), countMessages]);
    const conversation = newConversation();
    const controller = new AbortController();
    let texts = 0;
    await h.run(conversation, { signal: controller.signal, onEvent: (event) => event.type === 'text' && ++texts === 1 && setTimeout(() => controller.abort(), 100) });
    assert.deepEqual(conversation.messages[2], { role: 'assistant', content: 'Reading.', interrupted: true });
    await continueAfterCancel(h, conversation);
  });

  it('mid-tool: stops the running tool, answers every call, and ends "cancelled"', async () => {
    const h = await harness([
      reply(toolCall('slow', { ms: 5000 }, { id: 's1', index: 0 }), toolCall('echo', { text: 'later' }, { id: 'e1', index: 1 })),
      countMessages,
    ]);
    const conversation = newConversation();
    const controller = new AbortController();
    const started = Date.now();
    const events = await h.run(conversation, { signal: controller.signal, onEvent: (event) => event.type === 'tool_call' && event.call.id === 's1' && setTimeout(() => controller.abort(), 100) });
    assert.ok(Date.now() - started < 2000, 'did not wait for the tool');
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'cancelled' });
    const results = eventsOf(events, 'tool_result');
    assert.deepEqual(results.map((result) => result.id), ['s1', 'e1']);
    assert.match(results[0].content, /Cancelled by the user while this call was running/);
    assert.match(results[1].content, /Cancelled by the user; this call was not run/);
    assert.deepEqual(conversation.messages.slice(3).map((message) => message.role), ['tool', 'tool']);
    await continueAfterCancel(h, conversation);
  });

  it('mid-tool: does not wait for a tool that ignores the signal', async () => {
    const h = await harness([reply(toolCall('stubborn', {}, { id: 'b1' })), countMessages]);
    const conversation = newConversation();
    const controller = new AbortController();
    const started = Date.now();
    const events = await h.run(conversation, { signal: controller.signal, onEvent: (event) => event.type === 'tool_call' && setTimeout(() => controller.abort(), 50) });
    assert.ok(Date.now() - started < 1500, 'stopped before the tool finished');
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'cancelled' });
    assert.equal(eventsOf(events, 'tool_result').length, 1);
    await continueAfterCancel(h, conversation);
  });

  it('a consumer that stops reading mid-tool still leaves every call answered', async () => {
    const h = await harness([reply(toolCall('save', { path: 'a.txt', content: 'a' }, { id: 's1', index: 0 }), toolCall('echo', { text: 'x' }, { id: 'e1', index: 1 })), countMessages]);
    const conversation = newConversation();
    const turn = runAgent(conversation, { model: h.model, tools: allTools, workspace: h.workspace, approver: approveAll });
    // The approval request comes from inside the running save tool.
    for await (const event of turn) if (event.type === 'approval_request') break;
    assert.deepEqual(conversation.messages.slice(3).map((message) => message.role === 'tool' && message.toolCallId), ['s1', 'e1']);
    await continueAfterCancel(h, conversation);
  });

  it('before the turn starts: ends "cancelled" without asking the model', async () => {
    const h = await harness([textReply('never')]);
    const controller = new AbortController();
    controller.abort();
    const events = await h.run(newConversation(), { signal: controller.signal });
    assert.deepEqual(events, [{ type: 'done', reason: 'cancelled' }]);
    assert.equal(h.server.requests.length, 0);
  });
});
