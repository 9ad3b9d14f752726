// The loop guard in the CLI: a real process whose model lists the same folder again and again is
// told to change approach on the third call, and stopped, saying why, at the fourth.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, text, toolCall } from '../../fixtures/mockOpenAI';
import { runCli, useMockServers } from './cliProcess';

describe('the CLI: the loop guard', function () {
  this.timeout(30_000);
  const servers = useMockServers();
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ouro-cli-guard-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('notes the third identical call, does not run the fourth, and prints why the turn stopped', async () => {
    const list = () => reply(...toolCall('list_files', { path: '.' }));
    const server = await servers.start([list(), list(), list(), list(), reply(...text('never asked'))]);
    const run = await runCli(['--cwd', dir, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', 'list it']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /reminded: You have called list_files with the same arguments 3 times in a row/);
    assert.match(run.stderr, /Stopped: the model called list_files with the same arguments 4 times in a row\.\n$/);
    assert.equal(server.requests.length, 4);
    assert.match(run.stdout, /✗ list_files[^\n]*Not run: you called list_files with the same arguments 4 times in a row/);
  });
});
