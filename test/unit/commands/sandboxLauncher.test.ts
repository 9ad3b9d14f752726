// The short line a sandboxed command runs as: the runner is given `/bin/sh <launcher> '<command>'`
// instead of the whole sandbox command line, and the command still runs in bubblewrap, with the
// same output and exit code (behind the bridge to the network proxy when hosts are allowed), and
// with nothing sandboxed able to reach the launcher.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CommandRunner } from '../../../src/agent/commands/commandRunner';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { NO_NETWORK, networkAllowed } from '../../../src/agent/commands/sandbox/networkAccess';
import { SandboxedRunner } from '../../../src/agent/commands/sandbox/sandboxedRunner';
import { launcherFolder, launcherScript } from '../../../src/agent/commands/sandbox/sandboxLauncher';
import type { ResolvedPath } from '../../../src/agent/workspace/workspace';
import { makeTree, removeTree } from '../workspace/tempTree';
import { bubblewrap } from './sandboxHarness';

const signal = new AbortController().signal;
const at = (root: string): ResolvedPath => ({ root, relative: '', display: '.' });

/** A runner that remembers the lines it was given, and runs them. */
function recording(inner: CommandRunner): CommandRunner & { lines: string[] } {
  const lines: string[] = [];
  return { lines, rules: () => inner.rules(), run: (command, cwd, options) => (lines.push(command), inner.run(command, cwd, options)) };
}

describe('the sandbox launcher script', () => {
  it('quotes the sandbox for /bin/sh and takes the command from its argument, never from its text', () => {
    const script = launcherScript(['/usr/bin/bwrap', '--bind', "/work/it's here", "/work/it's here", '--', '/bin/bash', '-c']);
    assert.equal(script.split('\n')[0], '#!/bin/sh');
    assert.match(script, /^exec \/usr\/bin\/bwrap --bind '\/work\/it'\\''s here' '\/work\/it'\\''s here' -- \/bin\/bash -c "\$1"$/m);
  });
});

describe('the launchers folder', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'ouro-launcher-base-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('is made private to this user, once, and found again', async () => {
    const folder = await launcherFolder(base);
    assert.ok(folder);
    assert.equal(await launcherFolder(base), folder);
    assert.deepEqual(readdirSync(base), [path.basename(folder)]);
  });

  it('is not trusted when others may write it or it is a link', async () => {
    const folder = await launcherFolder(base);
    chmodSync(folder!, 0o777);
    assert.equal(await launcherFolder(base), undefined, 'open to others');
    rmSync(folder!, { recursive: true });
    const elsewhere = path.join(base, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, folder!);
    assert.equal(await launcherFolder(base), undefined, 'a link');
  });
});

describe('a sandboxed command line', function () {
  this.timeout(60_000);
  let bwrap: string;
  let workspace: string;
  let base: string;
  let outside: string;
  const bare = new NodeCommandRunner();

  before(async () => {
    bwrap = await bubblewrap();
  });
  beforeEach(async () => {
    workspace = await makeTree({ 'a.txt': 'a\n' });
    base = mkdtempSync(path.join(tmpdir(), 'ouro-launcher-base-'));
    outside = mkdtempSync(path.join('/var/tmp', 'ouro-outside-'));
  });
  afterEach(async () => {
    await removeTree(workspace);
    rmSync(base, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const sandboxIn = (inner: CommandRunner) => new SandboxedRunner(inner, { sandbox: { kind: 'bubblewrap', path: bwrap }, network: () => NO_NETWORK, launcherBase: base });

  it('reaches the runner as a short line that ends with the command, and runs in the sandbox', async () => {
    const inner = recording(bare);
    const escape = path.join(outside, 'escaped.txt');
    const command = `cat a.txt; echo out > ${escape}; exit 7`;
    const result = await sandboxIn(inner).run(command, at(workspace), { signal });
    assert.equal(result.exitCode, 7, result.output);
    assert.match(result.output, /^a$/m);
    assert.match(result.output, /Read-only file system/);
    assert.equal(existsSync(escape), false, 'the write outside the workspace did not land');
    const [line] = inner.lines;
    assert.match(line, /^\/bin\/sh \S+\.sh '/);
    assert.ok(line.endsWith(` '${command}'`), line);
    assert.doesNotMatch(line, /--ro-bind|--unshare/);
    assert.ok(line.length < command.length + 80, `${line.length} characters: ${line}`);
  });

  it('passes the command exactly: quotes, dollars, backquotes and new lines give what they give without the sandbox', async () => {
    const command = `printf '%s|' "it's" 'a "b"' '$HOME' "\\$(x)" '\`y\`' 'two\nlines' "$#"`;
    const sandboxed = await sandboxIn(bare).run(command, at(workspace), { signal });
    const plain = await bare.run(command, at(workspace), { signal });
    assert.equal(sandboxed.exitCode, 0, sandboxed.output);
    assert.equal(sandboxed.output, plain.output);
    assert.match(sandboxed.output, /two\nlines\|0\|/, 'bash -c got the command alone, with no arguments after it');
  });

  it('keeps the launchers out of reach of the command, and deletes the one it used', async () => {
    const folder = (await launcherFolder(base))!;
    const result = await sandboxIn(bare).run(`ls -A ${folder}; echo evil > ${folder}/planted.sh; ls -A ${folder}`, at(workspace), { signal });
    assert.match(result.output, /^planted\.sh$/m, 'it wrote only to an empty folder laid over the real one');
    assert.doesNotMatch(result.output, /^[0-9a-f]+\.sh$/m, 'it never saw a launcher');
    assert.deepEqual(readdirSync(folder), [], 'nothing planted, and the launcher is gone');
  });

  it('hides the launchers from programs run in the sandbox too', async () => {
    const folder = (await launcherFolder(base))!;
    writeFileSync(path.join(folder, 'other.sh'), 'echo trusted\n');
    const result = await sandboxIn(bare).runProgram(['/bin/sh', '-c', `ls -A ${folder}; echo evil > ${folder}/other.sh`], at(workspace), { signal });
    assert.doesNotMatch(result.output, /other\.sh/);
    assert.deepEqual(readdirSync(folder), ['other.sh']);
  });

  it('reaches a listed host from the short line: the bridge and the proxy variables are in the launcher', async () => {
    const server = createServer((_req, res) => res.end('reached allowed'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const inner = recording(bare);
    const scripts: string[] = [];
    const watching: CommandRunner = { ...inner, run: (line, cwd, options) => (scripts.push(readFileSync(line.split(' ')[1], 'utf8')), inner.run(line, cwd, options)) };
    const runner = new SandboxedRunner(watching, { sandbox: { kind: 'bubblewrap', path: bwrap }, network: () => networkAllowed([`127.0.0.1:${port}`], 'linux').access, launcherBase: base });
    try {
      const folder = (await launcherFolder(base))!;
      const command = `echo "launchers=$(ls -A ${folder} | wc -l)"; echo "proxy=$HTTPS_PROXY"; curl -sS --max-time 20 http://127.0.0.1:${port}/`;
      const result = await runner.run(command, at(workspace), { signal });
      assert.equal(result.exitCode, 0, result.output);
      assert.match(result.output, /^launchers=0$/m, 'the launchers stay hidden behind the bridge too');
      assert.match(result.output, /^proxy=http:\/\/127\.0\.0\.1:3128$/m);
      assert.match(result.output, /reached allowed/);
      const [line] = inner.lines;
      assert.ok(line.endsWith(` '${command}'`), line);
      assert.doesNotMatch(line, /socat|--setenv|--unshare/);
      const [script] = scripts;
      assert.match(script, /--setenv HTTPS_PROXY http:\/\/127\.0\.0\.1:3128 /);
      assert.match(script, /--unshare-net /);
      assert.match(script, / -- \/usr\/bin\/env npm_config_update_notifier=false NO_UPDATE_NOTIFIER=1 \/bin\/sh -c '[^']*socat[^]*' ouro-bridge \S*socat \S+\/proxy\.sock \/bin\/bash -c "\$1"$/m);
    } finally {
      await runner.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs as the whole sandbox line when the folder cannot be trusted', async () => {
    const folder = (await launcherFolder(base))!;
    chmodSync(folder, 0o755);
    const inner = recording(bare);
    const result = await sandboxIn(inner).run('cat a.txt', at(workspace), { signal });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(inner.lines[0], /--unshare-pid/);
  });
});
