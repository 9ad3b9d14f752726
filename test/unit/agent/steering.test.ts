// Steering: messages the person sends while the loop works reach the model at the next step
// boundary, as user messages after the tool results; one sent as the model answers starts the
// next request. Real HTTP to the strict mock server.
import { strict as assert } from 'node:assert';
import { SteerQueue } from '../../../src/agent/steering';
import { delay, reply, text, textReply, toolCall, type ChatRequestBody } from '../../fixtures/mockOpenAI';
import { eventsOf, lastEvent, newConversation, useHarness } from './loopHelpers';

const lastWords = (request: ChatRequestBody) => request.messages.slice(-2).map((message) => [message.role, message.content ?? null]);

describe('agent loop: steering', () => {
  const harness = useHarness();

  it('delivers a message queued during a tool call in the next request, after the tool result', async () => {
    const h = await harness([reply(toolCall('slow', { ms: 300 }, { id: 's1' })), textReply('Using tabs then.')]);
    const queue = new SteerQueue();
    const conversation = newConversation();
    const events = await h.run(conversation, { steering: queue, onEvent: (event) => event.type === 'tool_call' && queue.add('use tabs, not spaces') });
    assert.deepEqual(events.map((event) => event.type), ['step', 'tool_call', 'tool_result', 'step', 'steer', 'text', 'done']);
    assert.deepEqual(eventsOf(events, 'steer'), [{ type: 'steer', text: 'use tabs, not spaces' }]);
    assert.equal(h.server.requests.length, 2);
    assert.deepEqual(lastWords(h.server.requests[1]), [['tool', 'waited 300 ms'], ['user', 'use tabs, not spaces']]);
    assert.deepEqual(conversation.messages.slice(3).map((message) => message.role), ['tool', 'user', 'assistant']);
    assert.deepEqual(queue.views(), []);
  });

  it('sends several queued messages as one user message, in the order they were sent', async () => {
    const h = await harness([reply(toolCall('echo', { text: 'x' }, { id: 'e1' })), textReply('ok')]);
    const queue = new SteerQueue();
    await h.run(newConversation(), { steering: queue, onEvent: (event) => event.type === 'tool_call' && (queue.add('first'), queue.add('second')) });
    assert.deepEqual(lastWords(h.server.requests[1]), [['tool', 'x'], ['user', 'first\n\nsecond']]);
  });

  it('never puts a queued message right after the user\'s own: it waits for the tool results', async () => {
    const h = await harness([reply(toolCall('echo', { text: 'x' }, { id: 'e1' })), textReply('ok')]);
    const queue = new SteerQueue();
    queue.add('sent just after');
    const events = await h.run(newConversation('go'), { steering: queue });
    assert.deepEqual(lastWords(h.server.requests[0]), [['system', 'You are a test.'], ['user', 'go']]);
    assert.deepEqual(lastWords(h.server.requests[1]), [['tool', 'x'], ['user', 'sent just after']]);
    assert.equal(eventsOf(events, 'steer').length, 1);
  });

  it('a message queued while the model answers without tools starts the next request instead of being lost', async () => {
    const h = await harness([reply(text('All'), delay(200), text(' done.')), textReply('Renamed it too.')]);
    const queue = new SteerQueue();
    const conversation = newConversation();
    const events = await h.run(conversation, { steering: queue, onEvent: (event) => event.type === 'text' && event.delta === 'All' && queue.add('rename it as well') });
    assert.equal(h.server.requests.length, 2);
    assert.deepEqual(lastWords(h.server.requests[1]), [['assistant', 'All done.'], ['user', 'rename it as well']]);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
    assert.equal(conversation.messages.at(-1)?.content, 'Renamed it too.');
  });

  it('a message taken back before the boundary is never sent', async () => {
    const h = await harness([reply(toolCall('slow', { ms: 200 }, { id: 's1' })), textReply('done')]);
    const queue = new SteerQueue();
    const events = await h.run(newConversation(), {
      steering: queue,
      onEvent: (event) => {
        if (event.type !== 'tool_call') return;
        const kept = queue.add('keep this');
        const dropped = queue.add('forget this');
        assert.equal(queue.remove(dropped.id), true);
        assert.equal(kept.id, 'q1');
      },
    });
    assert.deepEqual(eventsOf(events, 'steer').map((event) => event.text), ['keep this']);
    const sent = h.server.requests[1].messages.map((message) => message.content);
    assert.ok(sent.includes('keep this'));
    assert.ok(!sent.includes('forget this'));
  });

  it('the last step delivers nothing it could not answer: the message stays queued', async () => {
    const h = await harness([textReply('one step only')]);
    const queue = new SteerQueue();
    const events = await h.run(newConversation(), { maxSteps: 1, steering: queue, onEvent: (event) => event.type === 'text' && queue.add('later') });
    assert.deepEqual(eventsOf(events, 'steer'), []);
    assert.deepEqual(queue.views().map((message) => message.text), ['later']);
    assert.equal(h.server.requests.length, 1);
  });
});

describe('SteerQueue', () => {
  it('tells of every change and takes all at once', () => {
    let changes = 0;
    const queue = new SteerQueue(() => changes++);
    queue.add('a');
    queue.add('b');
    assert.equal(queue.remove('nope'), false);
    assert.deepEqual(queue.take().map((message) => message.text), ['a', 'b']);
    assert.deepEqual(queue.take(), []);
    assert.equal(changes, 3);
  });
});
