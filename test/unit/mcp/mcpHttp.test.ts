// Remote MCP servers: @modelcontextprotocol/server-everything served over Streamable HTTP, and
// over the older SSE transport, which a server configured as "http" falls back to.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { McpServerConfig } from '../../../src/agent/mcp/mcpConfig';
import { McpConnection } from '../../../src/agent/mcp/mcpConnection';

const EVERYTHING = join(__dirname, '..', '..', '..', 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts server-everything with `transport` and resolves once it listens. */
async function serve(transport: 'streamableHttp' | 'sse'): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, transport], { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk) => {
      seen += chunk;
      if (/listening|running/i.test(seen)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server-everything exited (${code}): ${seen}`)));
  });
  return { port, child };
}

describe('MCP servers over HTTP', function () {
  this.timeout(30_000);
  let child: ChildProcess | undefined;
  let connection: McpConnection | undefined;
  afterEach(async () => {
    await connection?.close();
    child?.kill();
  });

  async function echoThrough(config: McpServerConfig): Promise<string> {
    connection = new McpConnection(config, { cwd: __dirname });
    const names = (await connection.tools()).map((tool) => tool.name);
    assert.ok(names.includes('echo') && names.includes('get-sum'), names.join(', '));
    const result = await connection.call('echo', { message: 'over the wire' }, new AbortController().signal);
    return JSON.stringify(result.content);
  }

  it('lists and calls tools over Streamable HTTP', async () => {
    const served = await serve('streamableHttp');
    child = served.child;
    const content = await echoThrough({ name: 'remote', kind: 'http', url: `http://127.0.0.1:${served.port}/mcp`, headers: {}, source: 't', origin: 'user' });
    assert.equal(content, '[{"type":"text","text":"Echo: over the wire"}]');
    assert.equal(connection!.state, 'running');
  });

  it('falls back to SSE when a server configured as http speaks only the older transport', async () => {
    const served = await serve('sse');
    child = served.child;
    const content = await echoThrough({ name: 'older', kind: 'http', url: `http://127.0.0.1:${served.port}/sse`, headers: {}, source: 't', origin: 'user' });
    assert.equal(content, '[{"type":"text","text":"Echo: over the wire"}]');
  });
});
