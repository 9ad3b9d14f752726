// Issue 8 in the editor: the chat shows which project rules and skills a chat started with, and
// a tool the agent writes for itself under .ouro/tools/ (through review) is there from its next
// step, with a broken tool.json reported to it first, and runs after the same approval as a command.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { reply, textReply, toolCall, type MockRequest, type Reply } from '../fixtures/mockOpenAI';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const SCRIPT = "let input = '';\nprocess.stdin.on('data', (chunk) => (input += chunk));\nprocess.stdin.on('end', () => console.log(JSON.parse(input).text.toUpperCase() + '!'));\n";
const MANIFEST = { name: 'shout', description: 'Say the text loudly.', parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, command: ['node', 'shout.mjs'] };
const BROKEN = { name: 'shout', description: 'Say the text loudly.', parameters: MANIFEST.parameters };

/** The next turn when the last tool result passes `check`, else a reply that says what came instead. */
function after(check: (result: string, request: MockRequest) => boolean, next: Reply): (request: MockRequest) => Reply {
  return (request) => {
    const result = lastContent(request.body.messages, 'tool');
    return check(result, request) ? next : textReply(`Unexpected: ${result}`);
  };
}

const offers = (request: MockRequest, name: string) => (request.body.tools ?? []).some((tool) => tool.function.name === name);

/**
 * Accepts the n-th write_file (from 0) on its card and waits until it is written. Edits are
 * auto-approved in this scenario's settings, but .ouro/tools/ decides what runs later: its
 * writes are always reviewed, and the card says why.
 */
async function written(chat: FrameLocator, page: Page, n: number): Promise<void> {
  const card = chat.locator('#messages .tool-card[data-tool="write_file"]').nth(n);
  await card.locator('button.accept').waitFor();
  // "<path> ↔ Ouro's proposal (protected)", or a new file's own "<name> (new file from Ouro, protected)".
  await page.locator(`.tabs-container .tab.active[aria-label*="protected)"]`).waitFor();
  await card.locator('button.accept').click();
  await toolCard(chat, 'write_file', 'done').nth(n).waitFor();
}

describe('Rules, skills and self-made tools in the editor', function () {
  this.timeout(480_000);
  const scenarios = useScenarios();

  it('shows the rules a chat loaded, and runs a tool the agent wrote during the chat', async () => {
    const scenario = await scenarios.open({
      name: '10-self-made-tool',
      settings: { 'ouro.autoApprove.edits': true },
      script: [
        (request) => (offers(request, 'shout') ? textReply('Unexpected: shout exists already') : reply(toolCall('write_file', { path: '.ouro/tools/shout/shout.mjs', content: SCRIPT }))),
        after((result) => !result.includes('Error'), reply(toolCall('write_file', { path: '.ouro/tools/shout/tool.json', content: JSON.stringify(BROKEN) }))),
        // The broken tool.json is reported on the latest tool result, with the exact problem.
        after((result, request) => result.includes('[Note from Ouro] .ouro/tools/shout/tool.json is not a usable tool: command: give the name of a script') && !offers(request, 'shout'), reply(toolCall('write_file', { path: '.ouro/tools/shout/tool.json', content: JSON.stringify(MANIFEST) }))),
        after((_result, request) => offers(request, 'shout'), reply(toolCall('shout', { text: 'hello' }))),
        after((result) => /^Exit code 0\b/.test(result) && result.includes('HELLO!'), textReply('The tool said HELLO!')),
      ],
    });
    fs.writeFileSync(path.join(scenario.workspace, 'AGENTS.md'), '# Sample\nUse two spaces.\n');
    fs.mkdirSync(path.join(scenario.workspace, '.ouro', 'skills', 'release'), { recursive: true });
    fs.writeFileSync(path.join(scenario.workspace, '.ouro', 'skills', 'release', 'SKILL.md'), '---\nname: release\ndescription: How to cut a release.\n---\nTag it.\n');

    scenario.page.on('console', (message) => {
      if (message.type() === 'error') console.log(`      console: ${message.text()}`);
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'make yourself a tool that shouts, then shout hello');
    await chat.locator('#messages .message.user').waitFor();
    const loaded = chat.locator('#messages .project-context');
    await loaded.waitFor();
    assert.match((await loaded.textContent()) ?? '', /AGENTS\.md.*release/s);

    await written(chat, scenario.page, 0);
    assert.match(String(scenario.mock.requests[0].messages[0].content), /Use two spaces\./);
    await written(chat, scenario.page, 1);
    await written(chat, scenario.page, 2);
    const shout = toolCard(chat, 'shout', 'waiting');
    await shout.waitFor();
    await scenario.shot('self-made-tool-approval');
    await shout.locator('button.always-allow').click();
    await chat.locator('#messages .message.assistant', { hasText: 'The tool said HELLO!' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('self-made-tool-ran');
    assert.equal(scenario.mock.requests.length, 5);
    const settings = JSON.parse(fs.readFileSync(path.join(scenario.workspace, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['ouro.commands.allow'], ['node .ouro/tools/shout/shout.mjs']);
  });
});
