// Issue 17, modes: in Ask mode the model's request holds no tool that edits or runs, and a write
// it calls anyway comes back as an error with the file untouched; the mode is the conversation's
// and is there again after the window reloads. In Plan mode the plan goes to Agent with one click.
// A custom mode (.ouro/modes/) shows in the same switcher and sends only its tools and its words.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { reply, text, textReply, toolCall, type ChatRequestBody } from '../fixtures/mockOpenAI';
import { useScenarios } from './harness/scenario';
import { chatFrame, ouroActivity, runCommand, sendMessage, waitUntilIdle } from './harness/workbench';

const WRITES = ['write_file', 'edit_file', 'run_command', 'remember'];
const offered = (body: ChatRequestBody) => (body.tools ?? []).map((tool) => tool.function.name);
const MATH = 'src/math.js';

async function chooseMode(chat: FrameLocator, mode: string): Promise<void> {
  await chat.locator('#mode').selectOption(mode);
  await chat.locator(`body[data-mode="${mode}"]`).waitFor();
}

describe('Chat modes', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('Ask mode sends no write tools, a write the model calls anyway is refused, and the mode survives a reload', async () => {
    const scenario = await scenarios.open({
      name: '17-ask-mode',
      script: [reply(...text('Let me fix it. '), ...toolCall('write_file', { path: MATH, content: 'broken\n' })), textReply('I cannot edit in Ask mode: the loop in sum starts at 1.'), textReply('Still asking.')],
    });
    const before = scenario.read(MATH);
    let chat = await scenario.openChat();
    await chooseMode(chat, 'ask');
    await scenario.shot('ask-chosen');
    await sendMessage(chat, 'why is sum wrong in src/math.js?');
    await chat.locator('#messages .message.assistant', { hasText: 'I cannot edit in Ask mode' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('ask-answered');

    const [first, second] = scenario.mock.requests;
    assert.ok(offered(first).includes('read_file'), offered(first).join(', '));
    for (const name of WRITES) assert.ok(!offered(first).includes(name), `${name} was offered in Ask mode`);
    assert.match(String(first.messages.at(-1)?.content), /^why is sum wrong in src\/math\.js\?\n\n\[Ask mode: /);
    const result = second.messages.at(-1);
    assert.equal(result?.role, 'tool');
    assert.match(String(result?.content), /There is no tool named "write_file"/);
    assert.equal(scenario.read(MATH), before);

    // The mode is the conversation's: after the window reloads it is still Ask, and so is the next request.
    await runCommand(scenario.page, 'Developer: Reload Window');
    await scenario.page.waitForLoadState('domcontentloaded');
    await ouroActivity(scenario.page).waitFor();
    await runCommand(scenario.page, 'Ouro: Focus Chat');
    chat = chatFrame(scenario.page);
    await chat.locator('#messages .message.user', { hasText: 'why is sum wrong in src/math.js?' }).waitFor();
    await chat.locator('body[data-mode="ask"]').waitFor();
    // The instruction to the model is not part of what the user sees.
    assert.doesNotMatch(await chat.locator('#messages .message.user').first().innerText(), /Ask mode/);
    assert.equal(await chat.locator('#mode').inputValue(), 'ask');
    await sendMessage(chat, 'and average?');
    await chat.locator('#messages .message.assistant', { hasText: 'Still asking.' }).waitFor();
    for (const name of WRITES) assert.ok(!offered(scenario.mock.requests[2]).includes(name), `${name} was offered after the reload`);
    await scenario.shot('ask-after-reload');
  });

  it('Plan mode writes a plan that Carry out with Agent hands to Agent mode', async () => {
    const plan = { items: [{ text: 'Start the loop in sum at 0', status: 'pending' }, { text: 'Run the tests', status: 'pending' }] };
    const scenario = await scenarios.open({
      name: '17-plan-mode',
      // No reminder of the open items in Plan mode: its second reply ends the turn.
      script: [
        reply(...text('Here is the plan.'), ...toolCall('plan', plan)),
        textReply('That is what I would do.'),
        reply(...text('Carrying it out. '), ...toolCall('plan', { items: plan.items.map((item) => ({ ...item, status: 'done' })) })),
        textReply('Both steps are done.'),
      ],
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const chat = await scenario.openChat();
    await chooseMode(chat, 'plan');
    await sendMessage(chat, 'plan the fix for sum');
    await chat.locator('#messages .message.assistant', { hasText: 'That is what I would do.' }).waitFor();
    await waitUntilIdle(chat);
    const first = scenario.mock.requests[0];
    assert.ok(offered(first).includes('plan'));
    assert.equal(scenario.mock.requests.length, 2);
    for (const name of WRITES) assert.ok(!offered(first).includes(name), `${name} was offered in Plan mode`);
    const carryOut = chat.locator('footer #plan button.carry-out-plan');
    await carryOut.waitFor();
    await scenario.shot('plan-written');

    await carryOut.click();
    await chat.locator('#messages .message.assistant', { hasText: 'Both steps are done.' }).waitFor();
    await waitUntilIdle(chat);
    await chat.locator('footer #plan .plan-progress', { hasText: '2/2' }).waitFor();
    await chat.locator('body[data-mode="agent"]').waitFor();
    assert.equal(await carryOut.count(), 0);
    const third = scenario.mock.requests[2];
    assert.equal(third.messages.at(-1)?.content, 'Carry out the plan.');
    for (const name of WRITES) assert.ok(offered(third).includes(name), `${name} is missing in Agent mode`);
    await scenario.shot('plan-handed-to-agent');
  });

  it('a custom mode shows in the switcher and sends only the tools it names, with its instructions', async () => {
    const scenario = await scenarios.open({ name: '17-custom-mode', script: [textReply('The loop skips the first number.')] });
    const chat = await scenario.openChat();
    assert.deepEqual(await chat.locator('#mode option').allInnerTexts(), ['Agent', 'Ask', 'Plan']);
    // Written while the chat is open: the switcher lists it by the time the person goes to it.
    const modes = path.join(scenario.workspace, '.ouro', 'modes');
    fs.mkdirSync(modes, { recursive: true });
    fs.writeFileSync(path.join(modes, 'reviewer.md'), '---\nname: Reviewer\ndescription: Reviews without changing anything\ntools: [read_file, search_files]\n---\nPoint out bugs; suggest fixes in words only.\n');
    await chat.locator('#mode').focus();
    await chat.locator('#mode option[value="reviewer"]').waitFor({ state: 'attached' });
    assert.deepEqual(await chat.locator('#mode option').allInnerTexts(), ['Agent', 'Ask', 'Plan', 'Reviewer']);
    await chooseMode(chat, 'reviewer');
    await sendMessage(chat, 'review src/math.js');
    await chat.locator('#messages .message.assistant', { hasText: 'The loop skips the first number.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('custom-mode');
    const request = scenario.mock.requests[0];
    assert.deepEqual(offered(request), ['read_file', 'search_files']);
    assert.equal(request.messages.at(-1)?.content, 'review src/math.js\n\n[Custom mode "Reviewer": Point out bugs; suggest fixes in words only.]');
    assert.equal(await chat.locator('#mode').inputValue(), 'reviewer');
  });
});
