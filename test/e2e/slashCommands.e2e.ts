// Issue 17, slash commands and prompt files: `/` opens a picker of the built-in commands and the
// workspace's prompt files, filtered as you type and driven by the keyboard; a prompt file run
// with arguments sends its expanded text (in the mode its front matter names), and a bad file is
// reported in the picker with the reason.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { textReply, type ChatRequestBody } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { waitUntilIdle } from './harness/workbench';

const EXPLAIN = '---\ndescription: Explain a file for a newcomer\nmode: ask\n---\nExplain $ARGUMENTS to a newcomer, focusing on ${input:focus}.\n';
const offered = (body: ChatRequestBody) => (body.tools ?? []).map((tool) => tool.function.name);

function writeFile(root: string, relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), text);
}

const picker = (chat: FrameLocator) => chat.locator('#slash-picker');
const options = (chat: FrameLocator) => picker(chat).locator('.slash-option .slash-name');

describe('Slash commands', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('runs a prompt file picked with the keyboard, with its arguments filled in', async () => {
    const scenario = await scenarios.open({ name: '17-slash-prompt-file', script: [textReply('sum adds every number but the first.')] });
    writeFile(scenario.workspace, '.github/prompts/explain.prompt.md', EXPLAIN);
    writeFile(scenario.workspace, '.ouro/commands/broken.md', '---\nmode: yolo\n---\nhi\n');
    const chat = await scenario.openChat();
    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await prompt.press('/');
    await picker(chat).waitFor();
    await options(chat).filter({ hasText: '/explain' }).waitFor();
    assert.deepEqual((await options(chat).allInnerTexts()).slice(0, 3), ['/new', '/compact', '/undo']);
    await picker(chat).locator('.slash-problem', { hasText: '.ouro/commands/broken.md: mode: use one of agent, ask, plan' }).waitFor();
    await scenario.shot('picker-open');

    // Filtered as you type; arrows move the choice, Enter picks it and leaves room for the words.
    await prompt.pressSequentially('ex');
    assert.deepEqual(await options(chat).allInnerTexts(), ['/explain']);
    await picker(chat).locator('.slash-option[aria-selected="true"] .slash-description', { hasText: 'Explain a file for a newcomer' }).waitFor();
    await scenario.shot('picker-filtered');
    await prompt.press('Enter');
    await picker(chat).waitFor({ state: 'hidden' });
    assert.equal(await prompt.inputValue(), '/explain ');
    await prompt.pressSequentially('src/math.js focus="the loop"');
    await prompt.press('Enter');

    await chat.locator('#messages .message.user', { hasText: '/explain src/math.js focus="the loop"' }).waitFor();
    await chat.locator('#messages .message.assistant', { hasText: 'sum adds every number but the first.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('prompt-file-sent');
    const request = scenario.mock.requests[0];
    assert.match(String(request.messages.at(-1)?.content), /^Explain src\/math\.js to a newcomer, focusing on the loop\.\n\n\[Ask mode: /);
    // The file's mode is for its message: Ask's tools only, and the chat stays in Agent mode.
    assert.ok(!offered(request).includes('write_file'), offered(request).join(', '));
    await chat.locator('body[data-mode="agent"]').waitFor();
  });

  it('switches the mode with /plan and closes the picker with Escape', async () => {
    const scenario = await scenarios.open({ name: '17-slash-builtins', script: [textReply('Planned.')], settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    writeFile(scenario.workspace, '.ouro/commands/review.md', '---\ndescription: Review the working tree\n---\nReview my changes.\n');
    const chat = await scenario.openChat();
    const prompt = chat.locator('textarea#prompt');
    await prompt.click();
    await prompt.press('/');
    await options(chat).filter({ hasText: '/review' }).waitFor();
    await scenario.shot('picker-dark');
    await prompt.press('Escape');
    await picker(chat).waitFor({ state: 'hidden' });
    assert.equal(await prompt.inputValue(), '/');

    await prompt.pressSequentially('pl');
    await picker(chat).waitFor();
    await prompt.press('ArrowDown');
    await prompt.press('ArrowUp');
    await prompt.press('Tab');
    assert.equal(await prompt.inputValue(), '/plan ');
    await prompt.pressSequentially('how would you fix sum?');
    await prompt.press('Enter');
    await chat.locator('#messages .message.assistant', { hasText: 'Planned.' }).waitFor();
    await waitUntilIdle(chat);
    await chat.locator('body[data-mode="plan"]').waitFor();
    assert.match(String(scenario.mock.requests[0].messages.at(-1)?.content), /^how would you fix sum\?\n\n\[Plan mode: /);
    await scenario.shot('plan-by-slash');
  });
});
