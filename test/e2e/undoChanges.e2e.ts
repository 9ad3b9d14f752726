// Issue 7 in the chat view: the files Ouro changed in a conversation, each with its diff and a
// Revert, and "Undo since this message" on a user message, which restores only the files changed
// from that message on, after a confirmation naming them; the model's next request says so.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE } from './harness/modelScripts';
import { useScenarios, type Scenario } from './harness/scenario';
import { activeTab, editorTitleAction, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const NOTES = '# Notes\n\nsum() starts at index 0 now.\n';

/** The modal dialog's button with this label. */
function dialogButton(page: Page, label: string) {
  return page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label });
}

async function acceptProposal(scenario: Scenario, chat: FrameLocator, tool: string): Promise<void> {
  await toolCard(chat, tool, 'waiting').waitFor();
  await editorTitleAction(scenario.page, 'Keep all changes').click();
  await toolCard(chat, tool, 'done').waitFor();
  await waitUntilIdle(chat);
}

describe('Undoing what Ouro changed in a conversation', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('lists the changed files, undoes only the second turn, and reverts a file', async () => {
    const scenario = await scenarios.open({
      name: '7-undo-changes',
      script: [
        reply(toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE })),
        textReply('Fixed the loop.'),
        reply(toolCall('write_file', { path: 'NOTES.md', content: NOTES })),
        textReply('Wrote the notes.'),
        textReply('I will read the files again.'),
      ],
    });
    const original = scenario.read('src/math.js');
    const fixed = original.replace(BUGGY_LINE, FIXED_LINE);
    const chat = await scenario.openChat();

    await sendMessage(chat, 'fix the loop');
    await acceptProposal(scenario, chat, 'edit_file');
    await scenario.waitForFile('src/math.js', (t) => t === fixed);
    await sendMessage(chat, 'write some notes');
    await acceptProposal(scenario, chat, 'write_file');
    await scenario.waitForFile('NOTES.md', (t) => t === NOTES);

    // Both files are in the list.
    const list = chat.locator('#changed-files');
    await list.locator('summary', { hasText: 'Changed in this conversation (2)' }).click();
    await list.locator('.changed-file[data-path="src/math.js"]').waitFor();
    await list.locator('.changed-file[data-path="NOTES.md"]').waitFor();
    await scenario.shot('changed-files');

    // A file opens its diff: before the conversation ↔ now.
    await list.locator('.changed-file[data-path="src/math.js"] button.open-change').click();
    await activeTab(scenario.page).and(scenario.page.locator('[aria-label*="before Ouro ↔ now"]')).waitFor();
    await scenario.page.locator('.monaco-diff-editor .editor.original .view-lines', { hasText: 'let i = 1' }).waitFor();
    await scenario.page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'let i = 0' }).waitFor();
    await scenario.shot('diff-before-now');

    // Undo since the second message: the dialog names only NOTES.md, and only it goes.
    const second = chat.locator('#messages .message.user', { hasText: 'write some notes' });
    await second.hover();
    await second.locator('button.undo-since').click();
    const dialog = scenario.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert.match(question, /1 file will change/);
    assert.match(question, /Delete NOTES\.md/);
    assert.doesNotMatch(question, /math\.js/);
    await scenario.shot('undo-since-dialog');
    await dialogButton(scenario.page, 'Undo Changes').click();
    await scenario.waitForFile('src/math.js', (t) => t === fixed);
    await chat.locator('#messages .notice', { hasText: 'deleted NOTES.md' }).waitFor();
    assert.equal(scenario.read('src/math.js'), fixed, 'the first turn\'s edit was undone too');
    await waitFor(() => !fs.existsSync(path.join(scenario.workspace, 'NOTES.md')));
    await list.locator('.changed-file[data-path="NOTES.md"]').waitFor({ state: 'detached' });

    // Revert the other file from the list, after confirming.
    await list.locator('.changed-file[data-path="src/math.js"] button.revert-file').click();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Restore src\/math\.js/);
    await dialogButton(scenario.page, 'Revert').click();
    await scenario.waitForFile('src/math.js', (t) => t === original);
    await list.waitFor({ state: 'hidden' });
    await scenario.shot('reverted');

    // The model's next request says which files went back, and to what.
    await sendMessage(chat, 'carry on');
    await chat.locator('#messages .message.assistant', { hasText: 'I will read the files again.' }).waitFor();
    const told = String(scenario.mock.requests.at(-1)?.messages.at(-1)?.content);
    assert.match(told, /The user restored files, so your edits to them are gone:\n- NOTES\.md: deleted \(it did not exist before you created it\)\n/);
    assert.match(told, /- src\/math\.js: back to what it held before this conversation\n/);
    assert.match(told, /\n\ncarry on$/);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
