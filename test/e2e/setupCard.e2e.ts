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

    const settings = JSON.parse(fs.readFileSync(path.join(scenario.server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(settings['ouro.baseUrl'], scenario.mock.url);
    assert.equal(settings['ouro.model'], MODEL);
  });
});
