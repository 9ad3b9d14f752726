// Issue 7: the window reloads while Ouro is answering; the conversation is still there after the
// reload, tool card and partial reply included, and the next message continues it: the model is
// sent everything said before, unchanged.
import assert from 'node:assert/strict';
import { delay, reply, text, textReply, toolCall } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { chatFrame, ouroActivity, runCommand, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

/** A reply that streams for about a minute: the window is reloaded in the middle of it. */
const ENDLESS = [...text('Counting the words: '), ...Array.from({ length: 600 }, (_, i) => [delay(100), ...text(`${i + 1}, `)]).flat()];

describe('Reloading the window mid-conversation', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('shows the conversation again after a reload and continues it', async () => {
    const scenario = await scenarios.open({
      name: '7-reload-conversation',
      script: [
        reply(toolCall('read_file', { path: 'README.md' })),
        textReply('The word is pineapple.'),
        reply(ENDLESS),
        (request) => textReply(lastContent(request.body.messages, 'user') === 'and now?' ? 'Still pineapple.' : 'Unexpected request.'),
      ],
    });
    const page = scenario.page;
    let chat = await scenario.openChat();
    await sendMessage(chat, 'read the README and pick a word');
    await chat.locator('#messages .message.assistant', { hasText: 'The word is pineapple.' }).waitFor();
    await waitUntilIdle(chat);
    await sendMessage(chat, 'count the words');
    // Long enough into the stream for a draft of it to be saved (at most one a second).
    await chat.locator('#messages .message.assistant', { hasText: '25, ' }).waitFor();
    await scenario.shot('streaming');

    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('domcontentloaded');
    await ouroActivity(page).waitFor();
    await runCommand(page, 'Ouro: Focus Chat');
    chat = chatFrame(page);
    await chat.locator('#messages .message.user', { hasText: 'count the words' }).waitFor();
    await chat.locator('#messages .message.assistant', { hasText: 'The word is pineapple.' }).waitFor();
    await toolCard(chat, 'read_file', 'done').waitFor();
    await chat.locator('#messages .message.assistant', { hasText: 'Counting the words: 1, 2,' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('after-reload');

    await sendMessage(chat, 'and now?');
    await chat.locator('#messages .message.assistant', { hasText: 'Still pineapple.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('continued');

    const requests = scenario.mock.requests;
    assert.equal(requests.length, 4);
    // The first turn's requests are an unchanged prefix of the one after the reload.
    const before = requests[1].messages;
    const after = requests[3].messages;
    assert.deepEqual(after.slice(0, before.length), before);
    const rest = after.slice(before.length);
    assert.deepEqual(
      rest.map((message) => message.role),
      ['assistant', 'user', 'assistant', 'user'],
    );
    assert.equal(rest[0].content, 'The word is pineapple.');
    assert.equal(rest[1].content, 'count the words');
    assert.match(String(rest[2].content), /^Counting the words: 1, 2, /);
    assert.equal(rest[3].content, 'and now?');
  });
});
