// Signing in to a remote MCP server with OAuth 2.1 against a small authorization server on
// loopback (test/fixtures/mcp/oauthServer.ts): the browser is played by a fetch that follows the
// authorization page's redirect back to Ouro's loopback listener. A server of the older SSE
// transport only is signed in to the same way, named as SSE or reached by falling back to it.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { McpServerConfig } from '../../../src/agent/mcp/mcpConfig';
import { McpConnection } from '../../../src/agent/mcp/mcpConnection';
import type { McpAuthOptions } from '../../../src/agent/mcp/mcpOAuthProvider';
import { McpTokenFile, ouroConfigFolder } from '../../../src/cli/mcpTokenFile';
import { startOAuthServer, type OAuthServer } from '../../fixtures/mcp/oauthServer';

describe('OAuth sign-in to remote MCP servers', function () {
  this.timeout(20_000);
  let server: OAuthServer;
  let home: string;
  let store: McpTokenFile;
  let opened: URL[];
  let logged: string[];
  const connections: McpConnection[] = [];
  beforeEach(async () => {
    server = await startOAuthServer();
    home = mkdtempSync(join(tmpdir(), 'ouro-oauth-'));
    store = new McpTokenFile(ouroConfigFolder(home, { XDG_CONFIG_HOME: join(home, 'config') }));
    opened = [];
    logged = [];
  });
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** A browser that signs in at once: it follows the authorization page back to the loopback listener. */
  const browser = (alter: (url: URL) => URL = (url) => url) => async (url: URL) => {
    opened.push(url);
    const page = await fetch(alter(url), { redirect: 'manual' });
    const back = page.headers.get('location');
    if (back) await fetch(back);
  };
  const connect = (auth: Partial<McpAuthOptions> = {}, { kind = 'http', url = server.mcpUrl }: { kind?: 'http' | 'sse'; url?: string } = {}) => {
    const config: McpServerConfig = { name: 'protected', kind, url, headers: {}, source: 't', origin: 'user' };
    const connection = new McpConnection(config, { cwd: home, auth: { store, openBrowser: browser(), ...auth }, log: (line) => logged.push(line) });
    connections.push(connection);
    return connection;
  };
  const whoami = async (connection: McpConnection) => JSON.stringify((await connection.call('whoami', {}, new AbortController().signal)).content);
  const kept = () => JSON.parse(readFileSync(store.file, 'utf8')) as Record<string, { tokens?: { access_token: string; refresh_token?: string } }>;

  it('signs in on the first connection (registration, the browser, PKCE), keeps the tokens in a file only the user can read, and calls the tool', async () => {
    const connection = connect();
    assert.equal(await whoami(connection), '[{"type":"text","text":"signed in with a bearer token"}]');
    assert.equal(opened.length, 1);
    assert.equal(opened[0].searchParams.get('code_challenge_method'), 'S256');
    assert.match(opened[0].searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.deepEqual({ register: server.counts.register, codeGrants: server.counts.codeGrants }, { register: 1, codeGrants: 1 });
    assert.equal(statSync(store.file).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(store.file)).mode & 0o777, 0o700);
    assert.equal(dirname(store.file), join(home, 'config', 'ouro'));
    assert.ok(kept()[server.mcpUrl].tokens?.access_token);
  });

  it('signs in again from the kept tokens, without the browser', async () => {
    await whoami(connect());
    await connections[0].close();
    const again = connect({ openBrowser: () => assert.fail('the browser opened again') });
    assert.match(await whoami(again), /signed in/);
    assert.deepEqual({ register: server.counts.register, authorize: server.counts.authorize, codeGrants: server.counts.codeGrants }, { register: 1, authorize: 1, codeGrants: 1 });
  });

  it('refreshes an expired access token without the browser, and keeps the new one', async () => {
    await whoami(connect());
    await connections[0].close();
    const before = kept()[server.mcpUrl].tokens!;
    server.expireAccessTokens();
    const again = connect({ openBrowser: () => assert.fail('the browser opened again') });
    assert.match(await whoami(again), /signed in/);
    assert.equal(server.counts.refreshGrants, 1);
    const after = kept()[server.mcpUrl].tokens!;
    assert.notEqual(after.access_token, before.access_token);
    assert.notEqual(after.refresh_token, before.refresh_token);
  });

  it('is refused tokens when the PKCE verifier does not match the challenge the page saw', async () => {
    const tampered = (url: URL) => {
      const changed = new URL(url);
      changed.searchParams.set('code_challenge', 'A'.repeat(43));
      return changed;
    };
    const connection = connect({ openBrowser: browser(tampered) });
    await assert.rejects(whoami(connection), /did not start: the sign-in failed: /);
    // The SDK tries the code once more after an invalid_grant; the server had spent it.
    assert.equal(server.counts.refused[0], 'invalid_grant: the PKCE verifier does not match the challenge');
    assert.equal(server.counts.codeGrants, 0);
    assert.equal(kept()[server.mcpUrl].tokens, undefined);
  });

  it('signs in to a server of the older SSE transport, and refreshes its expired token without the browser', async () => {
    assert.match(await whoami(connect({}, { kind: 'sse', url: server.sseUrl })), /signed in/);
    assert.equal(opened.length, 1);
    assert.deepEqual({ register: server.counts.register, codeGrants: server.counts.codeGrants }, { register: 1, codeGrants: 1 });
    assert.ok(kept()[server.sseUrl].tokens?.access_token);
    await connections[0].close();
    server.expireAccessTokens();
    const again = connect({ openBrowser: () => assert.fail('the browser opened again') }, { kind: 'sse', url: server.sseUrl });
    assert.match(await whoami(again), /signed in/);
    assert.equal(server.counts.refreshGrants, 1);
  });

  it('signs in to an SSE-only server named as Streamable HTTP, and falls back to SSE with the same sign-in', async () => {
    assert.match(await whoami(connect({}, { url: server.sseUrl })), /signed in/);
    assert.equal(opened.length, 1, 'one sign-in serves both transports');
    assert.deepEqual({ register: server.counts.register, codeGrants: server.counts.codeGrants }, { register: 1, codeGrants: 1 });
    assert.ok(logged.some((line) => /Streamable HTTP failed .*; trying SSE/.test(line)), logged.join('\n'));
  });

  it('gives up when the browser does not come back in time', async () => {
    const connection = connect({ openBrowser: () => undefined, redirectTimeoutMs: 200 });
    await assert.rejects(whoami(connection), /did not start: the sign-in failed: no sign-in came back within 0 s/);
  });
});
