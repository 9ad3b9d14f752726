// Issue 15, fast accepts: five edits accepted one after another from their cards. Each card says
// "Accepted" at once, the file on disk holds each edit in turn, and no editor opens for the
// edited file (the editor area changes only as the person asks). The timings are printed; the
// bench (acceptSpeed) reports them against the goals.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ACCEPT_EDITS, ACCEPT_FILE, ACCEPTS_DONE, acceptFive, acceptReport, acceptScript } from './harness/acceptTimings';
import { useScenarios } from './harness/scenario';
import { sendMessage, waitUntilIdle } from './harness/workbench';

/** Tabs showing the edited file itself (a proposal's diff is titled "<path> ↔ Ouro's proposal"). */
function fileTabs(page: Page) {
  return page.locator('.tabs-container .tab[aria-label]').filter({ hasText: 'math.js' }).filter({ hasNotText: '↔' });
}

describe('Accepting edits, fast', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('says Accepted at once, writes each of five edits, and opens no tab for the edited file', async () => {
    const scenario = await scenarios.open({ name: '15-accept-speed', script: acceptScript() });
    const original = scenario.read(ACCEPT_FILE);
    const chat = await scenario.openChat();
    await sendMessage(chat, 'tidy src/math.js');
    const timings = await acceptFive(scenario, chat, () => scenario.shot('first-accepted'));
    await chat.locator('#messages .message.assistant', { hasText: ACCEPTS_DONE }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('five-accepted');
    console.log(acceptReport(timings).map((line) => `      ${line}`).join('\n'));

    assert.equal(scenario.read(ACCEPT_FILE), ACCEPT_EDITS.reduce((text, edit) => text.replace(edit.old_string, edit.new_string), original));
    for (const [i, timing] of timings.entries()) {
      assert.ok(timing.accepted <= timing.done, `accept ${i + 1}: the card said Accepted only after it was done (${JSON.stringify(timing)})`);
      assert.ok(timing.disk <= timing.done + 100, `accept ${i + 1}: the card was done before the file was written (${JSON.stringify(timing)})`);
    }
    const cards = chat.locator('#messages .tool-card[data-tool="edit_file"][data-status="done"] .tool-note');
    assert.deepEqual(await cards.allInnerTexts(), ACCEPT_EDITS.map(() => 'Accepted'));
    // Give a late editor time to open, then look.
    await scenario.page.waitForTimeout(1000);
    const opened = await fileTabs(scenario.page).evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label')));
    assert.deepEqual(opened, [], `the edited file opened in a tab; the tabs: ${await scenario.page.locator('.tabs-container .tab[aria-label]').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label')).join(' | '))}`);
  });
});
