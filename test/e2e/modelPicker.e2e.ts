// The model name in the chat's header opens a picker of the endpoint's models; choosing one
// saves it, and the next request goes out with it.
import assert from 'node:assert/strict';
import { MODEL, useScenarios } from './harness/scenario';
import { answerIfUserSent } from './harness/modelScripts';
import { sendMessage, waitUntilIdle } from './harness/workbench';

const LARGE = 'mock-large';

describe('Choosing a model from the chat header', function () {
  this.timeout(300_000);
  const scenarios = useScenarios();

  it("lists the endpoint's models with what is known of them, and the next request uses the chosen one", async () => {
    const scenario = await scenarios.open({
      name: '9-model-picker',
      script: [answerIfUserSent((sent) => sent === 'hello', 'Answered by the large model.')],
      mock: { models: [MODEL, { id: LARGE, context_length: 131_072, pricing: { prompt: '0.000001', completion: '0.000002' } }] },
    });
    const chat = await scenario.openChat();
    const header = chat.getByRole('button', { name: `Model ${MODEL}: choose a model` });
    await header.click();
    const picker = scenario.page.locator('.quick-input-widget');
    const large = picker.locator('.monaco-list-row', { hasText: LARGE });
    await large.waitFor();
    assert.match(await large.innerText(), /131k context · \$1\.00 in \/ \$2\.00 out per 1M · tools: auto/);
    assert.match(await picker.locator('.monaco-list-row', { hasText: MODEL }).first().innerText(), /tools: auto/);
    await scenario.shot('picker');
    assert.equal(scenario.mock.modelListRequests(), 1);

    // Keyboard only: filter, then Enter.
    const input = picker.locator('.quick-input-box input');
    await input.fill('large');
    await picker.locator('.monaco-list-row.focused', { hasText: LARGE }).waitFor();
    await input.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await chat.locator('#model-name', { hasText: LARGE }).waitFor();
    await scenario.shot('chosen');

    await sendMessage(chat, 'hello');
    await chat.locator('#messages .message.assistant', { hasText: 'Answered by the large model.' }).waitFor();
    await waitUntilIdle(chat);
    assert.deepEqual(scenario.mock.requests.map((request) => request.model), [LARGE]);

    // Opened again, the list comes from the cache; a typed name not in it can be used too.
    await chat.getByRole('button', { name: `Model ${LARGE}: choose a model` }).click();
    await picker.locator('.monaco-list-row', { hasText: LARGE }).waitFor();
    await input.fill('my-own-model');
    await picker.locator('.monaco-list-row', { hasText: 'Use "my-own-model"' }).waitFor();
    await scenario.shot('free-text');
    await input.press('Escape');
    assert.equal(scenario.mock.modelListRequests(), 1, 'the list was cached');
  });
});
