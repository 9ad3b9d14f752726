// The CLI signing in to a remote MCP server that asks for OAuth: it prints the sign-in address on
// stderr (the test plays the browser with it), keeps the tokens under $XDG_CONFIG_HOME/ouro, and
// the next run signs in from them without asking.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, text, toolCall } from '../../fixtures/mockOpenAI';
import { startOAuthServer, type OAuthServer } from '../../fixtures/mcp/oauthServer';
import { runCli, useMockServers } from '../cli/cliProcess';

describe('OAuth sign-in in the CLI', function () {
  this.timeout(60_000);
  const mock = useMockServers();
  let dir: string;
  let auth: OAuthServer;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ouro-cli-oauth-'));
    auth = await startOAuthServer();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ servers: { protected: { type: 'http', url: auth.mcpUrl } } }));
  });
  afterEach(async () => {
    await auth.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function callWhoami(browser: (stderr: string) => void) {
    const server = await mock.start([reply(...toolCall('protected__whoami', {})), reply(...text('done'))]);
    // A browser that opens nothing: the address on stderr is the way to sign in.
    const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), BROWSER: 'true' };
    const run = await runCli(['--base-url', server.url, '--model', 'm', '--cwd', dir, '--mcp-config', 'mine.json', '--approve', 'all', 'who'], env, browser);
    assert.equal(run.code, 0, run.stderr);
    return { run, answer: String(server.requests[1].messages.filter((m) => m.role === 'tool').at(-1)?.content) };
  }

  it('prints the sign-in address, takes the browser back, and signs in from the kept tokens next time', async () => {
    let seen = '';
    const first = await callWhoami((chunk) => {
      seen += chunk;
      const address = /\n {2}(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)\n/.exec(seen)?.[1];
      if (address && !seen.includes('(followed)')) {
        seen += '(followed)';
        void fetch(address, { redirect: 'manual' }).then((page) => fetch(page.headers.get('location')!));
      }
    });
    assert.match(first.run.stderr, /mcp: the server "protected" asks you to sign in; open this address if no browser opens:/);
    assert.equal(first.answer, 'signed in with a bearer token');
    const file = join(dir, 'config', 'ouro', 'mcp-tokens.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok((JSON.parse(readFileSync(file, 'utf8')) as Record<string, { tokens?: unknown }>)[auth.mcpUrl].tokens);

    const second = await callWhoami(() => undefined);
    assert.doesNotMatch(second.run.stderr, /asks you to sign in/);
    assert.equal(second.answer, 'signed in with a bearer token');
    assert.equal(auth.counts.authorize, 1);
  });
});
