// An MCP server the workspace configures, in the editor: .vscode/mcp.json names a stdio server;
// the user trusts it on its card; the model's first call of its tool asks on a card naming the
// server and the arguments; the user picks "Always allow this tool"; the second call runs
// without asking, and both results reach the model. The context meter shows what the server's
// tools cost apart from the built-in ones, and the server list says it runs, with its tools. Its
// prompt is then a slash command, and what it returns is what the model gets. In a light and a
// dark theme, for looking at.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encode } from 'gpt-tokenizer';
import { reply, textReply, toolCall } from '../fixtures/mockOpenAI';
import { openMeter, readMeter } from './harness/contextMeter';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const SERVER = path.resolve(__dirname, '..', 'fixtures', 'mcp', 'calculatorServer.mjs');
const themes = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const;

describe('An MCP server in the editor', function () {
  this.timeout(240_000);
  const scenarios = useScenarios();

  for (const [shade, theme] of themes) {
    it(`starts once trusted, asks for its tool once with Always allow, and its results reach the model (${shade})`, async () => {
      const scenario = await scenarios.open({
        name: `16-mcp-server-${shade}`,
        script: [
          reply(toolCall('calc__add', { a: 2, b: 3 })),
          (request) => (lastContent(request.body.messages, 'tool') === '2 + 3 = 5' ? reply(toolCall('calc__add', { a: 4, b: 5 })) : textReply(`Unexpected: ${lastContent(request.body.messages, 'tool')}`)),
          (request) => textReply(lastContent(request.body.messages, 'tool') === '4 + 5 = 9' ? 'Both sums arrived: 5 and 9.' : `Unexpected: ${lastContent(request.body.messages, 'tool')}`),
          textReply('Two and three make five.'),
        ],
        settings: { 'workbench.colorTheme': theme },
      });
      fs.mkdirSync(path.join(scenario.workspace, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(scenario.workspace, '.vscode', 'mcp.json'), JSON.stringify({ servers: { calc: { type: 'stdio', command: 'node', args: [SERVER] } } }, null, 2));
      const chat = await scenario.openChat();
      await sendMessage(chat, 'add 2 and 3, then 4 and 5, with the calculator');

      const trust = toolCard(chat, 'MCP servers', 'waiting');
      await trust.waitFor();
      assert.equal(await trust.locator('.approval-detail').textContent(), `calc (.vscode/mcp.json): node ${SERVER}`);
      await scenario.shot('trust-card');
      await trust.locator('button.accept[data-choice="trust"]').click();
      await toolCard(chat, 'MCP servers', 'done').waitFor();

      const first = toolCard(chat, 'calc__add', 'waiting');
      await first.waitFor();
      assert.equal(await first.locator('.approval-title').textContent(), 'add from the MCP server "calc"');
      assert.deepEqual(JSON.parse((await first.locator('.approval-detail').textContent()) ?? ''), { a: 2, b: 3 });
      assert.deepEqual(await first.locator('.approval-buttons button').allTextContents(), ['Allow', 'Always allow this tool', 'Always allow calc', 'Deny']);
      await scenario.shot('approval-card');
      await first.locator('button[data-choice="always-tool"]').click();

      await chat.locator('#messages .message.assistant', { hasText: 'Both sums arrived: 5 and 9.' }).waitFor();
      await waitUntilIdle(chat);
      const cards = toolCard(chat, 'calc__add');
      assert.equal(await cards.count(), 2);
      assert.equal(await cards.nth(0).locator('.tool-note').textContent(), 'Always allowed in this workspace: calc__add');
      // The second call asked nothing: no approval was shown on its card, so it has no note.
      assert.equal(await cards.nth(1).locator('.tool-note').count(), 0);
      assert.equal(await chat.locator('#messages .approval').count(), 0);
      assert.equal(scenario.mock.requests.length, 3);
      const offered = (scenario.mock.requests[0].tools ?? []).map((tool) => tool.function.name);
      assert.ok(offered.includes('calc__add') && offered.includes('calc__describe_number'), `offered: ${offered.join(', ')}`);

      // The meter: the calculator's two specs, sent whole, and its two results are MCP's share.
      await openMeter(chat);
      const meter = await readMeter(chat);
      await scenario.shot('context-meter');
      assert.deepEqual(Object.keys(meter.parts), ['System prompt', 'Tool specs', 'MCP tool specs', 'Rules', 'History', 'Tool results', 'MCP tool results']);
      const sentSpecs = (scenario.mock.requests[2].tools ?? []).filter((tool) => tool.function.name.startsWith('calc__'));
      const specTokens = encode(JSON.stringify(sentSpecs)).length;
      assert.ok(Math.abs(meter.parts['MCP tool specs'] - specTokens) <= 3, `MCP tool specs ${meter.parts['MCP tool specs']}, the specs sent ${specTokens}`);
      assert.ok(meter.parts['Tool specs'] > meter.parts['MCP tool specs'], JSON.stringify(meter.parts));
      assert.ok(meter.parts['MCP tool results'] > 0 && meter.parts['Tool results'] === 0, JSON.stringify(meter.parts));
      assert.equal(Object.values(meter.parts).reduce((a, b) => a + b, 0), meter.total, 'the parts add up to the total');
      await chat.locator('#context-meter').click();

      await chat.locator('#mcp-toggle').click();
      const row = chat.locator('#mcp-servers .mcp-server[data-name="calc"]');
      await row.locator('.mcp-status', { hasText: 'running, 2 tools' }).waitFor();
      assert.equal(await row.locator('.mcp-target').textContent(), `node ${SERVER}`);
      await scenario.shot('server-list');
      await chat.locator('#mcp-toggle').click();

      // The running server's prompt is a slash command; its arguments come from the words.
      const prompt = chat.locator('textarea#prompt');
      await prompt.click();
      await prompt.pressSequentially('/mcp.calc');
      const option = chat.locator('#slash-picker .slash-option', { hasText: '/mcp.calc.explain_sum' });
      await option.locator('.slash-description', { hasText: 'Asks to explain a sum step by step' }).waitFor();
      await scenario.shot('mcp-prompt-picker');
      await prompt.press('Enter');
      assert.equal(await prompt.inputValue(), '/mcp.calc.explain_sum ');
      await prompt.pressSequentially('a=2 b=3');
      await prompt.press('Enter');
      await chat.locator('#messages .message.assistant', { hasText: 'Two and three make five.' }).waitFor();
      await waitUntilIdle(chat);
      assert.equal(await chat.locator('#messages .message.user').last().innerText(), '/mcp.calc.explain_sum a=2 b=3');
      assert.equal(scenario.mock.requests[3].messages.at(-1)?.content, 'Explain, step by step, why 2 + 3 = 5.');
    });
  }
});
