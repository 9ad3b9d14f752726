// Scenarios 1-3 of issue 5: a person asks Ouro to fix the bug in src/math.js and reviews the
// proposed edit in the diff editor — accepting it, rejecting it, or editing it first.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { textReply } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIRST_WORDS, FIXED_LINE, fixBugScript } from './harness/modelScripts';
import { useScenarios, type Scenario } from './harness/scenario';
import { activeEditorLines, activeTab, diffEditor, editorTitleAction, openFile, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const PROMPT = 'fix the bug in src/math.js';
const PROPOSAL_TAB = "src/math.js ↔ Ouro's proposal";

/** Sends the prompt and waits until the proposal is open in the diff editor. */
async function askForTheFix(scenario: Scenario): Promise<FrameLocator> {
  const chat = await scenario.openChat();
  await scenario.shot('chat-open');
  await sendMessage(chat, PROMPT);
  await chat.locator('#messages .message.user', { hasText: PROMPT }).waitFor();
  await chat.locator('#messages .message.assistant', { hasText: FIRST_WORDS }).first().waitFor();
  await toolCard(chat, 'list_files', 'done').waitFor();
  await toolCard(chat, 'read_file', 'done').waitFor();
  await chat.locator('#messages .tool-card[data-tool="read_file"] .tool-target', { hasText: 'src/math.js' }).waitFor();
  await toolCard(chat, 'edit_file', 'waiting').waitFor();
  await diffEditor(scenario.page).waitFor();
  await scenario.page.locator(`.tabs-container .tab.active[aria-label*="${PROPOSAL_TAB}"]`).waitFor();
  await scenario.page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'let i = 0' }).waitFor();
  await scenario.shot('proposal-diff');
  return chat;
}

describe('Fixing a bug with Ouro in VS Code', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('applies the proposed fix when the user accepts it in the diff title bar', async () => {
    const scenario = await scenarios.open({
      name: '1-fix-accept',
      script: fixBugScript((result) => textReply(/error|reject|conflict/i.test(result) ? `Unexpected: ${result}` : 'Fixed: sum now starts at index 0, so sum([1, 2, 3]) is 6.')),
    });
    const original = scenario.read('src/math.js');
    const chat = await askForTheFix(scenario);
    assert.equal(scenario.read('src/math.js'), original, 'the file changed before the user accepted');

    await editorTitleAction(scenario.page, 'Keep all changes').click();
    const fixed = await scenario.waitForFile('src/math.js', (text) => text.includes(FIXED_LINE));
    assert.equal(fixed, original.replace(BUGGY_LINE, FIXED_LINE));
    await chat.locator('#messages .message.assistant', { hasText: 'Fixed: sum now starts at index 0' }).waitFor();
    await toolCard(chat, 'edit_file', 'done').waitFor();
    await waitUntilIdle(chat);
    await diffEditor(scenario.page).waitFor({ state: 'detached' });
    await scenario.shot('final-answer');

    // The accepted edit is an ordinary edit: undo in the editor brings the old line back. For a
    // second after its write Ouro closes any tab of the file that opens (the workbench's stray one
    // as the diff closes, strayTabs.ts), so the file is opened once that second is over.
    await scenario.page.waitForTimeout(1_100);
    await openFile(scenario.page, 'math.js');
    await activeEditorLines(scenario.page).filter({ hasText: 'let i = 0' }).waitFor();
    await scenario.page.keyboard.press('Control+Z');
    await activeEditorLines(scenario.page).filter({ hasText: 'let i = 1' }).waitFor();
    await scenario.shot('undone-in-editor');

    // What the model was sent: each tool's real result, in order.
    const [, afterList, afterRead, afterEdit] = scenario.mock.requests;
    assert.match(String(afterList.messages.at(-1)?.content), /src\//);
    assert.match(String(afterRead.messages.at(-1)?.content), /let i = 1/);
    assert.equal(afterEdit.messages.at(-1)?.role, 'tool');
    assert.equal(scenario.mock.requests.length, 4);
  });

  it('leaves the file untouched and tells the agent when the user rejects the proposal', async () => {
    const scenario = await scenarios.open({
      name: '2-fix-reject',
      script: fixBugScript((result) => textReply(/reject/i.test(result) ? 'Understood: I left src/math.js as it was.' : `Unexpected: ${result}`)),
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const original = scenario.read('src/math.js');
    const chat = await askForTheFix(scenario);

    await editorTitleAction(scenario.page, 'Undo all changes').click();
    // Reject asks why; the answer goes to the model with the rejection.
    const reason = scenario.page.locator('.quick-input-widget .quick-input-box input');
    await reason.waitFor();
    await reason.fill('keep the loop as it is');
    await scenario.shot('reject-reason');
    await reason.press('Enter');
    await chat.locator('#messages .message.assistant', { hasText: 'Understood: I left src/math.js as it was.' }).waitFor();
    await waitUntilIdle(chat);
    await diffEditor(scenario.page).waitFor({ state: 'detached' });
    await scenario.shot('rejected');
    // Rejecting was the user's choice: the card says so, neutrally, not as a failure.
    await toolCard(chat, 'edit_file', 'rejected').waitFor();
    assert.equal(scenario.read('src/math.js'), original);
    const told = String(scenario.mock.requests[3].messages.at(-1)?.content);
    assert.match(told, /reject/i);
    assert.match(told, /keep the loop as it is/);
  });

  it('shows Stop during a review as stopped, like a rejection, and writes nothing', async () => {
    const scenario = await scenarios.open({
      name: '2b-fix-stop-during-review',
      script: fixBugScript((result) => textReply(`Unexpected: ${result}`)),
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    const original = scenario.read('src/math.js');
    const chat = await askForTheFix(scenario);

    await chat.locator('button#stop').click();
    await waitUntilIdle(chat);
    await toolCard(chat, 'edit_file', 'stopped').waitFor();
    await diffEditor(scenario.page).waitFor({ state: 'detached' });
    await scenario.shot('stopped-during-review');
    assert.equal(await chat.locator('#messages .tool-card[data-status="failed"]').count(), 0, 'a stop is not a failure');
    assert.equal(scenario.read('src/math.js'), original);
    assert.equal(scenario.mock.requests.length, 3, 'Stop ends the turn: nothing more goes to the model');
  });

  it("writes the user's own version when they edit the proposal before accepting", async () => {
    const scenario = await scenarios.open({
      name: '3-fix-edit-then-accept',
      script: fixBugScript((result) => textReply(/error|reject|conflict/i.test(result) ? `Unexpected: ${result}` : 'Done, with your changes.')),
    });
    const original = scenario.read('src/math.js');
    const chat = await askForTheFix(scenario);

    // Type into the right side of the diff, as a person would: a new last line.
    const page = scenario.page;
    await page.locator('.monaco-diff-editor .editor.modified .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('// Reviewed by a person.');
    await page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'Reviewed by a person.' }).waitFor();
    await scenario.shot('proposal-edited');
    assert.match(await activeTab(page).getAttribute('aria-label') ?? '', /Ouro's proposal/);

    await editorTitleAction(page, 'Keep all changes').click();
    // Waiting for the whole expected text, not just any change, never reads a half-written file.
    const fixed = original.replace(BUGGY_LINE, FIXED_LINE).trimEnd();
    await scenario.waitForFile('src/math.js', (text) => {
      const whole = text.replace(/\r\n/g, '\n').trimEnd();
      return whole.startsWith(fixed) && whole.endsWith('// Reviewed by a person.') && /^\s*$/.test(whole.slice(fixed.length, -'// Reviewed by a person.'.length));
    });

    await chat.locator('#messages .message.assistant', { hasText: 'Done, with your changes.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('accepted-with-changes');
  });

  it('writes nothing when the file changed on disk while the proposal was open, and tells the agent', async () => {
    const scenario = await scenarios.open({
      name: '7-fix-conflict',
      script: fixBugScript((result) => textReply(/changed/i.test(result) ? 'The file changed meanwhile; I will read it again.' : `Unexpected: ${result}`)),
    });
    const chat = await askForTheFix(scenario);
    // Someone else (another tool, a git checkout) changes the file during the review.
    const outside = `${scenario.read('src/math.js')}// changed outside the editor\n`;
    fs.writeFileSync(path.join(scenario.workspace, 'src/math.js'), outside);
    await scenario.page.locator('.monaco-diff-editor .editor.original .view-lines', { hasText: 'changed outside the editor' }).waitFor();

    await editorTitleAction(scenario.page, 'Keep all changes').click();
    await chat.locator('#messages .message.assistant', { hasText: 'The file changed meanwhile; I will read it again.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('conflict');
    assert.equal(scenario.read('src/math.js'), outside);
    assert.match(String(scenario.mock.requests[3].messages.at(-1)?.content), /changed/i);
  });
});
