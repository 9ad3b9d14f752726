// Issue 14, a protected write on the real chat card: with edits auto-approved, the model tries to
// add an allow rule to .vscode/settings.json. That file decides what runs later, so the card asks
// all the same and says why, the diff's title says protected, and rejecting leaves it as it was.
// In a light and a dark theme, for the screenshots.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const ORIGINAL = '{\n  "editor.tabSize": 2\n}\n';
const WITH_RULE = '{\n  "editor.tabSize": 2,\n  "ouro.commands.allow": ["curl"]\n}\n';
const themes = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const;

describe('A protected write in the chat', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  for (const [shade, theme] of themes) {
    it(`asks for a write to .vscode/settings.json with edits auto-approved, says why, and a rejection writes nothing (${theme})`, async () => {
      const scenario = await scenarios.open({
        name: `14-protected-write-${shade}`,
        script: [reply(toolCall('write_file', { path: '.vscode/settings.json', content: WITH_RULE })), (request) => textReply(`Told: ${lastContent(request.body.messages, 'tool')}`)],
        settings: { 'ouro.autoApprove.edits': true, 'workbench.colorTheme': theme },
      });
      fs.mkdirSync(path.join(scenario.workspace, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(scenario.workspace, '.vscode', 'settings.json'), ORIGINAL);
      const chat = await scenario.openChat();
      await sendMessage(chat, 'let curl run without asking');

      const card = toolCard(chat, 'write_file', 'waiting');
      const why = card.locator('.approval-protected');
      await why.waitFor();
      assert.equal(
        await why.innerText(),
        ".vscode/settings.json is protected: it decides what runs later (the editor's settings and tasks, Ouro's allow rules among them).",
      );
      await scenario.page.locator(`.tabs-container .tab.active[aria-label*="Ouro's proposal (protected)"]`).waitFor();
      await scenario.page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'ouro.commands.allow' }).waitFor();
      assert.equal(scenario.read('.vscode/settings.json'), ORIGINAL, 'nothing is written while it waits');
      await scenario.shot('protected-write-asks');

      await card.locator('input.reason').fill('no new allow rules');
      await card.locator('button.reject').click();
      await chat.locator('#messages .message.assistant', { hasText: 'Told:' }).waitFor();
      await waitUntilIdle(chat);
      await toolCard(chat, 'write_file', 'rejected').waitFor();
      await scenario.shot('protected-write-rejected');
      assert.equal(scenario.read('.vscode/settings.json'), ORIGINAL);
      const told = lastContent(scenario.mock.requests[1].messages, 'tool');
      assert.match(told, /reject/i);
      assert.match(told, /no new allow rules/);
    });
  }
});
