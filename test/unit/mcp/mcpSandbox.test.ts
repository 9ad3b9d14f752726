// A stdio MCP server started in the command sandbox (bubblewrap): it cannot read the secrets in
// the home folder nor write outside the workspace, and it keeps the network.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverSandbox } from '../../../src/agent/commands/sandbox/sandboxedServer';
import { McpConnection } from '../../../src/agent/mcp/mcpConnection';
import { bubblewrap } from '../commands/sandboxHarness';

const PROBE = join(__dirname, '..', '..', 'fixtures/mcp/probeServer.mjs');

describe('MCP stdio servers in the sandbox', function () {
  this.timeout(30_000);
  let dir: string;
  let home: string;
  let site: Server;
  const connections: McpConnection[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ouro-mcp-sandbox-'));
    home = mkdtempSync(join(tmpdir(), 'ouro-mcp-sandbox-home-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh/id_ed25519'), 'PRIVATE KEY');
    writeFileSync(join(home, '.netrc'), 'machine example.com password hunter2');
    site = createServer((_req, res) => res.end('hello from the network'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await new Promise((resolve) => site.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  async function probe(sandboxed: boolean): Promise<(tool: string, args: Record<string, string>) => Promise<string>> {
    const sandbox = sandboxed ? serverSandbox({ sandbox: { kind: 'bubblewrap', path: await bubblewrap() }, root: dir, home, cache: join(home, '.cache/ouro/mcp') }) : undefined;
    const connection = new McpConnection({ name: 'probe', kind: 'stdio', command: process.execPath, args: [PROBE], env: {}, source: 't', origin: 'user' }, { cwd: dir, ...(sandbox ? { sandbox } : {}) });
    connections.push(connection);
    return async (tool, args) => {
      const result = await connection.call(tool, args, new AbortController().signal);
      return (result.content as Array<{ text: string }>)[0].text;
    };
  }

  it('hides the secrets in the home folder from a sandboxed server', async () => {
    const call = await probe(true);
    assert.match(await call('read', { path: join(home, '.ssh/id_ed25519') }), /^failed: ENOENT$/);
    assert.match(await call('read', { path: join(home, '.netrc') }), /^(read: ""|failed: EACCES)$/, '/dev/null over the file');
  });

  it('lets a sandboxed server write the workspace only, and reach the network', async () => {
    const call = await probe(true);
    assert.equal(await call('write', { path: join(dir, 'made.txt'), text: 'inside' }), 'written');
    assert.equal(readFileSync(join(dir, 'made.txt'), 'utf8'), 'inside');
    // Not under /tmp, which is writable in the sandbox as it is for commands (nor under this
    // repository, which a clone may have put there).
    const outside = mkdtempSync(join('/var/tmp', 'ouro-mcp-outside-'));
    try {
      assert.match(await call('write', { path: join(outside, 'x.txt'), text: 'x' }), /^failed: (EROFS|EACCES)$/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const { port } = site.address() as AddressInfo;
    assert.equal(await call('fetch', { url: `http://127.0.0.1:${port}/` }), 'fetched: hello from the network');
  });

  it("gives a sandboxed server a writable package cache of its own, not the user's", async () => {
    const call = await probe(true);
    const cache = join(home, '.cache/ouro/mcp');
    assert.equal(await call('env', { name: 'npm_config_cache' }), join(cache, 'npm'));
    assert.equal(await call('env', { name: 'XDG_CACHE_HOME' }), cache);
    assert.equal(await call('write', { path: join(cache, 'cached.txt'), text: 'kept' }), 'written');
  });

  it('without the sandbox, the same server reads them (the planted secrets are real)', async () => {
    const call = await probe(false);
    assert.equal(await call('read', { path: join(home, '.netrc') }), 'read: "machine example.com password hunter2"');
  });
});
