// The CLI with real MCP servers over stdio: @modelcontextprotocol/server-everything and a small
// server that crashes on request. The model (the mock server) calls their tools; what it hears
// back, what it is offered, and what happens without trust are checked in its requests.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, text, toolCall } from '../../fixtures/mockOpenAI';
import { runCli, useMockServers } from '../cli/cliProcess';

const ROOT = join(__dirname, '..', '..', '..');
const EVERYTHING = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const CRASHING = join(ROOT, 'test/fixtures/mcp/crashingServer.mjs');
const FILESYSTEM = join(ROOT, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');

describe('MCP servers in the CLI', function () {
  this.timeout(60_000);
  const mock = useMockServers();
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouro-mcp-'));
    home = mkdtempSync(join(tmpdir(), 'ouro-mcp-home-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  function workspaceServers(servers: Record<string, unknown>): void {
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, '.vscode/mcp.json'), JSON.stringify({ servers }));
  }
  const toolNames = (request: { tools?: Array<{ function: { name: string } }> }) => (request.tools ?? []).map((tool) => tool.function.name);
  const lastTool = (request: { messages: Array<{ role: string; content?: unknown }> }) => String(request.messages.filter((m) => m.role === 'tool').at(-1)?.content);

  it("offers a trusted workspace server's tools as server__tool with their schemas, runs a call and gives the model the result", async () => {
    workspaceServers({ everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] } });
    const server = await mock.start([
      reply(...toolCall('load_tools', { names: ['everything__echo', 'everything__get-sum'] })),
      reply(...toolCall('everything__echo', { message: 'hello' })),
      reply(...toolCall('everything__get-sum', { a: 2, b: 3 })),
      reply(...text('done')),
    ]);
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--cwd', dir, '--trust-mcp', '--approve', 'all', 'echo hello'], { HOME: home });
    assert.equal(run.code, 0, run.stderr);
    const offered = server.requests[1].tools?.find((tool) => tool.function.name === 'everything__echo');
    assert.equal(offered?.function.description, 'Echoes back the input string');
    assert.deepEqual((offered?.function.parameters as { required?: string[] }).required, ['message']);
    assert.match(lastTool(server.requests[2]), /^Echo: hello$/);
    assert.match(lastTool(server.requests[3]), /The sum of 2 and 3 is 5/);
  });

  it('sends many MCP tools as names and a line each until the model loads the ones it wants (server-everything and server-filesystem)', async () => {
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ servers: { everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] }, files: { command: process.execPath, args: [FILESYSTEM, dir] } } }));
    writeFileSync(join(dir, 'note.txt'), 'from the file system server\n');
    const server = await mock.start([
      reply(...toolCall('load_tools', { names: ['files__read_text_file', 'everything__echo'] })),
      reply(...toolCall('files__read_text_file', { path: join(dir, 'note.txt') })),
      reply(...text('done')),
    ]);
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--cwd', dir, '--mcp-config', 'mine.json', '--approve', 'all', 'read it'], { HOME: home });
    assert.equal(run.code, 0, run.stderr);
    const first = toolNames(server.requests[0]);
    assert.equal(first.filter((name) => name.includes('__')).length, 0, first.join(', '));
    const loader = server.requests[0].tools?.find((tool) => tool.function.name === 'load_tools');
    assert.match(loader?.function.description ?? '', /\neverything__echo: Echoes back the input string\n/);
    assert.match(loader?.function.description ?? '', /\nfiles__read_text_file: /);
    assert.deepEqual(toolNames(server.requests[1]).filter((name) => name.includes('__')), ['everything__echo', 'files__read_text_file']);
    assert.match(lastTool(server.requests[1]), /^Loaded files__read_text_file, everything__echo: call them from your next step\.$/);
    assert.equal(lastTool(server.requests[2]), 'from the file system server');
  });

  it("starts no workspace server without --trust-mcp, and says how to trust it", async () => {
    workspaceServers({ everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] } });
    const server = await mock.start([reply(...text('ok'))]);
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--cwd', dir, 'hi'], { HOME: home });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /mcp: the workspace's servers everything \(\S+ \S+index\.js stdio\) did not start: pass --trust-mcp to start them/);
    assert.equal(toolNames(server.requests[0]).some((name) => name.startsWith('everything__')), false);
  });

  it('asks before each MCP call unless the tool is allowed, and keeps secrets from the server', async () => {
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ servers: { everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] } } }));
    const server = await mock.start([
      reply(...toolCall('load_tools', { names: ['everything__get-env', 'everything__echo'] })),
      reply(...toolCall('everything__get-env', {})),
      reply(...toolCall('everything__echo', { message: 'x' })),
      reply(...text('done')),
    ]);
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--cwd', dir, '--mcp-config', 'mine.json', '--allow-mcp', 'everything__get-env', 'env'], { HOME: home, OPENAI_API_KEY: 'sk-secret-123', GITHUB_TOKEN: 'ghp_secret' });
    assert.equal(run.code, 0, run.stderr);
    const env = lastTool(server.requests[2]);
    assert.match(env, /"PATH"/, 'the allowed tool ran');
    assert.doesNotMatch(env, /sk-secret-123|ghp_secret/);
    assert.match(lastTool(server.requests[3]), /^Error: Not run: the user declined everything__echo/, 'the CLI without --approve all declines what asks');
  });

  it('turns a server crash mid-call into a tool error and starts the server again for the next call', async () => {
    const starts = join(dir, 'starts.txt');
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ servers: { crashing: { command: process.execPath, args: [CRASHING], env: { STARTS_FILE: starts } } } }));
    const server = await mock.start([reply(...toolCall('crashing__crash', { why: 'test' })), reply(...toolCall('crashing__ping', {})), reply(...text('done'))]);
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--cwd', dir, '--mcp-config', 'mine.json', '--approve', 'all', 'crash it'], { HOME: home });
    assert.equal(run.code, 0, run.stderr);
    assert.match(lastTool(server.requests[1]), /^Error: crashing__crash failed: MCP error -32000: Connection closed/);
    assert.equal(lastTool(server.requests[2]), 'pong from start 2');
    assert.equal(readFileSync(starts, 'utf8'), 'xx');
  });
});
