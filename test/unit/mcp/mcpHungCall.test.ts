// A call to an MCP server that never answers: it ends at the call timeout, or at once with Stop
// (the turn's signal), as a tool error the model reads; the server keeps serving the next call.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { McpConnection } from '../../../src/agent/mcp/mcpConnection';
import { mcpTools } from '../../../src/agent/mcp/mcpTools';
import { createToolContext } from '../../../src/agent/toolContext';
import type { Tool } from '../../../src/agent/tools/tool';
import type { ToolArguments } from '../../../src/agent/customTools/parameterSchema';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

const HANGING = join(__dirname, '..', '..', 'fixtures/mcp/hangingServer.mjs');

describe('a hung MCP call', function () {
  this.timeout(20_000);
  let connection: McpConnection;
  let tools: Map<string, Tool<ToolArguments>>;
  beforeEach(async () => {
    connection = new McpConnection({ name: 'hanging', kind: 'stdio', command: process.execPath, args: [HANGING], env: {}, source: 't', origin: 'user' }, { cwd: __dirname, callTimeoutMs: 500 });
    tools = new Map(mcpTools(connection, await connection.tools(), () => ['hanging__*']).tools.map((tool) => [tool.name, tool]));
  });
  afterEach(() => connection.close());
  const run = (name: string, signal = new AbortController().signal) =>
    tools.get(name)!.run({}, createToolContext({ workspace: new NodeWorkspace(__dirname), approver: { approve: async () => ({ approved: true }) }, signal }, 'h1', () => undefined));

  it('ends at the call timeout as a tool error, and the server answers the next call', async () => {
    const started = Date.now();
    const result = await run('hanging__hang');
    assert.deepEqual(result, { content: 'hanging__hang failed: MCP error -32001: Request timed out', isError: true });
    assert.ok(Date.now() - started < 3_000, `${Date.now() - started} ms`);
    assert.equal((await run('hanging__ping')).content, 'pong');
  });

  it('ends at once with Stop, and the server answers the next call', async () => {
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 100);
    const result = await run('hanging__hang', stop.signal);
    assert.deepEqual(result, { content: 'hanging__hang was cancelled.', isError: true });
    assert.ok(Date.now() - started < 400, `${Date.now() - started} ms: before the timeout`);
    assert.equal((await run('hanging__ping')).content, 'pong');
  });
});
