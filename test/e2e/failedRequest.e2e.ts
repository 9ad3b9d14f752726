// An endpoint that keeps failing: the chat shows one retry line that updates (not a notice per
// attempt), then, in its place, the error with the ways forward (Open settings, Test connection, Retry); Retry
// sends the same conversation again, without a second copy of the user's message.
import assert from 'node:assert/strict';
import { fault, textReply } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { sendMessage, waitUntilIdle } from './harness/workbench';

/** The client's default: one request and four retries. */
const ATTEMPTS = 5;

describe('A request that keeps failing', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('shows one updating retry line, then the error with actions, and Retry sends the conversation again', async () => {
    const down = Array.from({ length: ATTEMPTS }, () => fault(503, { retryAfter: 1, message: 'The server is overloaded.' }));
    const scenario = await scenarios.open({
      name: '14-failed-request',
      script: [...down, textReply('Back again: here is the answer.')],
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'hello?');
    const retrying = chat.locator('#messages .notice.retry-notice');
    await retrying.filter({ hasText: 'attempt 2' }).waitFor();
    assert.equal(await retrying.count(), 1, 'one retry line, updated in place');
    await scenario.shot('retrying');

    const error = chat.locator('#messages .message.error');
    await error.waitFor();
    await waitUntilIdle(chat);
    assert.equal(await retrying.count(), 0, 'the error takes the retry line\'s place');
    assert.match(await error.innerText(), /gave up after 4 retries/);
    for (const label of ['Open settings', 'Test connection', 'Retry']) await error.locator('button', { hasText: label }).waitFor();
    await scenario.shot('error-with-actions');
    assert.equal(scenario.mock.requests.length, ATTEMPTS);

    await error.locator('button', { hasText: 'Retry' }).click();
    await chat.locator('#messages .message.assistant', { hasText: 'Back again: here is the answer.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('retried');
    const resent = scenario.mock.requests[ATTEMPTS].messages;
    assert.deepEqual(resent.filter((message) => message.role === 'user').map((message) => message.content), ['hello?'], 'the same conversation, the message once');
    assert.equal(await chat.locator('#messages .message.user').count(), 1);
  });
});
