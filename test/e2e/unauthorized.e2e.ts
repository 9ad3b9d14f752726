// Scenario 6 of issue 5: the endpoint answers 401. The chat says so clearly, with a way to set
// the key; setting it there (SecretStorage) makes the next message work.
import assert from 'node:assert/strict';
import { textReply } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { sendMessage, waitUntilIdle } from './harness/workbench';

describe('A refused API key', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('shows a clear error with a Set API Key button, and works once the key is set', async () => {
    const scenario = await scenarios.open({
      name: '6-unauthorized',
      script: [textReply('Hello! The new key works.')],
      mock: { expectedApiKey: 'sk-right' },
      apiKey: 'sk-wrong',
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'hello');
    const error = chat.locator('#messages .message.error');
    await error.waitFor();
    await waitUntilIdle(chat);
    const errorText = await error.innerText();
    assert.match(errorText, /API key was refused/i);
    assert.doesNotMatch(errorText, /--api-key|OPENAI_API_KEY/, 'no CLI advice inside the editor');
    assert.equal(await chat.locator('#messages .message.error').count(), 1, 'one message, said once');
    const setKey = error.locator('button', { hasText: 'Set API Key' });
    await setKey.waitFor();
    await scenario.shot('error-401');
    assert.equal(scenario.mock.requests.length, 1, 'a 401 must not be retried');

    // The rest of the chat still works: the prompt takes text, New Chat is there.
    await chat.locator('textarea#prompt').waitFor({ state: 'visible' });
    await scenario.page.locator('a.action-label[aria-label="New Chat"]:visible').first().waitFor();
    assert.equal(await chat.locator('button#new-chat').count(), 0, 'one New Chat button, in the view title');

    await setKey.click();
    const input = scenario.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await scenario.shot('key-input');
    assert.equal(await input.getAttribute('type'), 'password', 'the key is typed in the clear');
    await input.fill('sk-right');
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });

    await sendMessage(chat, 'hello again');
    await chat.locator('#messages .message.assistant', { hasText: 'Hello! The new key works.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('works-with-new-key');
    assert.equal(scenario.mock.requests.length, 2);
  });
});
