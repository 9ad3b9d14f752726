// Issue 17, @-mentions: `@` opens a picker of @problems, @changes, @terminal and the workspace's
// files and folders (ignored ones left out), filtered as you type and driven by the keyboard; the
// pick becomes a chip, and the message sent carries the file's lines numbered as read_file shows
// them, and the problems as a list.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrameLocator } from 'playwright-core';
import { textReply } from '../fixtures/mockOpenAI';
import { TestSite } from '../fixtures/webSite';
import { lastContent } from './harness/modelScripts';
import { useScenarios, type Scenario } from './harness/scenario';
import { openFile, selectLines, waitUntilIdle } from './harness/workbench';

const picker = (chat: FrameLocator) => chat.locator('#mention-picker');
const names = (chat: FrameLocator) => picker(chat).locator('.slash-option .slash-name');

/** Types `typed` after what the input holds, takes the option the picker chose (`name`) with Enter, and waits for its chip. */
async function mentionByKeyboard(chat: FrameLocator, typed: string, name: string): Promise<void> {
  const prompt = chat.locator('textarea#prompt');
  await prompt.pressSequentially(typed);
  await picker(chat).locator('.slash-option[aria-selected="true"]', { hasText: name }).waitFor();
  await prompt.press('Enter');
  await chat.locator('#attachments .attachment', { hasText: name }).waitFor({ timeout: 30_000 });
}

/** Sends what the input holds, waits for `reply`, and gives the user message the model received. */
async function sendAndRead(scenario: Scenario, chat: FrameLocator, reply: string): Promise<string> {
  await chat.locator('textarea#prompt').press('Enter');
  await chat.locator('#messages .message.assistant', { hasText: reply }).waitFor();
  await waitUntilIdle(chat);
  return lastContent(scenario.mock.requests[0].messages, 'user');
}

describe('@-mentions', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('mentions a file picked with the keyboard and sends its numbered lines', async () => {
    const scenario = await scenarios.open({ name: '17-mention-file', script: [textReply('sum skips the first number.')] });
    fs.writeFileSync(path.join(scenario.workspace, '.gitignore'), 'dist/\n');
    fs.mkdirSync(path.join(scenario.workspace, 'dist'));
    fs.writeFileSync(path.join(scenario.workspace, 'dist', 'bundle.js'), 'built\n');
    const chat = await scenario.openChat();
    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await prompt.pressSequentially('what is wrong in @');
    await picker(chat).waitFor();
    await names(chat).filter({ hasText: 'math.js' }).first().waitFor();
    await scenario.shot('picker-open');

    // An ignored file is not offered.
    await prompt.pressSequentially('bundle');
    await picker(chat).locator('.slash-empty', { hasText: 'No file or folder matches.' }).waitFor();
    for (let i = 0; i < 'bundle'.length; i++) await prompt.press('Backspace');

    await prompt.pressSequentially('math');
    assert.deepEqual(await names(chat).allInnerTexts(), ['math.js', 'math.test.js']);
    await prompt.press('ArrowDown');
    await picker(chat).locator('.slash-option[aria-selected="true"]', { hasText: 'math.test.js' }).waitFor();
    await prompt.press('ArrowUp');
    await picker(chat).locator('.slash-option[aria-selected="true"]', { hasText: 'math.js' }).waitFor();
    await scenario.shot('picker-filtered');
    await prompt.press('Enter');
    await picker(chat).waitFor({ state: 'hidden' });
    assert.equal(await prompt.inputValue(), 'what is wrong in ');
    await chat.locator('#attachments .attachment', { hasText: 'src/math.js' }).waitFor({ timeout: 30_000 });
    // What the editor knows is offered by name: @problems.
    await mentionByKeyboard(chat, '@prob', '@problems');
    await prompt.pressSequentially('it?');
    await scenario.shot('chip');
    await prompt.press('Enter');

    await chat.locator('#messages .message.assistant', { hasText: 'sum skips the first number.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('sent');
    const sent = lastContent(scenario.mock.requests[0].messages, 'user');
    assert.match(sent, /^what is wrong in it\?\n\nAttached: the file src\/math\.js\n/);
    assert.ok(sent.includes('   3\texport function sum(numbers) {\n   4\t  let total = 0;'), sent);
    assert.match(sent, /\n\nAttached: @problems\n```\n(No errors or warnings in the workspace\.|\d+ (error|warning))/);
    assert.equal(await chat.locator('#attachments .attachment').count(), 0, 'the chip stayed for the next message');

    // A mention counts in the context meter before it is sent.
    await mentionByKeyboard(chat, '@READ', 'README.md');
    await chat.locator('#context-meter').click();
    const attachedRow = chat.locator('#context-breakdown tr[data-part="Attached, not sent yet"] td');
    await attachedRow.waitFor();
    assert.ok(Number((await attachedRow.innerText()).replace(/,/g, '')) > 0);
    await scenario.shot('meter-attached');
  });

  it("mentions the editor's selection as a range whose chip selects those lines again, read when sent", async () => {
    const scenario = await scenarios.open({ name: '17-mention-range', script: [textReply('That loop starts at 1.')] });
    const { page } = scenario;
    await openFile(page, 'math.js');
    await selectLines(page, 3, 5);
    const chat = await scenario.openChat();
    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await prompt.pressSequentially('look at @math');
    // The selection is offered beside its file, as the range.
    await picker(chat).locator('.slash-option[title="src/math.js:3-5"]').waitFor();
    await scenario.shot('range-offered');
    await picker(chat).locator('.slash-option[title="src/math.js:3-5"]').click();
    const chip = chat.locator('#attachments .attachment', { hasText: 'src/math.js:3-5' });
    await chip.waitFor({ timeout: 30_000 });
    // Before anything was sent, the meter counts the mention against the chosen model's window.
    await chat.locator('#context-meter').click();
    const attachedRow = chat.locator('#context-breakdown tr[data-part="Attached, not sent yet"] td');
    await attachedRow.waitFor();
    assert.ok(Number((await attachedRow.innerText()).replace(/,/g, '')) > 0);
    await scenario.shot('meter-before-first-message');
    await chat.locator('#context-meter').click();

    // Elsewhere in the file, the chip brings the lines back selected.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.locator('.statusbar', { hasText: 'selected' }).waitFor({ state: 'detached' });
    await chip.locator('button.open-attachment').click();
    await page.locator('.statusbar', { hasText: /Ln 6, Col 1 \(\d+ selected\)/ }).waitFor();
    await scenario.shot('range-opened');

    // The file changed after the pick: the message carries the lines as they are when sent.
    fs.writeFileSync(path.join(scenario.workspace, 'src', 'math.js'), scenario.read('src/math.js').replace('let total = 0;', 'let total = 10;'));
    await page.locator('.editor-group-container.active .view-lines', { hasText: 'let total = 10;' }).waitFor();
    await prompt.click();
    const sent = await sendAndRead(scenario, chat, 'That loop starts at 1.');
    assert.ok(sent.startsWith('look at\n\nAttached: lines 3-5 of src/math.js\n```\n   3\texport function sum(numbers) {\n   4\t  let total = 10;\n'), sent);
  });

  it("mentions a symbol the language server finds, and the terminal's last command with its output", async () => {
    const scenario = await scenarios.open({ name: '17-mention-symbol-terminal', script: [textReply('average divides the sum.')] });
    const { page } = scenario;
    // The JavaScript language server indexes the project once a file of it is open.
    await openFile(page, 'math.js');
    // Ouro sees the commands that run once it has started (with the chat open).
    const chat = await scenario.openChat();
    await page.keyboard.press('Control+`');
    const terminal = page.locator('.terminal-wrapper.active .xterm');
    await terminal.waitFor();
    await terminal.click();
    await page.keyboard.type('echo ready-$((6 * 7)) | tee ready.txt');
    await page.keyboard.press('Enter');
    // The terminal draws on a canvas: the file the command writes says it ran.
    const written = path.join(scenario.workspace, 'ready.txt');
    for (const deadline = Date.now() + 30_000; !fs.existsSync(written) || !fs.readFileSync(written, 'utf8').includes('ready-42'); ) {
      if (Date.now() > deadline) throw new Error('the command typed in the terminal never ran');
      await page.waitForTimeout(200);
    }
    // Shell integration reports the command's end just after its output.
    await page.waitForTimeout(1000);

    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await prompt.pressSequentially('explain @avera');
    const symbol = picker(chat).locator('.slash-option', { has: chat.locator('.codicon-symbol-misc') }).filter({ hasText: 'average' });
    await symbol.first().waitFor({ timeout: 60_000 });
    await scenario.shot('symbol-offered');
    await symbol.first().click();
    await chat.locator('#attachments .attachment', { hasText: 'src/math.js:11-14' }).waitFor({ timeout: 30_000 });

    await mentionByKeyboard(chat, ' and @termin', '@terminal');
    await scenario.shot('symbol-and-terminal');
    const sent = await sendAndRead(scenario, chat, 'average divides the sum.');
    assert.ok(sent.includes('Attached: lines 11-14 of src/math.js\n```\n  11\texport function average(numbers) {'), sent);
    assert.match(sent, /Attached: @terminal\n```\nThe (last command in|selection in) the terminal "[^"]+"/);
    assert.ok(sent.includes('ready-42'), sent);
  });

  it("mentions the working tree's changes through Git", async () => {
    // The test editor turns Git off; this scenario turns it back on.
    const scenario = await scenarios.open({ name: '17-mention-changes', script: [textReply('You changed the loop start.')], settings: { 'git.enabled': true } });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: scenario.workspace });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'start');
    fs.writeFileSync(path.join(scenario.workspace, 'src', 'math.js'), scenario.read('src/math.js').replace('let i = 1', 'let i = 0'));
    const chat = await scenario.openChat();
    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await mentionByKeyboard(chat, 'what did I change? @chan', '@changes');
    await scenario.shot('changes-chip');
    const sent = await sendAndRead(scenario, chat, 'You changed the loop start.');
    assert.ok(sent.includes('Attached: @changes\n```diff\ndiff --git a/src/math.js b/src/math.js\n'), sent);
    assert.ok(sent.includes('-  for (let i = 1; i < numbers.length; i++) {\n+  for (let i = 0; i < numbers.length; i++) {'), sent);
  });

  it('mentions files and folders dropped on the chat, and refuses one outside the workspace', async () => {
    const scenario = await scenarios.open({ name: '17-mention-drop', script: [textReply('Both look fine.')] });
    const { page } = scenario;
    const chat = await scenario.openChat();
    // A real drag: an editor's tab onto the chat, Shift held as VS Code asks for drops into views.
    await openFile(page, 'math.js');
    const from = (await page.locator('.tabs-container .tab', { hasText: 'math.js' }).boundingBox())!;
    const to = (await page.locator('iframe.webview.ready[src*="extensionId=ouro-dev.ouro"]').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.keyboard.down('Shift');
    for (let step = 1; step <= 10; step++) {
      await page.mouse.move(from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * step) / 10, from.y + from.height / 2 + ((to.y + to.height / 2 - from.y - from.height / 2) * step) / 10);
    }
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await chat.locator('#attachments .attachment', { hasText: 'src/math.js' }).waitFor({ timeout: 30_000 });
    await scenario.shot('tab-dragged');

    const file = pathToFileURL(path.join(scenario.workspace, 'src', 'math.js')).href;
    const folder = pathToFileURL(path.join(scenario.workspace, 'test')).href;
    const outside = pathToFileURL(path.join(path.dirname(scenario.workspace), 'elsewhere.txt')).href;
    // What the explorer's drag carries: VS Code's uri-list, one URI a line.
    await chat.locator('body').evaluate((body, uris) => {
      const data = new DataTransfer();
      data.setData('application/vnd.code.uri-list', uris.join('\r\n'));
      body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [file, folder, outside]);
    await chat.locator('#attachments .attachment', { hasText: 'src/math.js' }).waitFor({ timeout: 30_000 });
    await chat.locator('#attachments .attachment', { hasText: 'test' }).waitFor();
    await scenario.page.locator('.notifications-toasts', { hasText: 'Only files and folders in the workspace can be mentioned' }).waitFor();
    await scenario.shot('dropped');
    assert.equal(await chat.locator('#attachments .attachment').count(), 2);

    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await prompt.pressSequentially('check these');
    const sent = await sendAndRead(scenario, chat, 'Both look fine.');
    assert.ok(sent.includes('Attached: the file src/math.js\n```\n   1\t// Small number helpers'), sent);
    assert.ok(sent.includes('Attached: the folder test\n```\ntest/math.test.js\n```'), sent);

    // The test editor turns Git off: @changes says so, and attaches nothing.
    await prompt.pressSequentially('@changes');
    await prompt.press('Enter');
    await scenario.page.locator('.notifications-toasts', { hasText: 'turned off (the setting git.enabled)' }).waitFor();
    assert.equal(await chat.locator('#attachments .attachment').count(), 0);
  });

  describe('of a web page', () => {
    let site: TestSite;
    before(async () => {
      site = await new TestSite({ '/notes': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('Version 2 drops Node 18.\n') }).start();
    });
    after(() => site.stop());

    it('fetches it once the person approves, and sends the page', async () => {
      const scenario = await scenarios.open({
        name: '17-mention-url',
        script: [textReply('Node 18 is no longer supported.')],
        // The test site is on loopback: allowed as a local server would be, but not on the allow list, so the fetch asks.
        settings: { 'workbench.colorTheme': 'Default Dark Modern', 'ouro.web.allowPrivateHosts': ['127.0.0.1'] },
      });
      const chat = await scenario.openChat();
      const prompt = chat.locator('textarea#prompt');
      await prompt.click();
      await prompt.pressSequentially('@ur');
      await picker(chat).locator('.slash-option[aria-selected="true"]', { hasText: '@url' }).waitFor();
      await prompt.press('Enter');
      assert.equal(await prompt.inputValue(), '@https://');
      await prompt.fill('');

      const url = site.url('/notes', '127.0.0.1');
      await prompt.pressSequentially(`what changed? @${url}`);
      await picker(chat).locator('.slash-option[aria-selected="true"]', { hasText: `Fetch ${url}` }).waitFor();
      await scenario.shot('url-offered');
      await prompt.press('Enter');
      const dialog = scenario.page.locator('.monaco-dialog-box', { hasText: `Fetch ${url}?` });
      await dialog.waitFor();
      await scenario.shot('approval');
      await dialog.getByRole('button', { name: 'Fetch' }).click();
      await chat.locator('#attachments .attachment', { hasText: '@url' }).waitFor({ timeout: 30_000 });
      await scenario.shot('url-chip');
      const sent = await sendAndRead(scenario, chat, 'Node 18 is no longer supported.');
      assert.ok(sent.startsWith(`what changed?\n\nAttached: @url ${url}\n`), sent);
      assert.ok(sent.includes('Version 2 drops Node 18.'), sent);
    });
  });
});
