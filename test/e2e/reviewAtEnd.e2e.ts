// Issue 15, review at the end: the agent's edits are staged and it works on; the Changes panel
// lists them, Keep All writes them (each file one edit, so the editor's Undo takes one back),
// and the model hears what was kept with its next request. A command with staged changes
// pending offers to keep them first; staged changes outlive a reload.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { reply, textReply, toolCall, type MockRequest } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE, lastContent } from './harness/modelScripts';
import { useScenarios, type Scenario } from './harness/scenario';
import { activeEditorLines, chatFrame, focusWorkbench, openFile, ouroActivity, runCommand, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const README_OLD = '# Sample workspace';
const README_NEW = '# Sample workspace (reviewed at the end)';
const PACKAGE_OLD = '"test": "node --test"';
const PACKAGE_NEW = '"test": "node --test test/"';

const settings = { 'ouro.review.flow': 'end' };

/** The Changes panel in Ouro's side bar. */
function changesPanel(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Changes/ }) });
}

function changeRow(page: Page, path: string): Locator {
  return changesPanel(page).locator('.monaco-list-row', { hasText: path });
}

/** A title-bar action of the Changes panel (shown while the pointer is over it). */
async function panelAction(page: Page, title: string): Promise<void> {
  const panel = changesPanel(page);
  await panel.locator('.pane-header').hover();
  await panel.locator('.pane-header .actions').getByRole('button', { name: title }).click();
}

/** The edit_file card for `path`, once its change is staged. */
function stagedCard(chat: FrameLocator, path: string): Locator {
  return chat
    .locator('#messages .tool-card[data-tool="edit_file"][data-status="done"]')
    .filter({ has: chat.locator('summary .tool-target', { hasText: new RegExp(`^${path.replace(/\./g, '\\.')}$`) }) })
    .filter({ has: chat.locator('.tool-note', { hasText: 'Staged' }) });
}

function lastRequestText(scenario: Scenario): string {
  return String(scenario.mock.requests.at(-1)?.messages.at(-1)?.content);
}

describe('Review at the end', function () {
  this.timeout(300_000);
  const scenarios = useScenarios();

  it('stages three edits while the agent works on, keeps them all, and one Undo takes one back', async () => {
    const scenario = await scenarios.open({
      name: '15-review-at-end',
      settings,
      script: [
        reply(
          toolCall('edit_file', { path: 'README.md', old_string: README_OLD, new_string: README_NEW }, { index: 0 }),
          toolCall('edit_file', { path: 'package.json', old_string: PACKAGE_OLD, new_string: PACKAGE_NEW }, { index: 1 }),
          toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE }, { index: 2 }),
        ),
        // It works on, and its own reads see what it staged.
        reply(toolCall('read_file', { path: 'src/math.js' })),
        (request: MockRequest) => textReply(lastContent(request.body.messages, 'tool').includes('let i = 0') ? 'Three files staged for your review.' : 'The read did not see the staged edit.'),
        textReply('Glad you kept them.'),
      ],
    });
    const { page } = scenario;
    const before = { readme: scenario.read('README.md'), pkg: scenario.read('package.json'), math: scenario.read('src/math.js') };
    const chat = await scenario.openChat();
    await sendMessage(chat, 'tidy the project');
    await chat.locator('#messages .message.assistant', { hasText: 'Three files staged for your review.' }).waitFor();
    await waitUntilIdle(chat);
    for (const path of ['README.md', 'package.json', 'src/math.js']) await stagedCard(chat, path).waitFor();
    assert.deepEqual({ readme: scenario.read('README.md'), pkg: scenario.read('package.json'), math: scenario.read('src/math.js') }, before, 'nothing touched the disk');

    // The panel lists the three files with their counts.
    for (const path of ['README.md', 'package.json', 'src/math.js']) await changeRow(page, path).waitFor();
    assert.equal(await changesPanel(page).locator('.monaco-list-row').count(), 3);
    assert.match(await changeRow(page, 'src/math.js').innerText(), /\+1 −1/);
    await scenario.shot('changes-panel');

    // A file opens as a diff: disk ↔ staged.
    await changeRow(page, 'src/math.js').click();
    await page.locator('.monaco-diff-editor .editor.original .view-lines', { hasText: 'let i = 1' }).waitFor();
    await page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'let i = 0' }).waitFor();
    await scenario.shot('staged-diff');

    await panelAction(page, 'Keep All Staged Changes');
    const after = {
      readme: before.readme.replace(README_OLD, README_NEW),
      pkg: before.pkg.replace(PACKAGE_OLD, PACKAGE_NEW),
      math: before.math.replace(BUGGY_LINE, FIXED_LINE),
    };
    await scenario.waitForFile('README.md', (t) => t === after.readme);
    await scenario.waitForFile('package.json', (t) => t === after.pkg);
    await scenario.waitForFile('src/math.js', (t) => t === after.math);
    await changesPanel(page).locator('.monaco-list-row').first().waitFor({ state: 'detached' });
    await scenario.shot('kept-all');

    // One Undo in the editor takes one file back; the others stay kept.
    await openFile(page, 'math.js');
    await activeEditorLines(page).filter({ hasText: 'let i = 0' }).waitFor();
    await activeEditorLines(page).click();
    await page.keyboard.press('Control+z');
    await activeEditorLines(page).filter({ hasText: 'let i = 1' }).waitFor();
    await page.keyboard.press('Control+s');
    await scenario.waitForFile('src/math.js', (t) => t === before.math);
    assert.equal(scenario.read('README.md'), after.readme);
    assert.equal(scenario.read('package.json'), after.pkg);
    await scenario.shot('one-undone');

    // The model's next request says what was kept, before the user's words.
    await sendMessage(chat, 'thanks');
    await chat.locator('#messages .message.assistant', { hasText: 'Glad you kept them.' }).waitFor();
    const told = lastRequestText(scenario);
    for (const path of ['README.md', 'package.json', 'src/math.js']) assert.match(told, new RegExp(`\\[Note from Ouro\\] The user reviewed your 1 change to ${path.replace('.', '\\.')} one by one: kept 1 \\(1\\), undid none\\.`));
    assert.match(told, /\n\nthanks$/);
  });

  it('asks before a command runs with staged changes, and keeps them when told to', async () => {
    const COMMAND = `node -e "console.log(require('fs').readFileSync('src/math.js', 'utf8').includes('let i = 0') ? 'sees the fix' : 'no fix')"`;
    const scenario = await scenarios.open({
      name: '15-run-with-staged',
      settings,
      script: [
        reply(toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE })),
        reply(toolCall('run_command', { command: COMMAND })),
        (request: MockRequest) => textReply(`The run said: ${lastContent(request.body.messages, 'tool').includes('sees the fix') ? 'sees the fix' : 'no fix'}.`),
      ],
    });
    const { page } = scenario;
    const original = scenario.read('src/math.js');
    const chat = await scenario.openChat();
    await sendMessage(chat, 'fix the loop and check it');
    await stagedCard(chat, 'src/math.js').waitFor();

    const card = toolCard(chat, 'run_command', 'waiting');
    await card.waitFor();
    const buttons = card.locator('.approval-buttons button');
    assert.deepEqual((await buttons.allInnerTexts()).map((label) => label.trim()), ['Keep these and run', 'Run without them', 'Cancel']);
    assert.match(await card.locator('.approval-detail').innerText(), /src\/math\.js \(\+1 −1\)/);
    assert.equal(scenario.read('src/math.js'), original);
    await changeRow(page, 'src/math.js').waitFor();
    await scenario.shot('three-choices');

    await card.locator('button', { hasText: 'Keep these and run' }).click();
    await chat.locator('#messages .message.assistant', { hasText: 'The run said: sees the fix.' }).waitFor();
    await waitUntilIdle(chat);
    assert.equal(scenario.read('src/math.js'), original.replace(BUGGY_LINE, FIXED_LINE));
    const told = lastContent(scenario.mock.requests.at(-1)!.messages, 'tool');
    assert.match(told, /^Before it ran, the user kept your staged changes\. The user reviewed your 1 change to src\/math\.js one by one: kept 1 \(1\), undid none\./);
    await changesPanel(page).locator('.monaco-list-row').first().waitFor({ state: 'detached' });
    await toolCard(chat, 'run_command', 'done').locator('.tool-note', { hasText: 'Keep these and run' }).waitFor();
    await scenario.shot('kept-and-ran');
  });

  it('keeps staged changes across a window reload', async () => {
    const scenario = await scenarios.open({
      name: '15-staged-reload',
      settings: { ...settings, 'workbench.colorTheme': 'Default Dark Modern' },
      script: [
        reply(
          toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE }, { index: 0 }),
          toolCall('edit_file', { path: 'README.md', old_string: README_OLD, new_string: README_NEW }, { index: 1 }),
        ),
        textReply('Staged the fix.'),
      ],
    });
    const { page } = scenario;
    const original = scenario.read('src/math.js');
    let chat = await scenario.openChat();
    await sendMessage(chat, 'fix the loop');
    await chat.locator('#messages .message.assistant', { hasText: 'Staged the fix.' }).waitFor();
    await waitUntilIdle(chat);
    await changeRow(page, 'src/math.js').waitFor();

    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('domcontentloaded');
    await ouroActivity(page).waitFor();
    // The Ouro side bar comes back open, the chat in it.
    chat = chatFrame(page);
    await chat.locator('#messages .message.assistant', { hasText: 'Staged the fix.' }).waitFor();
    await stagedCard(chat, 'src/math.js').waitFor();
    await changeRow(page, 'src/math.js').waitFor();
    assert.equal(scenario.read('src/math.js'), original);
    await scenario.shot('after-reload');

    // Still a staged change like any other: Keep writes it.
    await focusWorkbench(page);
    await changeRow(page, 'src/math.js').hover();
    await changeRow(page, 'src/math.js').getByRole('button', { name: 'Keep' }).click();
    await scenario.waitForFile('src/math.js', (t) => t === original.replace(BUGGY_LINE, FIXED_LINE));
    await changeRow(page, 'src/math.js').waitFor({ state: 'detached' });
    await scenario.shot('kept-after-reload');

    // The person changes the other file on disk: a conflict, which opens in the merge editor.
    const mine = '# My own title\n';
    fs.writeFileSync(path.join(scenario.workspace, 'README.md'), mine);
    await changeRow(page, 'README.md').filter({ hasText: 'conflict' }).waitFor();
    // Both versions side by side, the file on disk as the result. (A click that lands while the
    // tree redraws the row opens nothing: on a loaded machine it is clicked again.)
    const merge = page.locator('.merge-editor').first();
    const mineShown = merge.locator('.view-lines', { hasText: 'My own title' }).first();
    for (let tries = 1; ; tries++) {
      await changeRow(page, 'README.md').click();
      try {
        await mineShown.waitFor({ timeout: 15_000 });
        break;
      } catch (error) {
        if (tries === 4) throw error;
      }
    }
    await merge.locator('.view-lines', { hasText: '(reviewed at the end)' }).first().waitFor();
    await scenario.shot('conflict-in-merge-editor');
    // Undo leaves the person's version.
    await changeRow(page, 'README.md').hover();
    await changeRow(page, 'README.md').getByRole('button', { name: 'Undo' }).click();
    await changeRow(page, 'README.md').waitFor({ state: 'detached' });
    assert.equal(scenario.read('README.md'), mine);
  });
});
