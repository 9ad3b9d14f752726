// A server's prompts as slash commands: their names, their arguments from the typed words, their
// messages as one user message, and listed and got from server-everything once it runs.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpServerConfig } from '../../../src/agent/mcp/mcpConfig';
import { fillPromptArguments, mcpPromptCommand, promptMessageText } from '../../../src/agent/mcp/mcpPrompts';
import { McpServers } from '../../../src/agent/mcp/mcpServers';

const ROOT = join(__dirname, '..', '..', '..');
const EVERYTHING = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const CITY = { name: 'city', description: 'Name of the city', required: true };
const STATE = { name: 'state', description: 'Name of the state' };

describe('MCP prompts as slash commands', () => {
  it('names each /mcp.<server>.<prompt>, with what a slash name cannot hold turned into -', () => {
    assert.equal(mcpPromptCommand('everything', 'args-prompt'), 'mcp.everything.args-prompt');
    assert.equal(mcpPromptCommand('my docs', 'find page/section'), 'mcp.my-docs.find-page-section');
  });

  it('fills arguments from name=value pairs, gives the other words to the first argument left, and names the required ones missing', () => {
    assert.deepEqual(fillPromptArguments([CITY, STATE], "city='San Antonio' state=TX"), { values: { city: 'San Antonio', state: 'TX' }, missing: [] });
    assert.deepEqual(fillPromptArguments([CITY, STATE], 'Paris'), { values: { city: 'Paris' }, missing: [] });
    assert.deepEqual(fillPromptArguments([CITY, STATE], 'New York state=NY'), { values: { state: 'NY', city: 'New York' }, missing: [] });
    assert.deepEqual(fillPromptArguments([STATE, CITY], 'city=Austin Texas'), { values: { city: 'Austin', state: 'Texas' }, missing: [] });
    assert.deepEqual(fillPromptArguments([CITY, STATE], 'state=TX'), { values: { state: 'TX' }, missing: [CITY] });
    assert.deepEqual(fillPromptArguments([CITY, STATE], ''), { values: {}, missing: [CITY] });
    // A pair that names no argument is words like any other.
    assert.deepEqual(fillPromptArguments([CITY], 'x=1 in Lyon'), { values: { city: 'x=1 in Lyon' }, missing: [] });
    assert.deepEqual(fillPromptArguments(undefined, 'anything'), { values: {}, missing: [] });
  });

  it("turns the prompt's messages into one user message: text, text resources with their address, the rest named", () => {
    const text = promptMessageText({
      messages: [
        { role: 'user', content: { type: 'text', text: 'Review this:' } },
        { role: 'user', content: { type: 'resource', resource: { uri: 'demo://a.md', text: '# A' } } },
        { role: 'user', content: { type: 'resource', resource: { uri: 'demo://b.bin', blob: 'AAAA' } } },
        { role: 'user', content: { type: 'image', data: 'AAAA', mimeType: 'image/png' } },
        { role: 'assistant', content: { type: 'text', text: 'Sure.' } },
      ],
    });
    assert.equal(text, 'Review this:\n\n[resource demo://a.md]\n# A\n\n[resource demo://b.bin: binary, not included]\n\n[image not included: the chat sends text only]\n\n(The assistant said:) Sure.');
  });

  describe('from a running server', function () {
    this.timeout(30_000);
    let dir: string;
    let servers: McpServers | undefined;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ouro-mcp-prompts-'))));
    afterEach(async () => {
      await servers?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const everything: McpServerConfig = { name: 'everything', kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'], env: {}, source: 't', origin: 'user' };

    it('lists none before the server runs (listing starts nothing), then its prompts, and gets one filled in', async () => {
      servers = new McpServers([everything], { cwd: dir, allowed: () => [], trusted: () => true });
      const signal = new AbortController().signal;
      assert.deepEqual(await servers.prompts(signal), []);
      assert.deepEqual(servers.status().map((status) => status.state), ['stopped']);
      await servers.withTools([])(signal);
      const prompts = await servers.prompts(signal);
      const args = prompts.find((entry) => entry.command === 'mcp.everything.args-prompt');
      assert.ok(args, `args-prompt is listed among ${prompts.map((entry) => entry.command).join(', ')}`);
      assert.deepEqual(args.prompt.arguments?.map((argument) => [argument.name, argument.required ?? false]), [['city', true], ['state', false]]);
      assert.equal(await servers.getPrompt(args, fillPromptArguments(args.prompt.arguments, 'city=Austin state=TX').values, signal), "What's weather in Austin, TX?");
      await assert.rejects(servers.getPrompt(args, {}, signal), /city|invalid/i);
    });
  });
});
