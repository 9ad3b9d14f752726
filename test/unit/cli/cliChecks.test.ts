// Checks before "done" in the CLI: a real process against the mock server, on a real temp folder.
// The model edits and stops, is reminded of the check --check names, runs it with run_command
// (approved by --approve all, run like any command), and answers.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reply, text, toolCall } from '../../fixtures/mockOpenAI';
import { runCli, useMockServers } from './cliProcess';

const CHECK = 'node check.js';
const FIXED = 'module.exports = (a, b) => a + b;\n';

describe('the CLI: checks before done', function () {
  this.timeout(30_000);
  const servers = useMockServers();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouro-cli-checks-'));
    writeFileSync(join(dir, 'add.js'), 'module.exports = (a, b) => a - b;\n');
    writeFileSync(join(dir, 'check.js'), "if (require('./add.js')(2, 2) !== 4) { console.log('add is wrong'); process.exit(1); }\nconsole.log('add is right');\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reminds a model that edited and stopped, which then runs the check and says it passed', async () => {
    const server = await servers.start([
      reply(...toolCall('write_file', { path: 'add.js', content: FIXED })),
      reply(...text('Fixed add.')),
      reply(...toolCall('run_command', { command: CHECK })),
      reply(...text('Fixed add; `node check.js` passed.')),
    ]);
    const run = await runCli(['--cwd', dir, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', '--approve', 'all', '--check', CHECK, 'fix add']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(join(dir, 'add.js'), 'utf8'), FIXED);
    assert.match(run.stderr, /reminded: You changed files in this turn and have not run the project's check since: `node check\.js`\. Run it with run_command/);
    assert.equal(server.requests.length, 4);
    assert.match(String(server.requests[2].messages.at(-1)?.content), /^You changed files in this turn .*`node check\.js`/);
    // The check really ran, on the changed file, and the model read its result.
    assert.match(String(server.requests[3].messages.at(-1)?.content), /^Exit code 0 after [\d.]+ m?s\.[^\n]*\n(?:.*\n)*add is right/);
    assert.match(run.stdout, /`node check\.js` passed\./);
  });

  it('does not remind with --no-checks', async () => {
    const server = await servers.start([reply(...toolCall('write_file', { path: 'add.js', content: FIXED })), reply(...text('Fixed add.'))]);
    const run = await runCli(['--cwd', dir, '--base-url', server.url, '--api-key', 'k', '--model', 'mock-model', '--approve', 'all', '--check', CHECK, '--no-checks', 'fix add']);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /reminded:/);
    assert.equal(server.requests.length, 2);
  });
});
