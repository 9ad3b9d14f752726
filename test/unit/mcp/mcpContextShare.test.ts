// What MCP costs in the context meter, with server-everything's real tools: its specs (whole, or
// the load_tools loader standing for them) and its results are MCP's share, apart from the
// built-in tools'; the parts still add up to the request.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextBreakdown, type ContextBreakdown } from '../../../src/agent/context/contextBreakdown';
import { RequestMeter } from '../../../src/agent/context/requestSize';
import { loadTokenCounter, type TokenCounter } from '../../../src/agent/context/tokenCounter';
import type { Message } from '../../../src/agent/conversation';
import { LOAD_TOOLS } from '../../../src/agent/mcp/deferredTools';
import type { McpServerConfig } from '../../../src/agent/mcp/mcpConfig';
import { McpConnection } from '../../../src/agent/mcp/mcpConnection';
import { McpServers } from '../../../src/agent/mcp/mcpServers';
import { isMcpToolName } from '../../../src/agent/mcp/mcpToolNames';
import { mcpTools } from '../../../src/agent/mcp/mcpTools';
import { createToolContext } from '../../../src/agent/toolContext';
import { createTools } from '../../../src/agent/tools/index';
import type { Tool } from '../../../src/agent/tools/tool';
import { toolSpecs } from '../../../src/agent/toolSpecs';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

const EVERYTHING = join(__dirname, '..', '..', '..', 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

describe("The context meter's MCP share", function () {
  this.timeout(30_000);
  let dir: string;
  let counter: TokenCounter;
  let servers: McpServers;
  let connection: McpConnection;
  let meter: RequestMeter;
  const builtIn = createTools();
  before(async () => {
    counter = await loadTokenCounter('gpt-4o');
    meter = new RequestMeter(counter);
    dir = mkdtempSync(join(tmpdir(), 'ouro-mcp-share-'));
    const config: McpServerConfig = { name: 'everything', kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'], env: {}, source: 't', origin: 'user' };
    servers = new McpServers([config], { cwd: dir, allowed: () => [], trusted: () => true });
    connection = new McpConnection(config, { cwd: dir });
  });
  after(async () => {
    await Promise.all([servers.close(), connection.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const conversation = (...more: Message[]): Message[] => [
    { role: 'system', content: 'You are Ouro.' },
    { role: 'user', content: 'echo hello, then read a.txt' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'everything__echo', arguments: '{"message":"hello"}' }] },
    ...more,
  ];
  const breakdown = (messages: Message[], tools: readonly Tool[]): ContextBreakdown => contextBreakdown(messages, toolSpecs(tools), new RequestMeter(counter), counter);
  const sum = (parts: ContextBreakdown) => parts.systemPrompt + parts.rules + parts.toolSpecs + parts.mcpToolSpecs + parts.history + parts.toolResults + parts.mcpToolResults;

  it("counts the specs of server-everything's tools sent whole as MCP's, apart from the built-in tools'", async () => {
    const whole = mcpTools(connection, await connection.tools(), () => []).tools;
    assert.ok(whole.length > 8 && whole.some((tool) => tool.name === 'everything__echo'), whole.map((tool) => tool.name).join(', '));
    const parts = breakdown(conversation(), [...builtIn, ...whole]);
    assert.equal(parts.toolSpecs, meter.toolSpecs(toolSpecs(builtIn)), 'the built-in share is what the built-in specs alone cost');
    assert.equal(parts.mcpToolSpecs, meter.toolSpecs(toolSpecs([...builtIn, ...whole])) - parts.toolSpecs, 'what adding the MCP specs costs');
    // Measured alone, MCP's specs differ from that by a bracket and a comma at most.
    assert.ok(Math.abs(parts.mcpToolSpecs - meter.toolSpecs(toolSpecs(whole))) <= 2, `${parts.mcpToolSpecs} vs ${meter.toolSpecs(toolSpecs(whole))}`);
    assert.ok(parts.mcpToolSpecs > 500, `server-everything's specs cost ${parts.mcpToolSpecs}`);
    assert.equal(sum(parts), parts.total);
  });

  it('counts the deferred loader as MCP, far below the whole specs, and the results of MCP tools as MCP results', async () => {
    const offered = (await servers.withTools(builtIn)(new AbortController().signal)).tools;
    assert.ok(offered.some((tool) => tool.name === LOAD_TOOLS), offered.map((tool) => tool.name).join(', '));
    const whole = mcpTools(connection, await connection.tools(), () => []).tools;
    const echo = whole.find((tool) => tool.name === 'everything__echo');
    assert.ok(echo);
    const ctx = createToolContext({ workspace: new NodeWorkspace(dir), approver: { approve: async () => ({ approved: true }) }, signal: new AbortController().signal }, 'c1', () => undefined);
    const echoed = await echo.run({ message: 'hello' }, ctx);
    assert.equal(echoed.content, 'Echo: hello');

    const messages = conversation(
      { role: 'tool', toolCallId: 'c1', name: 'everything__echo', content: echoed.content },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c2', name: 'read_file', arguments: '{"path":"a.txt"}' }] },
      { role: 'tool', toolCallId: 'c2', name: 'read_file', content: 'the contents of a.txt, longer than the echo\n'.repeat(5) },
    );
    const deferred = breakdown(messages, offered);
    const sentWhole = breakdown(messages, [...builtIn, ...whole]);
    assert.equal(deferred.toolSpecs, sentWhole.toolSpecs, 'the built-in share does not change with deferral');
    assert.ok(deferred.mcpToolSpecs > 0 && deferred.mcpToolSpecs < sentWhole.mcpToolSpecs / 2, `deferred ${deferred.mcpToolSpecs}, whole ${sentWhole.mcpToolSpecs}`);
    assert.equal(deferred.mcpToolResults, meter.message(messages[3]));
    assert.equal(deferred.toolResults, meter.message(messages[5]));
    assert.equal(sum(deferred), deferred.total);
  });
});

describe('Which tools are MCP tools, for the meter', () => {
  it("takes servers' tools, the loader and the resource tools, and of the editor's only its MCP servers'", () => {
    const names = ['read_file', 'everything__echo', LOAD_TOOLS, 'mcp_resources', 'read_mcp_resource', 'vscode__mcp_github_search', 'vscode__vscode_editFile_internal', 'load_editor_tools'];
    assert.deepEqual(names.filter(isMcpToolName), ['everything__echo', LOAD_TOOLS, 'mcp_resources', 'read_mcp_resource', 'vscode__mcp_github_search']);
  });
});
