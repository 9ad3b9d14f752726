// Scenario 4 of issue 5: right-click a file in the explorer, "Ask Ouro about this file"; the chat
// opens with the file attached, and the model receives the file's content with the question.
import assert from 'node:assert/strict';
import { answerIfUserSent, lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { chatFrame, contextMenu, explorerRow, sendMessage, waitUntilIdle } from './harness/workbench';

describe('Asking Ouro about a file from the explorer', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('opens the chat with the file attached and sends its content to the model', async () => {
    const scenario = await scenarios.open({
      name: '4-ask-about-file',
      script: [answerIfUserSent((sent) => sent.includes('export function sum'), 'It has two helpers, sum and average.')],
    });
    const page = scenario.page;
    await explorerRow(page, 'src').click();
    await explorerRow(page, 'math.js').waitFor();
    await contextMenu(page, explorerRow(page, 'math.js'), 'Ask Ouro about this file');

    const chat = chatFrame(page);
    await chat.locator('.attachment', { hasText: 'src/math.js' }).waitFor({ timeout: 30_000 });
    await scenario.shot('file-attached');
    await sendMessage(chat, 'what is in this file?');
    await chat.locator('#messages .message.assistant', { hasText: 'It has two helpers, sum and average.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('answer');

    const sent = lastContent(scenario.mock.requests[0].messages, 'user');
    assert.ok(sent.includes('what is in this file?'), 'the question is missing');
    assert.ok(sent.includes(scenario.read('src/math.js').trim()), 'the file content is missing');
    assert.equal(await chat.locator('.attachment').count(), 0, 'the attachment stayed for the next message');
  });
});
