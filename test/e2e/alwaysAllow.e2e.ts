// "Always allow" on a command's approval card: the user allows the command once and for all;
// the rule lands in the workspace settings and the same command runs without asking next time.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const COMMAND = 'node -e "console.log(6 * 7)"';
const RULE = "node -e 'console.log(6 * 7)'";

describe('Always allow on a command card', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('adds the rule to the workspace settings, and the same command then runs without asking', async () => {
    const ranTwice = (result: string) => (/^Exit code 0\b/.test(result) && result.includes('42') ? 'Both runs printed 42.' : `Unexpected: ${result}`);
    const scenario = await scenarios.open({
      name: '9-always-allow',
      script: [
        reply(toolCall('run_command', { command: COMMAND })),
        (request) => (/^Exit code 0\b/.test(lastContent(request.body.messages, 'tool')) ? reply(toolCall('run_command', { command: COMMAND })) : textReply(`Unexpected: ${lastContent(request.body.messages, 'tool')}`)),
        (request) => textReply(ranTwice(lastContent(request.body.messages, 'tool'))),
      ],
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'what is 6 * 7? ask node, twice');

    const first = toolCard(chat, 'run_command', 'waiting');
    const button = first.locator('button.always-allow');
    await button.waitFor();
    assert.equal((await button.textContent())?.trim(), `Always allow ${RULE}`);
    assert.equal(await button.locator('code').textContent(), RULE);
    await scenario.shot('always-allow-offered');
    await button.click();

    await chat.locator('#messages .message.assistant', { hasText: 'Both runs printed 42.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('second-run-without-asking');

    const cards = toolCard(chat, 'run_command');
    assert.equal(await cards.count(), 2);
    assert.match((await cards.nth(0).locator('.tool-note').textContent()) ?? '', /always allowed from now on/);
    // The second run asked nothing: no approval was ever shown on its card, so it has no note.
    assert.equal(await cards.nth(1).locator('.tool-note').count(), 0);
    assert.equal(await chat.locator('#messages .approval').count(), 0);
    assert.equal(scenario.mock.requests.length, 3);

    const settings = JSON.parse(fs.readFileSync(path.join(scenario.workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['ouro.commands.allow'], [RULE]);
  });
});
