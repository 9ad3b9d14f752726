// A first run with no model configured: the chat shows the setup card instead of failing, and
// what the person enters there is saved to their settings and used at once.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { textReply } from '../fixtures/mockOpenAI';
import { MODEL, useScenarios } from './harness/scenario';
import { sendMessage, waitUntilIdle } from './harness/workbench';

describe('Connecting a model from the setup card', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('asks for an endpoint when none is configured, saves it, and chats with it', async () => {
    const scenario = await scenarios.open({ name: '9-setup-card', script: [textReply('Connected and ready.')], configured: false });
    const chat = await scenario.openChat();
    const card = chat.locator('.setup-card');
    await card.waitFor();
    await scenario.shot('setup-card');

    await card.getByLabel('Base URL', { exact: true }).fill(scenario.mock.url);
    await card.getByLabel('Model', { exact: true }).fill(MODEL);
    await card.getByRole('button', { name: /save/i }).click();
    await card.waitFor({ state: 'detached' });
    await chat.locator('#model', { hasText: MODEL }).waitFor();
    await sendMessage(chat, 'hello');
    await chat.locator('#messages .message.assistant', { hasText: 'Connected and ready.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('connected');

    const settings = userSettings(scenario.server.userDataDir);
    assert.equal(settings['ouro.baseUrl'], scenario.mock.url);
    assert.equal(settings['ouro.model'], MODEL);
  });

  it('fills the base URL from a preset, and Test connection finds a model that will not call tools and sets it to text mode', async () => {
    // The probe's answer: words about the weather, no call.
    const scenario = await scenarios.open({ name: '9-setup-test-connection', script: [textReply('It is sunny in Paris today.')], configured: false, mock: { models: [MODEL, 'mock-large'] } });
    const chat = await scenario.openChat();
    const card = chat.locator('.setup-card');
    const baseUrl = card.getByLabel('Base URL', { exact: true });
    await card.getByLabel('Provider').selectOption({ label: 'Ollama' });
    assert.equal(await baseUrl.inputValue(), 'http://localhost:11434/v1');
    await card.getByText('No key needed. Lists the models you have pulled.').waitFor();
    await card.getByLabel('Provider').selectOption({ label: 'OpenRouter' });
    assert.equal(await baseUrl.inputValue(), 'https://openrouter.ai/api/v1');
    await card.getByText(/Needs an API key/).waitFor();
    await scenario.shot('preset-openrouter');

    // The mock stands in for a local server the person points the card at.
    await card.getByLabel('Provider').selectOption({ label: 'vLLM' });
    await baseUrl.fill(scenario.mock.url);
    await card.getByLabel('Model', { exact: true }).fill(MODEL);
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.locator('.connection-result');
    await result.locator('.check[data-check="tools"]', { hasText: 'Tools: text' }).waitFor();
    assert.match(await result.locator('.check[data-check="endpoint"]').innerText(), /Answers; lists 2 models/);
    assert.match(await result.locator('.check[data-check="model"]').innerText(), /mock-model is available/);
    await result.getByText(`Saved ouro.toolMode for ${MODEL}: text.`).waitFor();
    await scenario.shot('tested');

    const probe = scenario.mock.requests[0];
    assert.equal(scenario.mock.requests.length, 1);
    assert.equal(probe.model, MODEL);
    assert.deepEqual(probe.tools?.map((tool) => tool.function.name), ['get_weather']);
    assert.ok(typeof probe.max_tokens === 'number' && probe.max_tokens <= 256, 'the probe is capped');
    assert.deepEqual(userSettings(scenario.server.userDataDir)['ouro.toolMode'], { [MODEL]: 'text' });
    // Nothing was saved but the tool mode: the card is still there, with what was typed.
    assert.equal(await baseUrl.inputValue(), scenario.mock.url);
  });
});

function userSettings(userDataDir: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
}
