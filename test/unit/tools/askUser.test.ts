// ask_user in the real loop: the mock server asks, the test's asker plays the person.
import { strict as assert } from 'node:assert';
import { askUserTool, NO_ONE_TO_ASK } from '../../../src/agent/tools/askUser';
import type { Tool, UserAsker, UserQuestion } from '../../../src/agent/tools/tool';
import { textReply, reply, toolCall, type ChatRequestBody } from '../../fixtures/mockOpenAI';
import { allTools, eventsOf, lastEvent, newConversation, useHarness } from '../agent/loopHelpers';

const tools = [...allTools, askUserTool as Tool];
const question = { question: 'Which database?', options: ['sqlite', 'postgres'] };
const lastToolContent = (body: ChatRequestBody) => String(body.messages.at(-1)?.content);

describe('ask_user', () => {
  const harness = useHarness();

  it('waits for the answer and gives it to the model as the tool result', async () => {
    const h = await harness([reply(...toolCall('ask_user', question, { id: 'q1' })), (request) => textReply(`got: ${lastToolContent(request.body)}`)]);
    const asked: Array<{ question: UserQuestion; toolCallId: string }> = [];
    const asker: UserAsker = {
      ask: (q, toolCallId) => {
        asked.push({ question: q, toolCallId });
        return new Promise((resolve) => setTimeout(() => resolve({ answered: true, text: 'postgres' }), 50));
      },
    };
    const events = await h.run(newConversation(), { tools, asker });
    assert.deepEqual(asked, [{ question, toolCallId: 'q1' }]);
    assert.equal(h.server.requests[1].messages.at(-1)?.role, 'tool');
    assert.equal(lastToolContent(h.server.requests[1]), 'The user answered: postgres');
    assert.deepEqual(eventsOf(events, 'tool_result').map((result) => result.isError), [false]);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('passes no options when the model sent none or an empty list', async () => {
    const h = await harness([reply(...toolCall('ask_user', { question: 'Why?', options: [] })), textReply('ok')]);
    const asked: UserQuestion[] = [];
    await h.run(newConversation(), { tools, asker: { ask: async (q) => (asked.push(q), { answered: true, text: 'because' }) } });
    assert.deepEqual(asked, [{ question: 'Why?' }]);
  });

  it('Stop ends the wait: the turn is cancelled and the call still gets its result', async () => {
    const h = await harness([reply(...toolCall('ask_user', question, { id: 'q1' })), textReply('unused')]);
    const controller = new AbortController();
    const asker: UserAsker = {
      ask: (_q, _id, signal) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve({ answered: false, reason: 'The user stopped the task before answering.' }))),
    };
    const conversation = newConversation();
    const started = Date.now();
    const events = await h.run(conversation, { tools, asker, signal: controller.signal, onEvent: (event) => event.type === 'tool_call' && setTimeout(() => controller.abort(), 50) });
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'cancelled' });
    assert.deepEqual(conversation.messages.at(-1), { role: 'tool', toolCallId: 'q1', name: 'ask_user', content: 'Error: Cancelled by the user while this call was running; it may have done part of its work.', isError: true });
    assert.equal(h.server.requests.length, 1);
  });

  it('tells the model when nobody can answer, and why the asker could not', async () => {
    const h = await harness([reply(...toolCall('ask_user', question)), textReply('I will assume sqlite.'), reply(...toolCall('ask_user', question)), textReply('ok')]);
    await h.run(newConversation(), { tools });
    assert.equal(lastToolContent(h.server.requests[1]), `Error: ${NO_ONE_TO_ASK}`);
    await h.run(newConversation(), { tools, asker: { ask: async () => ({ answered: false, reason: 'The input ended before the user answered.' }) } });
    assert.equal(lastToolContent(h.server.requests[3]), 'Error: The input ended before the user answered.');
    assert.equal(h.server.requests[3].messages.at(-1)?.role, 'tool');
  });

  it('sends a call without a question back as an error to fix, without asking', async () => {
    const h = await harness([reply(...toolCall('ask_user', { options: ['a'] })), textReply('ok')]);
    let asked = 0;
    await h.run(newConversation(), { tools, asker: { ask: async () => (asked++, { answered: true, text: 'x' }) } });
    assert.equal(asked, 0);
    assert.match(lastToolContent(h.server.requests[1]), /^Error: Invalid arguments for ask_user: question: missing \(expected string\)/);
  });
});
