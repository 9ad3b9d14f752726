// Scenario 5 of issue 5: Stop while the model is streaming; the chat goes idle at once, and the
// next message works (the conversation the mock, a strict server, receives is still valid).
import assert from 'node:assert/strict';
import { delay, reply, text, textReply } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { sendMessage, waitUntilIdle } from './harness/workbench';

/** About a minute of text in small pieces: far longer than the test waits before stopping it. */
const LONG_ANSWER = [...text('Thinking it over: '), ...Array.from({ length: 600 }, (_, i) => [delay(100), ...text(`step ${i + 1}, `)]).flat()];

describe('Stopping Ouro while it streams', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('goes idle when the user presses Stop, and answers the next message', async () => {
    const scenario = await scenarios.open({
      name: '5-stop-streaming',
      script: [reply(LONG_ANSWER), textReply('Hello again.')],
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'write me a long essay');
    await chat.locator('#messages .message.assistant', { hasText: 'step 3,' }).waitFor();
    await chat.locator('body[data-busy="true"]').waitFor({ state: 'attached' });
    const stop = chat.locator('button#stop');
    await stop.waitFor({ state: 'visible' });
    await scenario.shot('streaming');

    const stoppedAt = Date.now();
    await stop.click();
    await waitUntilIdle(chat, 5_000);
    const stopMs = Date.now() - stoppedAt;
    await stop.waitFor({ state: 'hidden' });
    const shown = await chat.locator('#messages .message.assistant').last().innerText();
    assert.ok(!shown.includes('step 600,'), 'the whole answer arrived: the stream was not stopped');
    await scenario.shot('stopped');
    console.log(`      (idle ${stopMs} ms after Stop)`);

    await sendMessage(chat, 'hello?');
    await chat.locator('#messages .message.assistant', { hasText: 'Hello again.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('next-message');
    assert.equal(scenario.mock.requests.length, 2);
    const second = scenario.mock.requests[1].messages;
    assert.equal(second.at(-1)?.role, 'user');
    assert.equal(second.at(-1)?.content, 'hello?');
  });
});
