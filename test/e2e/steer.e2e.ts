// Steering: while Ouro waits on a command's approval, the person types on. Their message is shown
// queued, reaches the model in the next request (after the command's result), and is the user's
// message in the chat from then on, after a reload too. A queued message removed is never sent;
// one queued when Stop is pressed comes back to the input.
import assert from 'node:assert/strict';
import { reply, textReply, toolCall, type WireMessage } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { chatFrame, ouroActivity, runCommand, sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const COMMAND = 'node -e "console.log(6 * 7)"';
const STEER = 'print it in hex too';
const REMOVED = 'never mind that';
const KEPT = 'keep me for later';

const roles = (messages: readonly WireMessage[]) => messages.slice(-2).map((message) => `${message.role}: ${String(message.content ?? '').split('\n')[0]}`);

describe('Steering Ouro while it works', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  it('delivers a message typed meanwhile at the next step; a removed one is not sent; Stop gives the queue back', async () => {
    const scenario = await scenarios.open({
      name: 'steer-while-working',
      script: [
        reply(toolCall('run_command', { command: COMMAND })),
        (request) => {
          const [tool, user] = request.body.messages.slice(-2);
          return textReply(tool?.role === 'tool' && user?.role === 'user' && user.content === STEER ? 'Got it: 42 is 0x2a.' : `Unexpected: ${roles(request.body.messages).join(' | ')}`);
        },
        reply(toolCall('run_command', { command: COMMAND })),
        (request) => textReply(lastContent(request.body.messages, 'user') === KEPT ? 'Later it is.' : `Unexpected: ${roles(request.body.messages).join(' | ')}`),
      ],
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const page = scenario.page;
    let chat = await scenario.openChat();
    await sendMessage(chat, 'what is 6 * 7? ask node');
    await toolCard(chat, 'run_command', 'waiting').waitFor();

    // Typed while Ouro waits: both shown queued, in order; the second taken back.
    await sendMessage(chat, STEER);
    await sendMessage(chat, REMOVED);
    const queued = chat.locator('#messages .message.queued');
    await queued.nth(1).waitFor();
    assert.deepEqual(await queued.locator('.user-text').allInnerTexts(), [STEER, REMOVED]);
    assert.equal(await queued.first().locator('.queued-label').innerText(), 'Queued');
    await scenario.shot('queued');
    await queued.nth(1).locator('button.remove-queued').click();
    await chat.locator('#messages .message.queued', { hasText: REMOVED }).waitFor({ state: 'detached' });
    assert.equal(await queued.count(), 1);
    assert.equal(scenario.mock.requests.length, 1, 'nothing was sent while the command waited');

    await toolCard(chat, 'run_command', 'waiting').locator('button.accept').click();
    await chat.locator('#messages .message.assistant', { hasText: 'Got it: 42 is 0x2a.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('delivered');
    assert.equal(await queued.count(), 0);
    const users = chat.locator('#messages .message.user:not(.queued) .user-text');
    assert.deepEqual(await users.allInnerTexts(), ['what is 6 * 7? ask node', STEER]);
    assert.equal(scenario.mock.requests.length, 2);
    assert.deepEqual(roles(scenario.mock.requests[1].messages).map((line) => line.split(':')[0]), ['tool', 'user']);
    assert.ok(!JSON.stringify(scenario.mock.requests).includes(REMOVED), 'the removed message reached the model');

    // Saved where it was delivered: a reload shows it between the command and the answer.
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('domcontentloaded');
    await ouroActivity(page).waitFor();
    // The view comes back open (the command palette would type into the terminal that has focus).
    chat = chatFrame(page);
    await chat.locator('#messages .message.assistant', { hasText: 'Got it: 42 is 0x2a.' }).waitFor();
    await waitUntilIdle(chat);
    const order = await chat.locator('#messages > *').evaluateAll((elements) =>
      elements.map((element) => (element.matches('.tool-card') ? 'tool' : element.matches('.message.user') ? `user ${element.querySelector('.user-text')?.textContent}` : element.matches('.message.assistant') ? 'assistant' : '')).filter(Boolean),
    );
    assert.deepEqual(order, ['user what is 6 * 7? ask node', 'tool', `user ${STEER}`, 'assistant']);
    await scenario.shot('after-reload');

    // Stop: the queued message is not sent; it is back in the input to send or change.
    await sendMessage(chat, 'once more');
    await toolCard(chat, 'run_command', 'waiting').waitFor();
    await sendMessage(chat, KEPT);
    await chat.locator('#messages .message.queued', { hasText: KEPT }).waitFor();
    await chat.locator('button#stop').click();
    await waitUntilIdle(chat);
    await chat.locator('#messages .message.queued').waitFor({ state: 'detached' });
    assert.equal(await chat.locator('textarea#prompt').inputValue(), KEPT);
    await scenario.shot('stopped-queue-back');
    assert.equal(scenario.mock.requests.length, 3);
    await chat.locator('textarea#prompt').press('Enter');
    await chat.locator('#messages .message.assistant', { hasText: 'Later it is.' }).waitFor();
    await waitUntilIdle(chat);
  });
});
