// Ouro's commands as a person reaches them: the keybinding, the editor's context menu on a
// selection, and the command palette (New Chat, Focus Chat).
import assert from 'node:assert/strict';
import { answerIfUserSent, BUGGY_LINE } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { activeEditorLines, chatFrame, contextMenu, explorerRow, openFile, runCommand, sendMessage, waitUntilIdle } from './harness/workbench';

describe("Ouro's commands in VS Code", function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('opens the chat with Ctrl+Alt+O, attaches a selection, starts a new chat, and focuses it from the palette', async () => {
    const scenario = await scenarios.open({
      name: '8-commands',
      // Only the selected lines go to the model, not the whole file.
      script: [answerIfUserSent((sent) => sent.includes(BUGGY_LINE) && !sent.includes('export function average'), 'That loop skips the first number.')],
    });
    const page = scenario.page;
    const chat = chatFrame(page);

    // The keybinding, from the explorer.
    await explorerRow(page, 'README.md').click();
    await page.keyboard.press('Control+Alt+O');
    await chat.locator('textarea#prompt').waitFor({ state: 'visible' });
    await scenario.shot('keybinding');

    // Select lines 5-7 of src/math.js and ask about them from the editor's context menu.
    await openFile(page, 'math.js');
    // Each key waits for what the one before opened: under load a key can outrun the widget.
    await page.keyboard.press('Control+G');
    const goToLine = page.locator('.quick-input-widget .quick-input-box input');
    await goToLine.waitFor();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await goToLine.waitFor({ state: 'hidden' });
    await activeEditorLines(page).locator('.view-line', { hasText: 'for (let i = 1;' }).waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await contextMenu(page, activeEditorLines(page).locator('.view-line', { hasText: 'total += numbers[i];' }), 'Ask Ouro about the selection');
    await chat.locator('.attachment', { hasText: 'src/math.js:5-7' }).waitFor();
    await scenario.shot('selection-attached');
    await sendMessage(chat, 'what is wrong here?');
    await chat.locator('#messages .message.assistant', { hasText: 'That loop skips the first number.' }).waitFor();
    await waitUntilIdle(chat);

    // New Chat from the palette empties the transcript.
    await runCommand(page, 'Ouro: New Chat');
    await chat.locator('#messages .message').first().waitFor({ state: 'detached' });
    await scenario.shot('new-chat');

    // Focus Chat from the palette brings the view back after the explorer replaced it.
    await page.locator('.activitybar a.action-label[aria-label^="Explorer"]').click();
    await chat.locator('textarea#prompt').waitFor({ state: 'hidden' });
    await runCommand(page, 'Ouro: Focus Chat');
    await chat.locator('textarea#prompt').waitFor({ state: 'visible' });
    assert.equal(scenario.mock.requests.length, 1);
  });
});
