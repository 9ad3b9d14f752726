// Commands really run in bubblewrap here: each test plants something a command must not reach
// and proves, outside the sandbox, that nothing changed (and, as a control, that the same
// command does reach it without the sandbox).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { NO_NETWORK, networkAllowed, type NetworkAccess } from '../../../src/agent/commands/sandbox/networkAccess';
import { NO_SOCAT_NOTE } from '../../../src/agent/commands/sandbox/socatSupport';
import { SandboxedRunner } from '../../../src/agent/commands/sandbox/sandboxedRunner';
import { sandboxSupport } from '../../../src/agent/commands/sandbox/sandboxSupport';
import type { ResolvedPath } from '../../../src/agent/workspace/workspace';
import { makeTree, removeTree } from '../workspace/tempTree';

const signal = new AbortController().signal;
const at = (root: string, relative = ''): ResolvedPath => ({ root, relative, display: relative || '.' });

describe('the command sandbox (bubblewrap)', function () {
  this.timeout(60_000);
  let bwrap: string;
  let workspace: string;
  let outside: string;
  let home: string;
  let network: NetworkAccess = NO_NETWORK;
  const bare = new NodeCommandRunner();
  let sandboxed: SandboxedRunner;

  before(async () => {
    const support = await sandboxSupport();
    assert.equal(support.kind, 'bubblewrap', `bubblewrap must work for these tests (npm test installs it): ${support.kind === 'none' ? support.reason : ''}`);
    bwrap = support.kind === 'bubblewrap' ? support.path : '';
  });

  beforeEach(async () => {
    workspace = await makeTree({ 'src/a.txt': 'a\n', '.git/HEAD': 'ref: refs/heads/main\n', '.git/hooks/README': 'hooks\n', '.git/config': '[core]\n' });
    // Outside the workspace and not under /tmp, which commands may use as scratch space.
    outside = mkdtempSync(path.join('/var/tmp', 'ouro-outside-'));
    writeFileSync(path.join(outside, 'keep.txt'), 'untouched\n');
    home = mkdtempSync(path.join('/var/tmp', 'ouro-home-'));
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY\n');
    writeFileSync(path.join(home, '.netrc'), 'machine example.com password hunter2\n');
    network = NO_NETWORK;
    sandboxed = new SandboxedRunner(bare, { sandbox: { kind: 'bubblewrap', path: bwrap }, network: () => network, home });
  });

  afterEach(async () => {
    await sandboxed.dispose();
    await removeTree(workspace);
    rmSync(outside, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('writes inside the workspace', async () => {
    const result = await sandboxed.run('echo made > src/new.txt && cat src/a.txt', at(workspace), { signal });
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(readFileSync(path.join(workspace, 'src/new.txt'), 'utf8'), 'made\n');
    assert.match(result.output, /^a$/m);
  });

  it('cannot write outside the workspace', async () => {
    const target = path.join(outside, 'keep.txt');
    const escape = path.join(outside, 'new.txt');
    await sandboxed.run(`echo changed > ${target}; echo new > ${escape}; rm -f ${target}`, at(workspace), { signal });
    assert.equal(readFileSync(target, 'utf8'), 'untouched\n');
    assert.equal(existsSync(escape), false);
    await bare.run(`echo new > ${escape}`, at(workspace), { signal });
    assert.equal(existsSync(escape), true, 'control: without the sandbox the same write lands');
  });

  it('cannot write git hooks or config, directly or through a link the command makes', async () => {
    const result = await sandboxed.run(
      'echo evil > .git/hooks/pre-commit; echo "[core] fsmonitor = evil" >> .git/config; ln -s .git gitdir; echo evil > gitdir/hooks/post-checkout; ln -s .git/hooks hooks; echo evil > hooks/pre-push',
      at(workspace),
      { signal },
    );
    assert.ok(result.output.includes('Read-only file system'), result.output);
    for (const hook of ['pre-commit', 'post-checkout', 'pre-push']) assert.equal(existsSync(path.join(workspace, '.git/hooks', hook)), false, hook);
    assert.equal(readFileSync(path.join(workspace, '.git/config'), 'utf8'), '[core]\n');
  });

  it("cannot read the user's keys and credentials", async () => {
    const result = await sandboxed.run(`cat ${home}/.ssh/id_rsa ${home}/.netrc; ls -a ${home}/.ssh`, at(workspace), { signal });
    assert.doesNotMatch(result.output, /PRIVATE KEY|hunter2/);
    assert.doesNotMatch(result.output, /^id_rsa$/m, 'the folder is listed empty');
    const control = await bare.run(`cat ${home}/.ssh/id_rsa`, at(workspace), { signal });
    assert.match(control.output, /PRIVATE KEY/, 'control: the key is there to read without the sandbox');
  });

  it('cannot open a connection to a server on this machine unless the network is allowed', async () => {
    const server: Server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fetchIt = `node -e "fetch('http://127.0.0.1:${port}/').then(r => r.text()).then(t => console.log(t), e => { console.log('refused: ' + e.cause?.code); process.exit(3) })"`;
    try {
      const cut = await sandboxed.run(fetchIt, at(workspace), { signal });
      assert.equal(cut.exitCode, 3, cut.output);
      assert.doesNotMatch(cut.output, /reached/);
      network = { kind: 'all' };
      const allowed = await sandboxed.run(fetchIt, at(workspace), { signal });
      assert.match(allowed.output, /reached/, 'control: with the network allowed it connects');
    } finally {
      server.close();
    }
  });

  describe('with some hosts allowed', () => {
    let allowedServer: Server;
    let otherServer: Server;
    let allowedPort: number;
    let otherPort: number;
    const curl = (url: string, options = '') => `curl -sS --max-time 20 ${options} -w ' [status %{http_code}]' ${url}; echo " [exit $?]"`;

    beforeEach(async () => {
      const listen = async (answer: string) => {
        const server = createServer((_req, res) => res.end(answer));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return server;
      };
      allowedServer = await listen('reached allowed');
      otherServer = await listen('reached other');
      allowedPort = (allowedServer.address() as AddressInfo).port;
      otherPort = (otherServer.address() as AddressInfo).port;
      // This machine's loopback is private, so only the address written out opens it.
      network = networkAllowed([`127.0.0.1:${allowedPort}`]).access;
    });

    afterEach(async () => {
      for (const server of [allowedServer, otherServer]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('reaches a listed host through the proxy, plain and tunnelled, and no other', async () => {
      const result = await sandboxed.run(
        [curl(`http://127.0.0.1:${allowedPort}/`), curl(`http://127.0.0.1:${allowedPort}/`, '--proxytunnel'), curl(`http://127.0.0.1:${otherPort}/`), curl(`http://127.0.0.1:${otherPort}/`, '--proxytunnel')].join('; '),
        at(workspace),
        { signal },
      );
      const [plain, tunnelled, refused, refusedTunnel] = result.output.split('\n').filter((line) => line.includes('[exit'));
      assert.match(plain, /^reached allowed \[status 200\] \[exit 0\]$/, result.output);
      assert.match(tunnelled, /^reached allowed \[status 200\] \[exit 0\]$/, result.output);
      assert.doesNotMatch(result.output, /reached other/);
      assert.match(result.output, new RegExp(`does not let commands reach 127\\.0\\.0\\.1:${otherPort}: not in ouro\\.sandbox\\.allowNetwork`));
      assert.match(refused, /\[status 403\] \[exit 0\]$/, result.output);
      assert.match(refusedTunnel, /\[exit 56\]$/, result.output);
      assert.match(result.note ?? '', new RegExp(`refused network access to 127\\.0\\.0\\.1:${otherPort} \\(not in ouro\\.sandbox\\.allowNetwork\\)`));
    });

    it('reaches no host directly, listed or not', async () => {
      const result = await sandboxed.run(curl(`http://127.0.0.1:${allowedPort}/`, "--noproxy '*'"), at(workspace), { signal });
      assert.doesNotMatch(result.output, /reached/);
      assert.match(result.output, /\[exit 7\]/, result.output);
      const control = await bare.run(curl(`http://127.0.0.1:${allowedPort}/`, "--noproxy '*'"), at(workspace), { signal });
      assert.match(control.output, /reached allowed/, 'control: outside the sandbox it connects');
    });

    it("reaches a command's own server on the sandbox's loopback directly, proxy variables or not", async () => {
      const own = [
        `node -e "require('http').createServer((q, r) => r.end('own server')).listen(8123, '127.0.0.1')" &`,
        'for i in $(seq 50); do curl -sf http://localhost:8123/ >/dev/null && break; sleep 0.1; done;',
        `${curl('http://localhost:8123/')}; kill %1`,
      ].join(' ');
      const result = await sandboxed.run(own, at(workspace), { signal });
      assert.match(result.output, /own server \[status 200\] \[exit 0\]/, result.output);
    });

    it('reaches a listed host from a program run without a shell', async () => {
      const result = await sandboxed.runProgram(['curl', '-sS', '--max-time', '20', `http://127.0.0.1:${allowedPort}/`], at(workspace), { signal });
      assert.equal(result.exitCode, 0, result.output);
      assert.match(result.output, /reached allowed/);
    });

    it("keeps the proxy's socket out of a command's reach, and closes it with the runner", async () => {
      // The folder bound in for the socket is the one mount of its name this sandbox has.
      const result = await sandboxed.run(
        `dir=$(awk '$5 ~ /ouro-net-/ {print $5}' /proc/self/mountinfo); echo "folder=$dir"; rm -f "$dir/proxy.sock"; echo planted > "$dir/planted"; ls "$dir"`,
        at(workspace),
        { signal },
      );
      const folder = /^folder=(\S+)$/m.exec(result.output)?.[1] ?? '';
      assert.ok(folder.includes('ouro-net-'), result.output);
      assert.match(result.output, /Read-only file system/);
      assert.equal(existsSync(path.join(folder, 'planted')), false);
      const after = await sandboxed.run(curl(`http://127.0.0.1:${allowedPort}/`), at(workspace), { signal });
      assert.match(after.output, /reached allowed/, 'the next command still reaches the proxy');
      await sandboxed.dispose();
      assert.equal(existsSync(folder), false, 'the folder is gone with the runner');
    });

    it('gives no network when socat is missing, and says so once', async () => {
      sandboxed = new SandboxedRunner(bare, { sandbox: { kind: 'bubblewrap', path: bwrap }, network: () => network, home, socat: async () => undefined });
      const first = await sandboxed.run(curl(`http://127.0.0.1:${allowedPort}/`), at(workspace), { signal });
      assert.doesNotMatch(first.output, /reached/);
      assert.equal(first.note, NO_SOCAT_NOTE);
      const second = await sandboxed.run(curl(`http://127.0.0.1:${allowedPort}/`), at(workspace), { signal });
      assert.doesNotMatch(second.output, /reached/);
      assert.equal(second.note, undefined);
    });

    it('gives the whole network for *, with no proxy in between', async () => {
      network = networkAllowed(['*']).access;
      const result = await sandboxed.run(`echo "proxy=[$HTTPS_PROXY]"; ${curl(`http://127.0.0.1:${otherPort}/`)}`, at(workspace), { signal });
      assert.match(result.output, /proxy=\[\]/);
      assert.match(result.output, /reached other/);
    });
  });

  it('lets commands use /tmp as scratch space, as compilers and test runners do', async () => {
    const scratch = path.join(tmpdir(), `ouro-scratch-${process.pid}.txt`);
    try {
      const result = await sandboxed.run(`echo kept > ${scratch} && cat ${scratch}`, at(workspace), { signal });
      assert.equal(result.exitCode, 0, result.output);
      assert.equal(readFileSync(scratch, 'utf8'), 'kept\n');
    } finally {
      rmSync(scratch, { force: true });
    }
  });

  it('runs npm test on a small project in the workspace', async () => {
    writeFileSync(path.join(workspace, 'package.json'), JSON.stringify({ name: 'small', version: '1.0.0', scripts: { test: 'node test.js' } }));
    writeFileSync(path.join(workspace, 'test.js'), "require('fs').writeFileSync('out.txt', 'ran'); console.log('1 passed, 0 failed');\n");
    const result = await sandboxed.run('npm test', at(workspace), { signal });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /1 passed, 0 failed/);
    assert.equal(readFileSync(path.join(workspace, 'out.txt'), 'utf8'), 'ran');
  });

  it("tells npm not to look for its own updates, which it could never record in the read-only home", async () => {
    const result = await sandboxed.run('npm config get update-notifier; echo "other=$NO_UPDATE_NOTIFIER"', at(workspace), { signal });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /^false$/m);
    assert.match(result.output, /^other=1$/m);
  });

  it('runs a program without a shell in the sandbox too', async () => {
    const result = await sandboxed.runProgram(['/bin/sh', '-c', `cat; echo evil > ${path.join(outside, 'p.txt')}`], at(workspace), { signal, stdin: '{"x":1}' });
    assert.match(result.output, /\{"x":1\}/);
    assert.equal(existsSync(path.join(outside, 'p.txt')), false);
  });

  it('says when a command created a protected file it could not shield', async () => {
    const result = await sandboxed.run('echo "node-options=--require ./evil.js" > .npmrc', at(workspace), { signal });
    assert.match(result.note ?? '', /created \.npmrc/);
  });

  it('starts in the folder it was given, and the link to it resolves', async () => {
    symlinkSync(path.join(workspace, 'src'), path.join(workspace, 'linked'));
    const result = await sandboxed.run('pwd && cat a.txt', at(workspace, 'linked'), { signal });
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /src\na/);
  });
});
