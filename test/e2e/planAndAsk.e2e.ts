// Issue 9, Plan and Ask: the plan pinned above the input updates live (1/3 -> 3/3) and survives
// a webview reload; ask_user's question on its card is answered by clicking an option or by
// typing, and the answer is what the model receives as the tool result.
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { reply, text, textReply, toolCall, type ChatRequestBody, type Reply, type Turn } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { runCommand, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const STEPS = ['Read src/math.js', 'Fix the loop in sum', 'Explain the fix'];
const plan = (...statuses: string[]) => ({ items: STEPS.map((step, i) => ({ text: step, status: statuses[i] })) });
const QUESTION = { question: 'Which test runner should I use?', options: ['mocha', 'jest', 'vitest'] };
const lastToolResult = (body: ChatRequestBody) => String(body.messages.at(-1)?.content);

/** A turn that waits until the test lets it go, so a state in between can be looked at. */
function gated(turn: Reply): { turn: Turn; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { turn: () => gate.then(() => turn), release };
}

function pinnedPlan(chat: FrameLocator) {
  return chat.locator('footer #plan');
}

describe('Plans and questions in the chat', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('pins the plan above the input and updates it live, from 1/3 to 3/3, across a reload', async () => {
    const second = gated(reply(...text('Fixed and explained. '), ...toolCall('plan', plan('done', 'done', 'done'))));
    const scenario = await scenarios.open({
      name: '9-plan-pinned',
      script: [reply(...text('Here is my plan.'), ...toolCall('plan', plan('done', 'in_progress', 'pending'))), second.turn, textReply('All three steps are done.')],
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'fix the bug in src/math.js and explain it');
    const panel = pinnedPlan(chat);
    await panel.locator('.plan-progress', { hasText: '1/3' }).waitFor();
    assert.deepEqual(await panel.locator('.plan-items li').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-status'), row.textContent])), [
      ['done', STEPS[0]],
      ['in_progress', STEPS[1]],
      ['pending', STEPS[2]],
    ]);
    // Done items are struck through.
    assert.equal(await panel.locator('li[data-status="done"] .plan-text').evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through');
    await toolCard(chat, 'plan', 'done').first().waitFor();
    await scenario.shot('plan-1-of-3');

    second.release();
    await panel.locator('.plan-progress', { hasText: '3/3' }).waitFor();
    await chat.locator('#messages .message.assistant', { hasText: 'All three steps are done.' }).waitFor();
    await waitUntilIdle(chat);
    assert.equal(await panel.locator('li[data-status="done"]').count(), 3);
    await scenario.shot('plan-3-of-3');

    // Collapsible: the summary line stays, the items fold away.
    await panel.locator('summary').click();
    await panel.locator('.plan-items').waitFor({ state: 'hidden' });
    await scenario.shot('plan-collapsed');
    await panel.locator('summary').click();
    await panel.locator('.plan-items').waitFor({ state: 'visible' });

    // The plan comes back from the transcript when the webview is rebuilt.
    await runCommand(scenario.page, 'Developer: Reload Webviews');
    await pinnedPlan(chat).locator('.plan-progress', { hasText: '3/3' }).waitFor({ timeout: 30_000 });
    await scenario.shot('plan-after-reload');
    assert.equal(scenario.mock.requests.length, 3);
    assert.equal(lastToolResult(scenario.mock.requests[1]), 'Plan saved: 1/3 done.');
  });

  it('asks the user; clicking an option sends it to the model as the answer', async () => {
    const scenario = await scenarios.open({
      name: '9-ask-option',
      script: [reply(...text('One question first.'), ...toolCall('ask_user', QUESTION)), (request) => textReply(`Noted: ${lastToolResult(request.body)}`)],
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'add tests for src/math.js');
    const card = toolCard(chat, 'ask_user', 'waiting');
    await card.locator('.approval-title', { hasText: QUESTION.question }).waitFor();
    assert.deepEqual(await card.locator('button.answer-option').allInnerTexts(), QUESTION.options);
    await scenario.shot('question-asked');

    await card.locator('button.answer-option', { hasText: 'vitest' }).click();
    await chat.locator('#messages .message.assistant', { hasText: 'Noted: The user answered: vitest' }).waitFor();
    await waitUntilIdle(chat);
    await toolCard(chat, 'ask_user', 'done').locator('.tool-note', { hasText: 'Answered: vitest' }).waitFor();
    await scenario.shot('question-answered');
    assert.equal(scenario.mock.requests[1].messages.at(-1)?.role, 'tool');
    assert.equal(scenario.mock.requests[1].messages.at(-1)?.content, 'The user answered: vitest');
  });

  it('takes an answer typed in the user\'s own words', async () => {
    const scenario = await scenarios.open({
      name: '9-ask-free-text',
      script: [reply(...toolCall('ask_user', QUESTION)), (request) => textReply(`Noted: ${lastToolResult(request.body)}`)],
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'add tests for src/math.js');
    const card = toolCard(chat, 'ask_user', 'waiting');
    const box = card.locator('input.answer-text');
    await box.fill('node:test, built in');
    await scenario.shot('typing-answer');
    await box.press('Enter');
    await chat.locator('#messages .message.assistant', { hasText: 'Noted: The user answered: node:test, built in' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('typed-answer-sent');
    assert.equal(scenario.mock.requests[1].messages.at(-1)?.content, 'The user answered: node:test, built in');
  });
});
