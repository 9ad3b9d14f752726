// A server's resources as context: mcp_resources and read_mcp_resource against server-everything,
// offered only while some running server has resources.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpServerConfig } from '../../../src/agent/mcp/mcpConfig';
import { McpServers } from '../../../src/agent/mcp/mcpServers';
import { createToolContext } from '../../../src/agent/toolContext';
import type { Tool } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

const ROOT = join(__dirname, '..', '..', '..');
const EVERYTHING = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const CRASHING = join(ROOT, 'test/fixtures/mcp/crashingServer.mjs');

describe('MCP resources as context', function () {
  this.timeout(30_000);
  let dir: string;
  let servers: McpServers | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ouro-mcp-resources-'))));
  afterEach(async () => {
    await servers?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stdio = (name: string, args: string[], env: Record<string, string> = {}): McpServerConfig => ({ name, kind: 'stdio', command: process.execPath, args, env, source: 't', origin: 'user' });
  async function offered(configs: McpServerConfig[]): Promise<Map<string, Tool>> {
    servers = new McpServers(configs, { cwd: dir, allowed: () => [], trusted: () => true });
    const set = await servers.withTools([])(new AbortController().signal);
    return new Map(set.tools.map((tool) => [tool.name, tool]));
  }
  const run = (tool: Tool | undefined, args: unknown) => {
    assert.ok(tool, 'the tool is offered');
    const ctx = createToolContext({ workspace: new NodeWorkspace(dir), approver: { approve: () => assert.fail('a resource read asked for approval') }, signal: new AbortController().signal }, 'r1', () => undefined);
    return tool.run(args, ctx);
  };

  it("lists server-everything's resources and templates, and reads one by its address without asking", async () => {
    const tools = await offered([stdio('everything', [EVERYTHING, 'stdio'])]);
    const listed = await run(tools.get('mcp_resources'), { server: 'everything' });
    assert.equal(listed.isError, undefined, listed.content);
    assert.match(listed.content, /^everything:\n/);
    assert.match(listed.content, /\n {2}demo:\/\/resource\/static\/document\/features\.md \(features\.md, text\/markdown\)/);
    assert.match(listed.content, /\n {2}demo:\/\/resource\/dynamic\/text\/\{resourceId\} \(template: /);
    const read = await run(tools.get('read_mcp_resource'), { server: 'everything', uri: 'demo://resource/static/document/features.md' });
    assert.equal(read.isError, undefined, read.content);
    assert.match(read.content, /^\[resource demo:\/\/resource\/static\/document\/features\.md, text\/markdown\]\n# Everything Server - Features\n/);
  });

  it('says which servers offer resources when asked for another, and turns a bad address into an error result', async () => {
    const tools = await offered([stdio('everything', [EVERYTHING, 'stdio'])]);
    const other = await run(tools.get('mcp_resources'), { server: 'nope' });
    assert.deepEqual(other, { content: 'No MCP server "nope" offers resources; these do: everything.', isError: true });
    const missing = await run(tools.get('read_mcp_resource'), { server: 'everything', uri: 'demo://nothing/here' });
    assert.equal(missing.isError, true);
    assert.match(missing.content, /nothing\/here|not found/i);
  });

  it('offers neither tool when no running server has resources', async () => {
    const tools = await offered([stdio('crashing', [CRASHING], { STARTS_FILE: join(dir, 'starts') })]);
    assert.ok(tools.has('crashing__ping'));
    assert.equal(tools.has('mcp_resources') || tools.has('read_mcp_resource'), false);
  });
});
