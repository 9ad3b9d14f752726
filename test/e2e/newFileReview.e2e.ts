// Issue 15: a new file is reviewed as the proposal itself, in a normal editor with every line
// shaded as added, not as a diff against an empty left side (whose line 1 VS Code marks removed).
// Its one change has Keep and Undo lenses, the title bar keeps its actions, and the card offers to
// show the file (not "Diff"). In a light and a dark theme, for the screenshots.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { waitFor } from './harness/codeServer';
import { useScenarios } from './harness/scenario';
import { activeTab, diffEditor, editorTitleAction, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const NOTES = '# Notes\n\n- sum() starts at index 0 now.\n- average() divides by the count.\n';

const themes = [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
] as const;

describe('Reviewing a new file', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  for (const [theme, colorTheme] of themes) {
    it(`shows a new file on its own, shaded as added, and writes it exactly when kept (${theme})`, async () => {
      const scenario = await scenarios.open({
        name: `15-new-file-${theme}`,
        settings: { 'workbench.colorTheme': colorTheme },
        script: [reply(toolCall('write_file', { path: 'NOTES.md', content: NOTES })), textReply('Wrote the notes.')],
      });
      const { page } = scenario;
      const chat = await scenario.openChat();
      await sendMessage(chat, 'write some notes');
      const card = toolCard(chat, 'write_file', 'waiting');
      await card.waitFor();

      await activeTab(page).filter({ hasText: 'new file from Ouro' }).waitFor();
      const editor = page.locator('.editor-group-container.active .editor-instance .monaco-editor');
      await editor.locator('.view-lines', { hasText: 'average() divides by the count.' }).waitFor();
      assert.equal(await diffEditor(page).count(), 0, 'a new file opened as a diff');
      // Every line of the proposal is shaded as added.
      await editor.locator('.view-overlays [class*="TextEditorDecorationType"]').first().waitFor();
      const shaded = await editor.locator('.view-overlays [class*="TextEditorDecorationType"]').count();
      assert.ok(shaded >= 5, `only ${shaded} lines are shaded`);
      const lens = editor.locator('.codelens-decoration');
      await lens.waitFor();
      assert.match(await lens.innerText(), /Keep\s*\|\s*Undo/);
      await editorTitleAction(page, 'Keep all changes').waitFor();
      await editorTitleAction(page, 'Undo all changes').waitFor();
      assert.equal(await card.locator('button.show-diff').innerText(), 'Show');
      const notes = path.join(scenario.workspace, 'NOTES.md');
      assert.equal(fs.existsSync(notes), false, 'written before the person decided');
      await scenario.shot('new-file');

      if (theme === 'dark') await lens.locator('a', { hasText: 'Keep' }).click();
      else await editorTitleAction(page, 'Keep all changes').click();
      await waitFor(15_000, 'NOTES.md to be written', () => (fs.existsSync(notes) && fs.readFileSync(notes, 'utf8') === NOTES ? true : undefined));
      await chat.locator('#messages .message.assistant', { hasText: 'Wrote the notes.' }).waitFor();
      await waitUntilIdle(chat);
      await toolCard(chat, 'write_file', 'done').waitFor();
      await page.locator('.tabs-container .tab', { hasText: 'new file from Ouro' }).waitFor({ state: 'detached' });
      await scenario.shot('new-file-kept');
    });
  }
});
