// The loop reminds a model that stops with plan items open, once per turn, and only when its
// last words say nothing of them.
import { strict as assert } from 'node:assert';
import { planTool } from '../../../src/agent/tools/plan';
import type { Tool } from '../../../src/agent/tools/tool';
import { reply, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { allTools, eventsOf, lastEvent, newConversation, useHarness } from './loopHelpers';

const tools = [...allTools, planTool as Tool];
const items = [
  { text: 'Fix the bug', status: 'in_progress' },
  { text: 'Run the tests', status: 'pending' },
];
const REMINDER = '2 plan items are still open: Fix the bug; Run the tests. Finish them, mark them done or skipped with plan, or say why you stopped.';

describe('agent loop: open plan items', () => {
  const harness = useHarness();

  it('reminds the model once, as a user message, and ends when it stops again', async () => {
    const h = await harness([reply(...toolCall('plan', { items })), textReply('Done.'), textReply('Still done.')]);
    const conversation = newConversation();
    const events = await h.run(conversation, { tools });
    assert.deepEqual(eventsOf(events, 'reminder'), [{ type: 'reminder', text: REMINDER }]);
    assert.equal(h.server.requests.length, 3);
    assert.deepEqual(h.server.requests[2].messages.slice(-2), [
      { role: 'assistant', content: 'Done.' },
      { role: 'user', content: REMINDER },
    ]);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('does not remind when the plan is closed, or the model says why items are open', async () => {
    const closed = items.map((item) => ({ ...item, status: 'done' }));
    const h = await harness([
      reply(...toolCall('plan', { items: closed })),
      textReply('Done.'),
      reply(...toolCall('plan', { items })),
      textReply('I stopped before running the tests: they need a database.'),
    ]);
    assert.deepEqual(eventsOf(await h.run(newConversation(), { tools }), 'reminder'), []);
    assert.deepEqual(eventsOf(await h.run(newConversation(), { tools }), 'reminder'), []);
    assert.equal(h.server.requests.length, 4);
  });

  it('does not remind when told not to (Ask and Plan modes, where the plan is for later)', async () => {
    const h = await harness([reply(...toolCall('plan', { items })), textReply('That is what I would do.')]);
    const events = await h.run(newConversation(), { tools, remindOpenPlanItems: false });
    assert.deepEqual(eventsOf(events, 'reminder'), []);
    assert.equal(h.server.requests.length, 2);
  });

  it('does not remind on the last allowed step', async () => {
    const h = await harness([reply(...toolCall('plan', { items })), textReply('Done.')]);
    const events = await h.run(newConversation(), { tools, maxSteps: 2 });
    assert.deepEqual(eventsOf(events, 'reminder'), []);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });
});
