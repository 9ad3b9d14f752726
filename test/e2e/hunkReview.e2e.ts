// Issue 15, per hunk: the model proposes an edit with two separate changes; in the diff editor the
// person keeps the first with its Keep lens and undoes the second with its Undo lens. The file on
// disk holds exactly the kept change, and the model's next request says exactly what was kept and
// undone and how the file now reads. In a light and a dark theme, for the screenshots.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE, lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { diffEditor, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const OLD_COMMENT = '// Small number helpers for the sample app.';
const NEW_COMMENT = '// Number helpers for the sample app.';
const OLD_START = [OLD_COMMENT, '', 'export function sum(numbers) {', '  let total = 0;', `  ${BUGGY_LINE}`].join('\n');
const NEW_START = [NEW_COMMENT, '', 'export function sum(numbers) {', '  let total = 0;', `  ${FIXED_LINE}`].join('\n');

/** What the model hears after keeping the comment and undoing the loop fix. */
const TOLD = [
  'The user reviewed your 2 changes to src/math.js one by one: kept 1 (1), undid 1 (2).',
  'Undone (the file keeps what it had; do not make these changes again unless the user asks):',
  '- change 2, at line 5:',
  '    stays:',
  `        ${BUGGY_LINE}`,
  '    instead of your:',
  `        ${FIXED_LINE}`,
  'src/math.js now reads, around each change:',
  `   1\t${NEW_COMMENT}`,
  '   2\t',
  '   3\texport function sum(numbers) {',
  '   4\t  let total = 0;',
  `   5\t  ${BUGGY_LINE}`,
  '   6\t    total += numbers[i];',
  '   7\t  }',
].join('\n');

const themes = [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
] as const;

/** The CodeLens rows above the changes on the proposal side, top first. */
async function lensRows(page: Page): Promise<Locator[]> {
  const rows = page.locator('.monaco-diff-editor .editor.modified .codelens-decoration');
  const boxes = await Promise.all((await rows.all()).map(async (row) => ({ row, top: (await row.boundingBox())?.y ?? 0 })));
  return boxes.sort((a, b) => a.top - b.top).map((box) => box.row);
}

describe('Reviewing an edit change by change', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  for (const [theme, colorTheme] of themes) {
    it(`keeps one change and undoes the other with their lenses, and tells the model exactly (${theme})`, async () => {
      const scenario = await scenarios.open({
        name: `15-hunk-review-${theme}`,
        settings: { 'workbench.colorTheme': colorTheme },
        script: [reply(toolCall('edit_file', { path: 'src/math.js', old_string: OLD_START, new_string: NEW_START })), textReply('I will leave the loop as it is.')],
      });
      const { page } = scenario;
      const original = scenario.read('src/math.js');
      const chat = await scenario.openChat();
      await sendMessage(chat, 'tidy up src/math.js');
      await toolCard(chat, 'edit_file', 'waiting').waitFor();
      await diffEditor(page).waitFor();
      const modified = page.locator('.monaco-diff-editor .editor.modified');
      await modified.locator('.codelens-decoration', { hasText: 'Keep' }).nth(1).waitFor();
      const [first, second] = await lensRows(page);
      assert.match(await first.innerText(), /Keep\s*\|\s*Undo/);
      assert.match(await second.innerText(), /Keep\s*\|\s*Undo/);
      await scenario.shot('two-changes');

      await first.locator('a', { hasText: 'Keep' }).click();
      // A kept change's lens says so (as text, not a link); only the other change still offers Keep.
      await modified.locator('.codelens-decoration', { hasText: 'Kept' }).waitFor();
      const undecided = modified.locator('.codelens-decoration', { hasText: 'Keep' });
      assert.equal(await undecided.count(), 1);
      assert.equal(scenario.read('src/math.js'), original, 'written before every change was decided');
      await toolCard(chat, 'edit_file', 'waiting').waitFor();
      await scenario.shot('first-kept');

      assert.equal(await second.innerText(), await undecided.innerText(), 'the second change is not the undecided one');
      await undecided.locator('a', { hasText: 'Undo' }).click();
      const expected = original.replace(OLD_COMMENT, NEW_COMMENT);
      // A write truncates before it fills the file: wait for it to hold text again.
      const written = await scenario.waitForFile('src/math.js', (text) => text !== original && text !== '');
      assert.equal(written, expected);
      await chat.locator('#messages .message.assistant', { hasText: 'I will leave the loop as it is.' }).waitFor();
      await waitUntilIdle(chat);
      await toolCard(chat, 'edit_file', 'done').filter({ hasText: 'Kept 1 of 2 changes' }).waitFor();
      await diffEditor(page).waitFor({ state: 'detached' });
      await scenario.shot('decided');

      const next = scenario.mock.requests.at(-1)!;
      assert.equal(next.messages.at(-1)?.role, 'tool');
      assert.equal(lastContent(next.messages, 'tool'), TOLD);
    });
  }

  it('keeps and undoes the change at the cursor, and moves to the next change, from the keyboard', async () => {
    const scenario = await scenarios.open({
      name: '15-hunk-review-keyboard',
      script: [reply(toolCall('edit_file', { path: 'src/math.js', old_string: OLD_START, new_string: NEW_START })), textReply('Only the loop, then.')],
    });
    const { page } = scenario;
    const original = scenario.read('src/math.js');
    const chat = await scenario.openChat();
    await sendMessage(chat, 'tidy up src/math.js');
    await toolCard(chat, 'edit_file', 'waiting').waitFor();
    const modified = page.locator('.monaco-diff-editor .editor.modified');
    await modified.locator('.codelens-decoration', { hasText: 'Keep' }).nth(1).waitFor();

    // On the loop's line: keep it; the next change wraps round to the comment: undo it.
    await modified.locator('.view-line', { hasText: 'let i = 0' }).click();
    await page.keyboard.press('Control+Alt+Enter');
    await modified.locator('.codelens-decoration', { hasText: 'Kept' }).waitFor();
    await page.keyboard.press('Control+Alt+N');
    await page.locator('.statusbar', { hasText: 'Ln 1,' }).waitFor();
    await scenario.shot('next-change');
    await page.keyboard.press('Control+Alt+Z');

    const written = await scenario.waitForFile('src/math.js', (text) => text !== original && text !== '');
    assert.equal(written, original.replace(BUGGY_LINE, FIXED_LINE));
    await chat.locator('#messages .message.assistant', { hasText: 'Only the loop, then.' }).waitFor();
    const told = lastContent(scenario.mock.requests.at(-1)!.messages, 'tool');
    assert.match(told, /^The user reviewed your 2 changes to src\/math\.js one by one: kept 1 \(2\), undid 1 \(1\)\.\n/);
    assert.match(told, /- change 1, at line 1:\n {4}stays:\n {6}\/\/ Small number helpers for the sample app\.\n/);
  });
});
