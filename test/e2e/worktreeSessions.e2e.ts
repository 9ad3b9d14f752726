// Issue 18 in the editor: a session started from the command runs the mock model in its own git
// worktree, shows as done in the Sessions view with the one file it changed, is reviewed in a
// diff editor, applied to the workspace, and discarded (light theme, then dark); a session that
// needs an approval waits for the person with a badge; best of 2, started from the chat's composer,
// is chosen by the project's checks and shown as a table in the chat, which a reload keeps; a
// session here waits while the chat writes in the workspace, then asks to write and goes on; the
// chat view lists sessions running at once, shows each one's conversation, answers an approval,
// sends a follow-up and stops one; the menu beside Send starts sessions, and outside git says why
// its worktree entries are off.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { delay, reply, text, textReply, toolCall, usage } from '../fixtures/mockOpenAI';
import { answerIfUserSent, BUGGY_LINE, byFirstMessage, FIXED_LINE, fixBugScript, lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { commitWorkspace, sessionsPane, startSession } from './harness/sessions';
import { chatFrame, activeEditorLines, contextMenu, diffEditor, ouroActivity, runCommand, sendMessage, toolCard } from './harness/workbench';

const PROMPT = 'fix the bug in src/math.js';

/** The number on Ouro's icon in the activity bar: the badges of its views added up. */
function ouroBadge(page: Page) {
  return page.locator('.activitybar .action-item', { has: page.locator('a.action-label[aria-label^="Ouro"]') }).locator('.badge .badge-content');
}

/** Switches the running editor between its light and dark themes, as a person does from the palette. */
async function toggleTheme(page: Page, shade: 'vs' | 'vs-dark'): Promise<void> {
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.locator(`.monaco-workbench.${shade}`).waitFor();
}

describe('Worktree sessions in the editor', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('runs a session in a worktree, then reviews, applies and discards it from the Sessions view', async () => {
    const scenario = await scenarios.open({
      name: '18-worktree-session',
      script: fixBugScript((result) => textReply(/error|reject/i.test(result) ? `Unexpected: ${result}` : 'Fixed: the loop starts at 0.')),
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'ouro.checksBeforeDone': false },
    });
    const { page } = scenario;
    const git = commitWorkspace(scenario);
    await scenario.openChat();
    const pane = sessionsPane(page);
    await pane.waitFor();
    await scenario.shot('sessions-empty');

    await startSession(page, PROMPT);
    const row = pane.locator('.monaco-list-row', { hasText: PROMPT });
    await row.filter({ hasText: 'done' }).filter({ hasText: '1 file' }).waitFor({ timeout: 90_000 });
    assert.ok(scenario.read('src/math.js').includes(BUGGY_LINE), 'the workspace itself is not touched while the session works');
    assert.match(git('branch', '--list', 'ouro/*'), /ouro\/fix-the-bug-in-src-math\n/);
    await scenario.shot('session-done');

    await row.click();
    await diffEditor(page).waitFor();
    await page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'let i = 0' }).waitFor();
    await page.locator('.monaco-diff-editor .editor.original .view-lines', { hasText: 'let i = 1' }).waitFor();
    await scenario.shot('review-diff');

    await contextMenu(page, row, 'Apply Session to Workspace');
    await scenario.waitForFile('src/math.js', (text) => text.includes(FIXED_LINE));
    await page.locator('.notifications-toasts', { hasText: 'to the workspace (1 file)' }).waitFor();
    await scenario.shot('applied');

    await toggleTheme(page, 'vs-dark');
    await scenario.shot('applied-dark');

    await contextMenu(page, row, 'Discard Session');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Discard the session' });
    await dialog.waitFor();
    await scenario.shot('discard-confirm');
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await row.waitFor({ state: 'detached' });
    await diffEditor(page).waitFor({ state: 'detached' });
    assert.equal(git('branch', '--list', 'ouro/*').trim(), '');
    assert.ok(scenario.read('src/math.js').includes(FIXED_LINE), 'discarding keeps what was applied');
    await scenario.shot('discarded');
  });

  it('marks a session that needs an approval as waiting for you, with a badge, until the person allows it', async () => {
    const scenario = await scenarios.open({
      name: '18-session-waiting',
      script: [reply(toolCall('run_command', { command: 'node --version' })), (request) => textReply(/v\d+\./.test(lastContent(request.body.messages, 'tool')) ? 'Node runs here.' : `Unexpected: ${lastContent(request.body.messages, 'tool')}`)],
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'ouro.checksBeforeDone': false },
    });
    const { page } = scenario;
    commitWorkspace(scenario);
    await scenario.openChat();
    await startSession(page, 'which node is there');
    const row = sessionsPane(page).locator('.monaco-list-row', { hasText: 'which node is there' });
    await row.filter({ hasText: 'waiting for you' }).waitFor({ timeout: 60_000 });
    // The Sessions view's badge, on Ouro's icon too: one waiting session counts once.
    const badge = ouroBadge(page);
    await badge.filter({ hasText: /^1$/ }).waitFor();
    // The question is a notification: a toast, or in the notification centre once the toast is gone.
    const ask = page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item', { hasText: 'asks to run node --version' }).first();
    if (!(await ask.isVisible())) await runCommand(page, 'Notifications: Show Notifications');
    await ask.waitFor();
    await scenario.shot('waiting');
    await ask.getByRole('button', { name: 'Allow' }).click();
    await row.filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    await badge.filter({ hasText: /\d/ }).waitFor({ state: 'hidden' });
    await scenario.shot('done');
  });

  it('tries two ways from the composer, shows the table in the chat after a reload, opens a failure, applies the winner and discards the other', async () => {
    const wrong = 'for (let i = 1; i <= numbers.length; i++) {';
    const attempt = (line: string, tokens: number) => [
      reply(toolCall('read_file', { path: 'src/math.js' }), usage(tokens, 20)),
      reply(toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: line }), usage(tokens + 100, 30)),
      reply(text('Changed the loop.'), usage(tokens + 200, 10)),
    ];
    const scenario = await scenarios.open({
      name: '18-try-2-ways-in-chat',
      script: [...attempt(wrong, 1000), ...attempt(FIXED_LINE, 2000)],
      // The second attempt samples hotter, so that it differs from the first.
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'ouro.checksBeforeDone': false, 'ouro.tryWays.temperature': 0.9 },
    });
    const { page } = scenario;
    const git = commitWorkspace(scenario);
    let chat = await scenario.openChat();
    // Room for the card in the screenshots: the Changes view folded.
    await page.locator('.pane-header', { hasText: 'Changes' }).click();
    await chat.locator('textarea#prompt').fill(PROMPT);
    // The menu beside Send, by keyboard: the first entry is Send, the next Try 2 ways.
    await chat.locator('#send-menu').focus();
    await chat.locator('#send-menu').press('ArrowDown');
    await chat.locator('#send-options [role="menuitem"]', { hasText: 'Send' }).and(chat.locator(':focus')).waitFor();
    await page.keyboard.press('ArrowDown');
    await scenario.shot('menu');
    await page.keyboard.press('Enter');

    const card = chat.locator('#messages .try-card', { hasText: `Try 2 ways: ${PROMPT}` });
    await card.locator('.try-status', { hasText: /Attempt \d of 2: (running|checking)/ }).waitFor({ timeout: 60_000 });
    await scenario.shot('running');
    await card.locator('.try-status', { hasText: 'Attempt 2 wins: 1 of 1 checks passed' }).waitFor({ timeout: 150_000 });
    assert.ok(scenario.read('src/math.js').includes(BUGGY_LINE), 'nothing is applied before the person says so');
    const [first, second] = [card.locator('tbody.try-attempt[data-attempt="1"]'), card.locator('tbody.try-attempt[data-attempt="2"]')];
    await second.locator('.try-star[aria-label="winner"]').waitFor();
    // Each attempt's tokens, as the mock model reported them (three requests each).
    await first.locator('.try-tokens', { hasText: '3,360' }).waitFor();
    await second.locator('.try-tokens', { hasText: '6,360' }).waitFor();
    await first.locator('.try-check.failed').waitFor();
    await second.locator('.try-check.passed').waitFor();
    await second.locator('.try-variant', { hasText: 'temperature 0.9' }).waitFor();
    assert.equal(await first.locator('.try-variant').count(), 0);
    assert.deepEqual(scenario.mock.requests.map((body) => (body as { temperature?: number }).temperature), [undefined, undefined, undefined, 0.9, 0.9, 0.9]);
    await scenario.shot('table');

    // The window reloads: the card comes back with the conversation's chat.
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('domcontentloaded');
    await ouroActivity(page).waitFor();
    await runCommand(page, 'Ouro: Focus Chat');
    chat = chatFrame(page);
    const again = chat.locator('#messages .try-card', { hasText: 'Attempt 2 wins' });
    await again.waitFor();
    const failure = again.locator('tbody.try-attempt[data-attempt="1"] details.try-output');
    await failure.locator('summary', { hasText: 'failed (exit 1)' }).click();
    await failure.locator('pre', { hasText: /fail|not ok/ }).waitFor();
    await scenario.shot('table-failure-open');

    await again.locator('tbody.try-attempt[data-attempt="2"] [data-try-action="apply"]').click();
    await scenario.waitForFile('src/math.js', (content) => content.includes(FIXED_LINE));
    await again.locator('tbody.try-attempt[data-attempt="2"] .try-applied').waitFor();
    await again.locator('[data-try-action="discardOthers"]').click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Discard the other attempt?' });
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await again.locator('tbody.try-attempt[data-attempt="1"][data-state="discarded"]').waitFor();
    await waitUntil(() => git('branch', '--list', 'ouro/*').trim().split('\n').length === 1);
    assert.match(git('branch', '--list', 'ouro/*'), /ouro\/fix-the-bug-in-src-math-2/);
    assert.equal(await again.locator('[data-try-action="discardOthers"]').count(), 0);
    await scenario.shot('applied-light');
    await toggleTheme(page, 'vs-dark');
    await scenario.shot('applied-dark');
  });
  it('disables the worktree entries of the menu beside Send in a workspace that is not a git repository, and says why', async () => {
    const scenario = await scenarios.open({ name: '18-try-without-git', script: [], settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    const chat = await scenario.openChat();
    await chat.locator('textarea#prompt').fill(PROMPT);
    await chat.locator('#send-menu').click();
    const menu = chat.locator('#send-options');
    await menu.locator('.send-menu-note', { hasText: 'a git repository with a first commit' }).waitFor();
    // Try 2 to 5 ways and New session in a worktree; Send and New session here stay.
    assert.equal(await menu.locator('[role="menuitem"][aria-disabled="true"]').count(), 5);
    assert.equal(await menu.locator('[data-session="here"][aria-disabled]').count(), 0);
    assert.match((await menu.locator('[data-attempts="2"]').getAttribute('title')) ?? '', /sample-workspace is not in a git repository/);
    assert.equal(await menu.locator('[data-attempts="1"][aria-disabled]').count(), 0);
    await scenario.shot('try-disabled');
    // Picking a disabled entry starts nothing; the words stay in the composer.
    await menu.locator('[data-attempts="2"]').click({ force: true });
    assert.equal(await chat.locator('#messages .try-card').count(), 0);
    assert.equal(await chat.locator('textarea#prompt').inputValue(), PROMPT);
    assert.equal(scenario.mock.requests.length, 0);
  });

  it('starts sessions from the menu beside Send: one in a worktree, shown running in the chat, and one here', async () => {
    const HERE = 'say what the project is';
    const scenario = await scenarios.open({
      name: '18-session-from-composer',
      script: byFirstMessage({
        [PROMPT]: [reply(toolCall('read_file', { path: 'src/math.js' })), reply(toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE })), textReply('Fixed in the worktree.')],
        [HERE]: [textReply('A small math library.')],
      }),
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    const { page } = scenario;
    commitWorkspace(scenario);
    const chat = await scenario.openChat();
    await page.locator('.pane-header', { hasText: 'Changes' }).click();
    const pick = async (words: string, entry: string) => {
      await chat.locator('textarea#prompt').fill(words);
      await chat.locator('#send-menu').click();
      await chat.locator('#send-options [role="menuitem"]', { hasText: entry }).click();
    };
    await pick(PROMPT, 'New session in a worktree');
    // The chat view shows the new session in its place, and it finishes there.
    const header = chat.locator('.session-header', { hasText: PROMPT });
    await header.waitFor();
    await chat.locator('#messages', { hasText: 'Fixed in the worktree.' }).waitFor({ timeout: 60_000 });
    await header.filter({ hasText: 'done' }).waitFor();
    assert.equal(await chat.locator('textarea#prompt').inputValue(), '');
    assert.ok(scenario.read('src/math.js').includes(BUGGY_LINE), 'the worktree session left the workspace alone');
    await scenario.shot('worktree-session-from-composer');
    await chat.getByRole('button', { name: 'Back to the chat' }).click();
    await pick(HERE, 'New session here');
    const rows = sessionsPane(page).locator('.monaco-list-row');
    await rows.filter({ hasText: HERE }).filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    await rows.filter({ hasText: PROMPT }).filter({ hasText: 'done' }).waitFor();
    await scenario.shot('here-session-from-composer');
  });

  it('runs a session here that waits while the chat writes in the workspace, then asks to write and goes on', async () => {
    const scenario = await scenarios.open({
      name: '18-here-session-waits',
      script: [
        reply(toolCall('write_file', { path: 'CHAT.md', content: 'from the chat\n' })),
        reply(toolCall('write_file', { path: 'HERE.md', content: 'from the session here\n' })),
        textReply('The chat wrote its file.'),
        textReply('The session wrote its file.'),
      ],
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'ouro.checksBeforeDone': false },
    });
    const { page } = scenario;
    const chat = await scenario.openChat();
    await sendMessage(chat, 'write the chat file');
    const card = toolCard(chat, 'write_file', 'waiting');
    await card.waitFor();

    await startSession(page, 'write the here file', 'Ouro: New Session Here');
    const row = sessionsPane(page).locator('.monaco-list-row', { hasText: 'write the here file' });
    await row.filter({ hasText: 'waiting: another session is writing in this workspace' }).waitFor({ timeout: 60_000 });
    await page.locator('.notifications-toasts', { hasText: 'is waiting: another session is writing in this workspace' }).waitFor();
    assert.equal(existsSync(join(scenario.workspace, 'HERE.md')), false, 'the session here writes nothing while the chat holds the lock');
    await scenario.shot('here-waits-light');
    await toggleTheme(page, 'vs-dark');
    await scenario.shot('here-waits-dark');

    await card.locator('button.accept').click();
    await waitUntil(() => existsSync(join(scenario.workspace, 'CHAT.md')));
    await scenario.waitForFile('CHAT.md', (content) => content === 'from the chat\n');
    await chat.locator('#messages .message.assistant', { hasText: 'The chat wrote its file.' }).waitFor();
    // The chat's turn is over: the session here may write, and asks first.
    const ask = page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item', { hasText: '(here) asks to write HERE.md' }).first();
    await ask.waitFor({ timeout: 30_000 });
    await row.filter({ hasText: 'waiting for you' }).waitFor();
    await scenario.shot('here-asks');
    await ask.getByRole('button', { name: 'Allow' }).click();
    await waitUntil(() => existsSync(join(scenario.workspace, 'HERE.md')));
    await scenario.waitForFile('HERE.md', (content) => content === 'from the session here\n');
    await row.filter({ hasText: 'done' }).waitFor({ timeout: 30_000 });
    await scenario.shot('here-done');
  });
  it('lists two sessions at once in the chat view, shows each one\'s conversation, allows one there, sends a follow-up to another and stops a third', async () => {
    const scenario = await scenarios.open({
      name: '18-chat-sessions',
      script: byFirstMessage({
        'which node is there': [reply(toolCall('run_command', { command: 'node --version' })), (request) => textReply(/v\d+\./.test(lastContent(request.body.messages, 'tool')) ? 'Node runs here.' : `Unexpected: ${lastContent(request.body.messages, 'tool')}`)],
        [PROMPT]: [reply(toolCall('read_file', { path: 'src/math.js' })), reply(toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE })), textReply('Fixed: the loop starts at 0.'), answerIfUserSent((sent) => sent.includes('also say why'), 'Because arrays start at 0.')],
        'count to a million': [reply(delay(150_000), text('Too late.'))],
      }),
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'ouro.checksBeforeDone': false },
    });
    const { page } = scenario;
    commitWorkspace(scenario);
    const chat = await scenario.openChat();
    // Room for the chat in the screenshots: the Changes view folded.
    await page.locator('.pane-header', { hasText: 'Changes' }).click();
    const toggle = chat.locator('.sessions-toggle');
    const sessionRow = (title: string) => chat.locator('.session-row', { hasText: title });
    const header = chat.locator('.session-header');
    const openList = async () => {
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    };

    await startSession(page, 'which node is there');
    await toggle.filter({ hasText: '1 waiting' }).waitFor({ timeout: 60_000 });
    // One session waits: Ouro's icon counts it once.
    const badge = ouroBadge(page);
    await badge.filter({ hasText: /^1$/ }).waitFor();
    await startSession(page, PROMPT);
    await openList();
    await sessionRow(PROMPT).filter({ hasText: 'done' }).filter({ hasText: '1 file' }).waitFor({ timeout: 90_000 });
    await sessionRow('which node is there').filter({ hasText: 'waiting for you' }).waitFor();
    await sessionRow('Chat (this workspace)').filter({ hasText: 'idle' }).waitFor();
    assert.match((await toggle.textContent()) ?? '', /3 sessions · 1 waiting/);
    await scenario.shot('list-light');

    await sessionRow(PROMPT).click();
    await header.filter({ hasText: PROMPT }).filter({ hasText: 'done' }).waitFor();
    await chat.locator('#messages', { hasText: 'Fixed: the loop starts at 0.' }).waitFor();
    await toolCard(chat, 'edit_file', 'done').waitFor();
    await scenario.shot('finished-session');
    // Its file link opens the worktree's copy, with the fix, not the workspace's, still buggy.
    await toolCard(chat, 'edit_file', 'done').locator('button.open-file').click();
    await activeEditorLines(page).filter({ hasText: FIXED_LINE }).waitFor();
    assert.ok(scenario.read('src/math.js').includes(BUGGY_LINE));
    // What is sent while a finished session is shown is its follow-up: it runs again in its worktree, not in the chat.
    await chat.locator('#prompt').fill('also say why');
    await chat.locator('#prompt').press('Enter');
    await chat.locator('#messages', { hasText: 'Because arrays start at 0.' }).waitFor({ timeout: 60_000 });
    await header.filter({ hasText: 'done' }).waitFor();

    await openList();
    await sessionRow('which node is there').click();
    await header.filter({ hasText: 'which node is there' }).waitFor();
    const waiting = toolCard(chat, 'run_command', 'waiting');
    await waiting.waitFor();
    await scenario.shot('waiting-session');
    await waiting.locator('button.accept').first().click();
    await chat.locator('#messages', { hasText: 'Node runs here.' }).waitFor({ timeout: 60_000 });
    await header.filter({ hasText: 'done' }).waitFor();
    await toggle.filter({ hasText: 'waiting' }).waitFor({ state: 'detached' });
    await badge.filter({ hasText: /\d/ }).waitFor({ state: 'hidden' });
    await scenario.shot('allowed-session');

    await startSession(page, 'count to a million');
    await openList();
    await sessionRow('count to a million').filter({ hasText: 'running' }).click();
    await header.filter({ hasText: 'count to a million' }).locator('.session-stop').click();
    await header.filter({ hasText: 'stopped' }).waitFor({ timeout: 30_000 });
    await sessionsPane(page).locator('.monaco-list-row', { hasText: 'count to a million' }).filter({ hasText: 'stopped' }).waitFor();
    await sessionsPane(page).locator('.monaco-list-row', { hasText: 'which node is there' }).filter({ hasText: 'done' }).waitFor();
    await scenario.shot('stopped-session');

    await header.locator('.session-back').click();
    await header.waitFor({ state: 'hidden' });
    await chat.locator('.empty-state').waitFor();
    await toggleTheme(page, 'vs-dark');
    await openList();
    await scenario.shot('list-dark');
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
