// Issue 18: a finished session is reviewed file by file and block by block. Its review opens
// the session's files in diff editors against the commit it started from; a block reverted
// there goes back in the worktree, and Apply then brings only what is left to the workspace.
import assert from 'node:assert/strict';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { finishedSession } from './harness/sessions';
import { contextMenu, diffEditor } from './harness/workbench';

const PROMPT = 'fix sum and average';
const EMPTY_AVERAGE = 'if (numbers.length === 0) return 0;';
const NULL_AVERAGE = 'if (numbers.length === 0) return null;';

describe('Reviewing a worktree session block by block', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('leaves out a block reverted in the review when the session is applied', async () => {
    const scenario = await scenarios.open({
      name: '18-session-hunks',
      script: [
        reply(toolCall('read_file', { path: 'src/math.js' })),
        reply(toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE })),
        reply(toolCall('edit_file', { path: 'src/math.js', old_string: EMPTY_AVERAGE, new_string: NULL_AVERAGE })),
        textReply('Fixed the loop, and an empty list now averages to null.'),
      ],
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'ouro.checksBeforeDone': false },
    });
    const { page } = scenario;
    const row = await finishedSession(scenario, PROMPT);

    await row.click();
    await diffEditor(page).waitFor();
    const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines');
    await modified.filter({ hasText: 'return null' }).waitFor();
    await scenario.shot('review-two-blocks');
    // The second block's revert arrow, in the gutter between the two sides (one per block).
    const line = page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'return null' });
    await line.click();
    await line.hover();
    const revert = page.locator('.monaco-diff-editor .gutter .codicon-arrow-right').last();
    await revert.waitFor({ timeout: 10_000 });
    await revert.click();
    await modified.filter({ hasText: 'return null' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached' });
    await scenario.shot('block-reverted');

    await contextMenu(page, row, 'Apply Session to Workspace');
    const applied = await scenario.waitForFile('src/math.js', (text) => text.includes(FIXED_LINE));
    assert.ok(applied.includes(EMPTY_AVERAGE), `the reverted block stays out of the workspace:\n${applied}`);
    assert.ok(!applied.includes(NULL_AVERAGE));
  });
});
