// Issue 17, @-mentions: `@` opens a picker of @problems, @changes, @terminal and the workspace's
// files and folders (ignored ones left out), filtered as you type and driven by the keyboard; the
// pick becomes a chip, and the message sent carries the file's lines numbered as read_file shows
// them, and the problems as a list.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { textReply } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { waitUntilIdle } from './harness/workbench';

const picker = (chat: FrameLocator) => chat.locator('#mention-picker');
const names = (chat: FrameLocator) => picker(chat).locator('.slash-option .slash-name');

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
    await prompt.pressSequentially('@prob');
    await picker(chat).locator('.slash-option[aria-selected="true"]', { hasText: '@problems' }).waitFor();
    await prompt.press('Enter');
    await chat.locator('#attachments .attachment', { hasText: '@problems' }).waitFor({ timeout: 30_000 });
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
  });
});
