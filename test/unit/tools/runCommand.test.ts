import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeCommandRunner, type NodeCommandRunnerOptions } from '../../../src/agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../../../src/agent/commands/sandbox/isolatedRunner';
import { probeSandbox } from '../../../src/agent/commands/sandbox/sandboxSupport';
import { runCommandTool } from '../../../src/agent/tools/runCommand';
import type { ApprovalDecision, ApprovalRequest, ToolContext } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { bubblewrap, inSandbox } from '../commands/sandboxHarness';

describe('run_command', function () {
  this.timeout(20000);
  let root: string;
  let asked: ApprovalRequest[];
  let bwrap: string;

  before(async () => {
    bwrap = await bubblewrap();
  });

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-run-command-')));
    mkdirSync(path.join(root, 'src'));
    asked = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** `sandbox: false`: a runner without a sandbox, as on a machine that has none. */
  function context(options: { runner?: NodeCommandRunnerOptions | false; sandbox?: boolean; answer?: ApprovalDecision; signal?: AbortSignal } = {}): ToolContext {
    const plain = new NodeCommandRunner(options.runner || {});
    return {
      workspace: new NodeWorkspace(root),
      approver: {
        approve: async (request) => {
          asked.push(request);
          return options.answer ?? { approved: true };
        },
      },
      signal: options.signal ?? new AbortController().signal,
      toolCallId: 'call_1',
      emit: () => {},
      ...(options.runner === false ? {} : { commands: options.sandbox === false ? plain : inSandbox(plain, bwrap) }),
    };
  }

  it('asks before running a command no rule covers, showing the exact command and folder', async () => {
    const result = await runCommandTool.run({ command: 'node -e "console.log(1 + 1); process.exit(3)"', cwd: 'src' }, context());
    assert.equal(asked.length, 1);
    assert.equal(asked[0].kind, 'execute');
    assert.equal(asked[0].title, 'node -e "console.log(1 + 1); process.exit(3)"');
    assert.equal(asked[0].command, 'node -e "console.log(1 + 1); process.exit(3)"', 'the command line, for an allow rule');
    assert.match(asked[0].detail ?? '', /^in src \(asking because no allow rule covers/);
    assert.match(result.content, /^Exit code 3 after [\d.]+ m?s\.\n2\n$/);
    assert.equal(result.isError, true);
  });

  it('runs a command an allow rule covers without asking', async () => {
    const result = await runCommandTool.run({ command: 'node -e "console.log(40 + 2)"' }, context({ runner: { allow: ['node -e'] } }));
    assert.equal(asked.length, 0);
    assert.match(result.content, /^Exit code 0 after [\d.]+ m?s\.\n42\n$/);
    assert.equal(result.isError, undefined);
  });

  it('asks for a command an allow rule covers when there is no sandbox, and says why', async () => {
    await runCommandTool.run({ command: 'node -e "console.log(40 + 2)"' }, context({ runner: { allow: ['node -e'] }, sandbox: false }));
    assert.equal(asked.length, 1);
    assert.match(asked[0].detail ?? '', /allowed by "node -e", but commands run here without a sandbox, so every command asks/);
  });

  it('asks for an allowed command on macOS without sandbox-exec and on Windows, saying why', async () => {
    for (const [platform, why] of [['darwin', /sandbox-exec is missing/], ['win32', /no sandbox is supported on win32/]] as const) {
      asked = [];
      const commands = await isolatedRunner(new NodeCommandRunner({ allow: ['node -e'] }), { enabled: true, allowNetwork: () => [] }, () => probeSandbox(platform, async () => false));
      assert.equal(commands.isolation?.().kind, 'none', platform);
      await runCommandTool.run({ command: 'node -e "console.log(1)"' }, { ...context(), commands });
      assert.equal(asked.length, 1, platform);
      assert.match(asked[0].detail ?? '', why);
      assert.match(asked[0].detail ?? '', /so every command asks/);
    }
  });

  it('with the sandbox turned off, runs only what a rule matches word for word', async () => {
    const off = await isolatedRunner(new NodeCommandRunner({ allow: ['node -e "console.log(1)"', 'node -e'] }), { enabled: false, allowNetwork: () => [] });
    const ctx = { ...context(), commands: off };
    await runCommandTool.run({ command: 'node -e "console.log(1)"' }, ctx);
    assert.equal(asked.length, 0, 'the exact rule stands');
    await runCommandTool.run({ command: 'node -e "console.log(2)"' }, ctx);
    assert.equal(asked.length, 1, 'a prefix rule does not');
    assert.match(asked[0].detail ?? '', /the sandbox is turned off in the settings, so a rule covers only the exact command/);
  });

  it('asks when only some parts of a chained line are allowed', async () => {
    await runCommandTool.run({ command: 'node -e "1" && touch made' }, context({ runner: { allow: ['node -e'] }, answer: { approved: false } }));
    assert.equal(asked.length, 1);
    assert.match(asked[0].detail ?? '', /no allow rule covers `touch made`/);
    assert.equal(existsSync(path.join(root, 'made')), false);
  });

  it('asks when an allowed command writes through a redirect', async () => {
    await runCommandTool.run({ command: 'node -e "1" > made' }, context({ runner: { allow: ['node -e'] }, answer: { approved: false } }));
    assert.equal(asked.length, 1);
    assert.match(asked[0].detail ?? '', /redirects output to a file/);
    assert.equal(existsSync(path.join(root, 'made')), false);
  });

  it('does not run a rejected command and passes on the reason', async () => {
    const result = await runCommandTool.run({ command: 'touch made' }, context({ answer: { approved: false, reason: 'use the build script' } }));
    assert.equal(result.content, 'The user did not allow this command: use the build script');
    assert.equal(result.isError, true);
    assert.equal(existsSync(path.join(root, 'made')), false);
  });

  it('never starts a denied command, not even with everything approved', async () => {
    const result = await runCommandTool.run({ command: 'touch made && rm -rf src' }, context({ runner: { allow: ['touch', 'rm'], deny: ['rm'] } }));
    assert.equal(asked.length, 0);
    assert.equal(result.isError, true);
    assert.match(result.content, /^Refused, not run: `rm -rf src` matches the deny rule "rm"/);
    assert.equal(existsSync(path.join(root, 'made')), false);
    assert.equal(existsSync(path.join(root, 'src')), true);
  });

  it('kills the command at timeout_s and says so', async () => {
    const result = await runCommandTool.run({ command: 'echo started; sleep 30', timeout_s: 0.5 }, context());
    assert.match(result.content, /^Timed out after [\d.]+ m?s: the command and everything it started were killed\./);
    assert.match(result.content, /\nstarted\n$/);
    assert.equal(result.isError, true);
  });

  it('stops the command when the turn is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await runCommandTool.run({ command: 'sleep 30' }, context({ signal: controller.signal }));
    assert.match(result.content, /^Cancelled after [\d.]+ m?s: the command and everything it started were stopped\./);
  });

  it('refuses a folder outside the workspace', async () => {
    const result = await runCommandTool.run({ command: 'pwd', cwd: '..' }, context());
    assert.equal(result.isError, true);
    assert.match(result.content, /outside the workspace/);
    assert.equal(asked.length, 0);
  });

  it('refuses a cwd that is a file', async () => {
    await runCommandTool.run({ command: 'touch notes.txt' }, context());
    const result = await runCommandTool.run({ command: 'pwd', cwd: 'notes.txt' }, context());
    assert.equal(result.content, 'cwd "notes.txt" is not a folder in the workspace.');
  });

  it('refuses a cwd that is, or is inside, a folder made to look like a git directory, however it is reached', async () => {
    const fake = path.join(root, 'fake');
    for (const dir of ['objects', 'refs/heads']) mkdirSync(path.join(fake, dir), { recursive: true });
    writeFileSync(path.join(fake, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(fake, 'config'), `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = ..\n\tfsmonitor = "touch ${path.join(root, 'pwned')}"\n`);
    symlinkSync(fake, path.join(root, 'alias'));
    for (const cwd of ['fake', 'fake/refs/heads', 'alias']) {
      const result = await runCommandTool.run({ command: 'git status', cwd }, context({ runner: { allow: ['git status'] } }));
      assert.equal(existsSync(path.join(root, 'pwned')), false, cwd);
      assert.equal(result.isError, true, cwd);
      assert.match(result.content, /^Refused, not run: git would take fake(\/refs\/heads)? for a git directory/, cwd);
    }
    assert.equal(asked.length, 0);
    assert.equal(existsSync(path.join(root, 'pwned')), false, "the look-alike's fsmonitor ran");
  });

  it("runs in the workspace's own repository and its .git folder", async () => {
    execFileSync('git', ['init', '-q', root]);
    for (const cwd of ['.', '.git', 'src']) {
      const result = await runCommandTool.run({ command: 'git rev-parse --git-dir', cwd }, context({ runner: { allow: ['git rev-parse'] } }));
      assert.match(result.content, /^Exit code 0/, `${cwd}: ${result.content}`);
    }
  });

  it('says it is not available when the host gives no command runner', async () => {
    const result = await runCommandTool.run({ command: 'pwd' }, context({ runner: false }));
    assert.match(result.content, /^run_command is not available here/);
    assert.equal(asked.length, 0);
  });

  it('says when a command printed nothing', async () => {
    const result = await runCommandTool.run({ command: 'true' }, context());
    assert.match(result.content, /^Exit code 0 after [\d.]+ m?s\.\n\(no output\)$/);
  });
});
