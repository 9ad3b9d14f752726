// Issue 7: two chats, then the history list: search it, open the first chat from it (its messages
// come back and the next message continues it, without the second chat's), rename it, and
// delete the second after confirming.
import assert from 'node:assert/strict';
import { textReply } from '../fixtures/mockOpenAI';
import { answerIfUserSent, lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { runCommand, sendMessage, waitUntilIdle } from './harness/workbench';

describe('The history list', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('opens an earlier chat, which continues where it was; renames and deletes', async () => {
    const scenario = await scenarios.open({
      name: '7-history-list',
      script: [
        answerIfUserSent((sent) => sent === 'tell me about apples', 'Apples are red.'),
        answerIfUserSent((sent) => sent === 'tell me about bananas', 'Bananas are yellow.'),
        (request) => {
          const sent = request.body.messages.map((message) => String(message.content ?? '')).join('\n');
          const right = lastContent(request.body.messages, 'user') === 'and their seeds?' && sent.includes('Apples are red.') && !sent.includes('bananas');
          return textReply(right ? 'Apple seeds are small.' : `Unexpected request: ${sent.slice(-300)}`);
        },
      ],
    });
    const page = scenario.page;
    const chat = await scenario.openChat();
    await sendMessage(chat, 'tell me about apples');
    await chat.locator('#messages .message.assistant', { hasText: 'Apples are red.' }).waitFor();
    await waitUntilIdle(chat);
    await runCommand(page, 'Ouro: New Chat');
    await chat.locator('#messages .message').first().waitFor({ state: 'detached' });
    await sendMessage(chat, 'tell me about bananas');
    await chat.locator('#messages .message.assistant', { hasText: 'Bananas are yellow.' }).waitFor();
    await waitUntilIdle(chat);

    await runCommand(page, 'Ouro: Show History');
    const entries = chat.locator('#history .history-entry');
    await entries.nth(1).waitFor();
    assert.equal(await entries.count(), 2);
    assert.equal(await entries.first().locator('.history-title').innerText(), 'tell me about bananas (current)');
    assert.equal(await chat.locator('#history .history-entry[aria-current="true"]').count(), 1);
    await scenario.shot('history');

    // Search by a word of a reply, not of the title.
    await chat.locator('#history-search').fill('red');
    await chat.locator('#history .history-entry', { hasText: 'bananas' }).waitFor({ state: 'detached' });
    assert.equal(await entries.count(), 1);
    await chat.locator('#history .history-match', { hasText: 'Apples are red.' }).waitFor();
    await scenario.shot('search');

    await entries.first().locator('.history-open').click();
    await chat.locator('#messages .message.assistant', { hasText: 'Apples are red.' }).waitFor();
    assert.equal(await chat.locator('#messages .message', { hasText: 'bananas' }).count(), 0);
    await sendMessage(chat, 'and their seeds?');
    await chat.locator('#messages .message.assistant', { hasText: 'Apple seeds are small.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('continued');
    const [first, , third] = scenario.mock.requests;
    assert.deepEqual(third.messages.slice(0, first.messages.length), first.messages);

    // Rename the open chat in the editor's input box; delete the other after confirming.
    await runCommand(page, 'Ouro: Show History');
    await chat.locator('#history .history-entry[aria-current="true"] .history-rename').click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('Fruit talk');
    await input.press('Enter');
    await chat.locator('#history .history-title', { hasText: 'Fruit talk (current)' }).waitFor();
    await chat.locator('#history .history-entry', { hasText: 'bananas' }).locator('.history-delete').click();
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Delete' }).click();
    await chat.locator('#history .history-entry', { hasText: 'bananas' }).waitFor({ state: 'detached' });
    assert.equal(await entries.count(), 1);
    await scenario.shot('renamed-and-deleted');
  });
});
