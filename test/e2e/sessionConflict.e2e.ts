// Issue 18: a session whose change conflicts with what the person wrote in the workspace since
// it started. Apply says which file and writes nothing; with the person's yes it writes the
// file with conflict markers and opens VS Code's merge editor on it: the workspace's version,
// the session's and their base.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { textReply } from '../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE, fixBugScript } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { finishedSession } from './harness/sessions';
import { contextMenu } from './harness/workbench';

const PROMPT = 'fix the bug in src/math.js';
/** What the person wrote on the same line while the session worked. */
const THEIR_LINE = 'for (let i = 1, n = numbers.length; i < n; i++) {';

describe('A worktree session that conflicts with the workspace', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('applies nothing until the person says so, then writes conflict markers and opens the merge editor', async () => {
    const scenario = await scenarios.open({
      name: '18-session-conflict',
      script: fixBugScript(() => textReply('Fixed: the loop starts at 0.')),
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'ouro.checksBeforeDone': false },
    });
    const { page } = scenario;
    const row = await finishedSession(scenario, PROMPT);

    // Meanwhile the person changed the same line in the workspace.
    const theirs = scenario.read('src/math.js').replace(BUGGY_LINE, THEIR_LINE);
    writeFileSync(join(scenario.workspace, 'src', 'math.js'), theirs);

    await contextMenu(page, row, 'Apply Session to Workspace');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'conflicts with the workspace in 1 file' });
    await dialog.waitFor();
    await scenario.shot('conflict-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(scenario.read('src/math.js'), theirs, 'cancelling applies nothing');

    await contextMenu(page, row, 'Apply Session to Workspace');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Apply with Conflict Markers' }).click();
    const marked = await scenario.waitForFile('src/math.js', (text) => text.includes('<<<<<<<'));
    assert.ok(marked.includes(THEIR_LINE) && marked.includes(FIXED_LINE), `both sides are in the file:\n${marked}`);
    const merge = page.locator('.merge-editor');
    await merge.waitFor({ timeout: 30_000 });
    await merge.getByText('Workspace', { exact: true }).first().waitFor();
    await merge.getByText('ouro/fix-the-bug-in-src-math', { exact: true }).first().waitFor();
    await scenario.shot('merge-editor');
  });
});
