import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/agent/conversation';
import { latestPlan, openItemsReminder, planFromArguments, planProgress, type PlanItem } from '../../../src/agent/plan/planChecklist';
import { runToolCall } from '../../../src/agent/runToolCall';
import { createToolContext } from '../../../src/agent/toolContext';
import { planTool } from '../../../src/agent/tools/plan';
import type { Tool } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

function callPlan(args: unknown) {
  const ctx = createToolContext({ workspace: new NodeWorkspace('.'), approver: { approve: async () => ({ approved: true }) }, signal: new AbortController().signal }, 'p1', () => {});
  return runToolCall({ id: 'p1', name: 'plan', arguments: typeof args === 'string' ? args : JSON.stringify(args) }, [planTool as Tool], ctx);
}

const plan = (...statuses: PlanItem['status'][]): PlanItem[] => statuses.map((status, i) => ({ text: `step ${i + 1}`, status }));

function assistantCall(id: string, items: unknown): Message {
  return { role: 'assistant', content: '', toolCalls: [{ id, name: 'plan', arguments: JSON.stringify({ items }) }] };
}

describe('plan', () => {
  it('answers with a short confirmation and the progress', async () => {
    const result = await callPlan({ items: plan('done', 'in_progress', 'pending') });
    assert.deepEqual(result, { content: 'Plan saved: 1/3 done.' });
    assert.deepEqual(await callPlan({ items: plan('done', 'skipped') }), { content: 'Plan saved: 2/2 done, all closed.' });
  });

  it('sends invalid input back to the model as an error it can fix', async () => {
    const badStatus = await callPlan({ items: [{ text: 'Read the code', status: 'started' }] });
    assert.equal(badStatus.isError, true);
    assert.match(badStatus.content, /^Invalid arguments for plan: items\.0\.status: .*"pending".*"in_progress".*"done".*"skipped".*Fix them and call it again\.$/);
    const missing = await callPlan({ items: [{ text: 'Read the code' }] });
    assert.match(missing.content, /items\.0\.status: Invalid option: expected one of/);
    assert.match((await callPlan({ items: [] })).content, /items: .*>=1/);
    assert.match((await callPlan({ items: [{ text: '   ', status: 'pending' }] })).content, /items\.0\.text/);
    assert.match((await callPlan('{"items": "read, fix"}')).content, /items: .*expected array/);
  });
});

describe('the plan checklist', () => {
  it('counts done and skipped items as closed', () => {
    assert.equal(planProgress(plan('done', 'skipped', 'in_progress', 'pending', 'pending')), '2/5');
  });

  it('reads a plan from a call\'s arguments, and nothing from what is not one', () => {
    assert.deepEqual(planFromArguments(JSON.stringify({ items: plan('pending') })), plan('pending'));
    assert.equal(planFromArguments('{"items": [{"text": "x", "status": "later"}]}'), undefined);
    assert.equal(planFromArguments('{"items": []}'), undefined);
    assert.equal(planFromArguments('not json'), undefined);
  });

  it('finds the latest plan the tool accepted, passing over a call that failed', () => {
    const messages: Message[] = [
      { role: 'user', content: 'go' },
      assistantCall('a', plan('pending', 'pending')),
      { role: 'tool', toolCallId: 'a', name: 'plan', content: 'Plan saved: 0/2 done.' },
      assistantCall('b', plan('done', 'pending')),
      { role: 'tool', toolCallId: 'b', name: 'plan', content: 'Plan saved: 1/2 done.' },
      assistantCall('c', [{ text: 'x', status: 'pending' }, { text: '', status: 'done' }]),
      { role: 'tool', toolCallId: 'c', name: 'plan', content: 'Invalid arguments', isError: true },
    ];
    assert.deepEqual(latestPlan(messages), plan('done', 'pending'));
    assert.equal(latestPlan(messages.slice(0, 1)), undefined);
  });

  it('reminds of open items only when the last words mention neither the plan nor them', () => {
    const messages = [assistantCall('a', [{ text: 'Fix the bug', status: 'done' }, { text: 'Run the tests', status: 'pending' }, { text: 'Update the docs', status: 'in_progress' }])];
    assert.equal(
      openItemsReminder(messages, 'All fixed.'),
      '2 plan items are still open: Run the tests; Update the docs. Finish them, mark them done or skipped with plan, or say why you stopped.',
    );
    assert.equal(openItemsReminder(messages, 'I could not run the tests: there is no test script.'), undefined);
    assert.equal(openItemsReminder(messages, 'The rest of the plan needs your go-ahead.'), undefined);
    assert.equal(openItemsReminder([assistantCall('a', plan('done', 'skipped'))], 'Done.'), undefined);
    assert.equal(openItemsReminder([], 'Done.'), undefined);
  });
});
