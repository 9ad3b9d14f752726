// Checks before "done" in the chat: the agent edits a file in the sample workspace (whose
// package.json has a test script) and stops; Ouro reminds it, in a quiet line, to run `npm test`
// first, and the model hears it as its next message. Then a model going round in circles is
// stopped at the fourth identical call, and the chat says why.
import assert from 'node:assert/strict';
import { reply, text, textReply, toolCall } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

// The command shows as code: the notice renders the reminder's code spans.
const REMINDER = "Reminded Ouro: You changed files in this turn and have not run the project's check since: npm test.";
const STOPPED = 'Stopped: the model called list_files with the same arguments 4 times in a row.';

describe('Checks before done and the loop guard in the chat', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
    it(`reminds the agent of the project's check after an edit, and says why a repeating turn stopped (${theme})`, async () => {
      const list = () => reply(...toolCall('list_files', { path: 'src' }));
      const scenario = await scenarios.open({
        name: `19-checks-before-done-${theme.includes('Dark') ? 'dark' : 'light'}`,
        script: [
          reply(...text('Adding a note.'), ...toolCall('write_file', { path: 'NOTES.md', content: '# Notes\n' })),
          textReply('Added NOTES.md.'),
          textReply('I did not run `npm test`: the change is a new notes file that no test reads.'),
          list(),
          list(),
          list(),
          list(),
        ],
        settings: { 'ouro.checksBeforeDone': true, 'ouro.autoApprove.edits': true, 'workbench.colorTheme': theme },
      });
      const chat = await scenario.openChat();
      await sendMessage(chat, 'add a notes file');
      await toolCard(chat, 'write_file', 'done').waitFor();
      const reminder = chat.locator('#messages .notice', { hasText: REMINDER });
      await reminder.waitFor();
      assert.equal(await reminder.locator('code').innerText(), 'npm test');
      await chat.locator('#messages .message.assistant', { hasText: 'the change is a new notes file' }).waitFor();
      await waitUntilIdle(chat);
      assert.match(String(scenario.mock.requests[2].messages.at(-1)?.content), /^You changed files in this turn .*`npm test`/);
      await scenario.shot('reminded');

      await sendMessage(chat, 'list src');
      await chat.locator('#messages .notice', { hasText: 'Reminded Ouro: You have called list_files with the same arguments 3 times in a row' }).waitFor();
      await chat.locator('#messages .notice', { hasText: STOPPED }).waitFor();
      await waitUntilIdle(chat);
      assert.equal(scenario.mock.requests.length, 7);
      await scenario.shot('stopped');
    });
  }
});
