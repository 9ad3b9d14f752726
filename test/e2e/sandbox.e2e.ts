// Commands in the OS sandbox: an allowed command runs without a card and can write the
// workspace but nothing outside it; with the sandbox turned off, the same prefix rule no longer
// lets it run without asking, and the chat says why.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

/** Writes one file in the workspace and tries one outside it. */
function writingCommand(outside: string): string {
  const script = `const fs = require("fs"); fs.writeFileSync("made.txt", "inside"); try { fs.writeFileSync(${JSON.stringify(outside)}, "outside"); console.log("wrote outside") } catch (e) { console.log("outside refused") }`;
  return `node -e '${script}'`;
}

describe('Commands in the sandbox', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();
  let elsewhere: string;

  beforeEach(() => {
    elsewhere = fs.mkdtempSync(path.join(os.homedir(), '.ouro-e2e-outside-'));
  });
  afterEach(() => fs.rmSync(elsewhere, { recursive: true, force: true }));

  it('runs an allowed command without a card, writing the workspace and nothing outside it', async () => {
    const outside = path.join(elsewhere, 'escaped.txt');
    const scenario = await scenarios.open({
      name: '15-sandboxed-command',
      script: [reply(toolCall('run_command', { command: writingCommand(outside) })), (request) => textReply(`Result: ${lastContent(request.body.messages, 'tool').split('\n').slice(0, 2).join(' / ')}`)],
      settings: { 'ouro.commands.allow': ['node -e'] },
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'write a file');
    await chat.locator('#messages .message.assistant', { hasText: 'Result:' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('ran-in-sandbox');
    assert.equal(await chat.locator('#messages .approval').count(), 0, 'an allowed command in the sandbox asks nothing');
    assert.equal(await toolCard(chat, 'run_command', 'done').count(), 1);
    assert.equal(scenario.read('made.txt'), 'inside');
    assert.equal(fs.existsSync(outside), false, 'the sandbox kept the write outside the workspace from landing');
    assert.match(lastContent(scenario.mock.requests[1].messages, 'tool'), /outside refused|wrote outside/);
  });

  it('asks for the same command when the sandbox is turned off, and says why once', async () => {
    const outside = path.join(elsewhere, 'escaped.txt');
    const scenario = await scenarios.open({
      name: '15-sandbox-off',
      script: [reply(toolCall('run_command', { command: writingCommand(outside) })), (request) => textReply(`Told: ${lastContent(request.body.messages, 'tool')}`)],
      settings: { 'ouro.commands.allow': ['node -e'], 'ouro.sandbox.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'write a file');
    const card = toolCard(chat, 'run_command', 'waiting');
    await card.waitFor();
    assert.match(await card.locator('.approval-detail').innerText(), /sandbox is turned off.*exact command/s);
    assert.equal(await chat.locator('#messages .notice', { hasText: 'Commands run without the sandbox' }).count(), 1);
    await scenario.shot('asks-without-sandbox');
    await card.locator('button.reject').click();
    await chat.locator('#messages .message.assistant', { hasText: 'Told:' }).waitFor();
    await waitUntilIdle(chat);
    assert.equal(fs.existsSync(path.join(scenario.workspace, 'made.txt')), false);
  });
});
