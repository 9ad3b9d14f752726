// The macOS sandbox, read where it cannot run: the Seatbelt profile seatbeltArgs writes is parsed
// and asked what it lets a command touch, and the argument vector is checked to carry every path
// as a parameter. Nothing here has run under sandbox-exec itself.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandRunner, CommandRunResult } from '../../../src/agent/commands/commandRunner';
import type { SandboxPlan } from '../../../src/agent/commands/sandbox/bubblewrapArgs';
import { NO_HOSTS_ON_MACOS_NOTE, NO_NETWORK, networkAllowed } from '../../../src/agent/commands/sandbox/networkAccess';
import { SandboxedRunner } from '../../../src/agent/commands/sandbox/sandboxedRunner';
import { probeSandbox } from '../../../src/agent/commands/sandbox/sandboxSupport';
import { SANDBOX_EXEC, seatbeltArgs } from '../../../src/agent/commands/sandbox/seatbeltArgs';
import { quietArgv } from '../../../src/agent/commands/sandbox/quietEnvironment';
import { PROTECTED_PATHS } from '../../../src/agent/workspace/protectedPaths';
import { makeTree, removeTree } from '../workspace/tempTree';
import { allows, parseProfile, pathRules, type PathRule } from './seatbeltProfile';

const WORKSPACE = `/Users/ann/my "odd" project (v2)`;
const HOME = '/Users/ann';
const LAUNCHERS = '/private/var/folders/xy/abc123/T/ouro-sandbox-501';

function plan(overrides: Partial<SandboxPlan> = {}): SandboxPlan {
  return {
    writable: [WORKSPACE],
    readOnly: [`${WORKSPACE}/.git`, '/Users/ann/shared-tools'],
    hidden: [
      { path: `${HOME}/.ssh`, kind: 'directory' },
      { path: `${HOME}/.netrc`, kind: 'file' },
      { path: LAUNCHERS, kind: 'directory' },
    ],
    network: 'none',
    cwd: WORKSPACE,
    ...overrides,
  };
}

/** The profile and its parameters, from sandbox-exec's arguments. */
function read(args: readonly string[]): { profile: string; params: Record<string, string>; rules: PathRule[] } {
  assert.equal(args[0], '-p');
  const profile = args[1];
  const params = Object.fromEntries(
    args.slice(2).map((arg) => {
      const match = /^-D([A-Z_0-9]+)=(.*)$/s.exec(arg);
      assert.ok(match, `not a parameter: ${arg}`);
      return [match[1], match[2]];
    }),
  );
  return { profile, params, rules: pathRules(profile, params) };
}

describe('the Seatbelt profile (macOS sandbox)', () => {
  it('starts from deny default, lets processes run, and is well formed', () => {
    const { profile, rules } = read(seatbeltArgs(plan()));
    const forms = parseProfile(profile);
    assert.deepEqual(forms.slice(0, 2), [['version', '1'], ['deny', 'default']]);
    assert.ok(allows(rules, 'process-exec', '/bin/bash'));
    assert.ok(allows(rules, 'process-fork', '/bin/bash'));
    assert.ok(allows(rules, 'file-ioctl', '/dev/tty'));
    assert.ok(allows(rules, 'file-write-data', '/dev/null'));
    assert.equal(allows(rules, 'mach-register', '/x'), false, 'what is not allowed is denied');
  });

  it('carries every path as a parameter, never in the profile text, however it is spelled', () => {
    const args = seatbeltArgs(plan());
    const { profile, params } = read(args);
    for (const text of [WORKSPACE, HOME, LAUNCHERS, 'shared-tools']) assert.equal(profile.includes(text), false, text);
    assert.equal(params.WORKSPACE_0, WORKSPACE);
    assert.ok(args.includes(`-DWORKSPACE_0=${WORKSPACE}`), 'one argument, spaces, quotes and parentheses as they are');
    const used = new Set([...profile.matchAll(/\(param "([A-Z_0-9]+)"\)/g)].map((match) => match[1]));
    assert.deepEqual([...used].sort(), Object.keys(params).sort(), 'every parameter is passed, and used');
  });

  it('reads everywhere but the secrets, which it neither reads nor writes nor links', () => {
    const { rules } = read(seatbeltArgs(plan()));
    assert.ok(allows(rules, 'file-read-data', '/etc/hosts'));
    assert.ok(allows(rules, 'file-read-data', `${HOME}/notes.txt`));
    for (const secret of [`${HOME}/.ssh/id_ed25519`, `${HOME}/.ssh`, `${HOME}/.netrc`]) {
      assert.equal(allows(rules, 'file-read-data', secret), false, secret);
      assert.equal(allows(rules, 'file-read-metadata', secret), false, secret);
      assert.equal(allows(rules, 'file-link', secret), false, secret);
    }
  });

  it('writes in the workspace and the temp folders, and nowhere else', () => {
    const { rules } = read(seatbeltArgs(plan()));
    for (const file of [`${WORKSPACE}/src/a.ts`, '/private/tmp/build/x.o', '/private/var/folders/xy/abc123/T/jest/cache']) {
      assert.ok(allows(rules, 'file-write-data', file), file);
      assert.ok(allows(rules, 'file-write-create', file), file);
      assert.ok(allows(rules, 'file-write-unlink', file), file);
    }
    for (const file of [`${HOME}/.zshrc`, `${HOME}/my "odd" project (v2)x/a`, '/usr/local/bin/node', '/Users/ann/shared-tools/x']) {
      assert.equal(allows(rules, 'file-write-data', file), false, file);
    }
  });

  it('denies writes to every protected path, whether it exists yet or not, and to the real target of one that links elsewhere', () => {
    const { rules } = read(seatbeltArgs(plan({ readOnly: [`${WORKSPACE}/.git`, '/private/tmp/real-vscode'] })));
    for (const relative of PROTECTED_PATHS) {
      for (const file of [path.join(WORKSPACE, relative), path.join(WORKSPACE, relative, 'inside')]) {
        for (const operation of ['file-write-data', 'file-write-create', 'file-write-unlink', 'file-write-mode']) {
          assert.equal(allows(rules, operation, file), false, `${operation} ${file}`);
        }
        assert.equal(allows(rules, 'file-link', file), false, `a hard link to ${file}`);
        assert.ok(allows(rules, 'file-read-data', file), `reading ${file}`);
      }
    }
    assert.equal(allows(rules, 'file-write-data', '/private/tmp/real-vscode/settings.json'), false, 'the link target, even in /tmp');
    assert.ok(allows(rules, 'file-write-data', `${WORKSPACE}/.github/workflows/ci.yml`), 'a name that only starts like one');
  });

  it('lets no folder that leads to a denied path be moved away or made by a rename', () => {
    const { rules } = read(seatbeltArgs(plan()));
    for (const folder of [`${WORKSPACE}/.ouro`, WORKSPACE, '/private/var/folders/xy/abc123/T', '/private/var/folders/xy']) {
      assert.equal(allows(rules, 'file-write-unlink', folder), false, `moving ${folder}`);
      assert.equal(allows(rules, 'file-write-create', folder), false, `making ${folder}`);
    }
    assert.ok(allows(rules, 'file-write-unlink', `${WORKSPACE}/src`), 'other folders move freely');
    assert.ok(allows(rules, 'file-write-create', `${WORKSPACE}/.ouro/rules.md`), 'and what is beside a protected path is written');
  });

  it('keeps the launchers folder out of reach, for reading and for writing', () => {
    const { rules } = read(seatbeltArgs(plan()));
    assert.equal(allows(rules, 'file-read-data', `${LAUNCHERS}/1a2b.sh`), false);
    assert.equal(allows(rules, 'file-write-create', `${LAUNCHERS}/1a2b.sh`), false);
  });

  it('has no network unless allowed, and the whole network when allowed', () => {
    const cut = parseProfile(read(seatbeltArgs(plan())).profile);
    assert.equal(JSON.stringify(cut).includes('network'), false);
    const proxied = parseProfile(read(seatbeltArgs(plan({ network: { proxySocket: '/private/tmp/ouro-net-x/proxy.sock', environment: { HTTPS_PROXY: 'http://127.0.0.1:3128' } } }))).profile);
    assert.equal(JSON.stringify(proxied).includes('network'), false, "bubblewrap's way to some hosts is no network here");
    const open = parseProfile(read(seatbeltArgs(plan({ network: 'all' }))).profile);
    assert.ok(open.some((form) => JSON.stringify(form) === '["allow","network*"]'));
  });
});

describe('a command in the Seatbelt sandbox', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await makeTree({ '.git/HEAD': 'ref: refs/heads/main\n' });
  });
  afterEach(() => removeTree(workspace));

  /** Runs nothing: keeps the line and the launcher script it was given. */
  function keeping(): CommandRunner & { seen: string[] } {
    const seen: string[] = [];
    const result: CommandRunResult = { exitCode: 0, output: '', timedOut: false, cancelled: false, durationMs: 0 };
    return {
      seen,
      rules: () => ({ allow: [], deny: [] }),
      run: async (line) => {
        seen.push(line, readFileSync(line.split(' ')[1], 'utf8'));
        return result;
      },
      runProgram: async (argv) => {
        seen.push(...argv);
        return result;
      },
    };
  }

  it('runs sandbox-exec with the profile, its parameters, then bash with the command', async () => {
    const inner = keeping();
    const runner = new SandboxedRunner(inner, { sandbox: { kind: 'seatbelt', path: SANDBOX_EXEC }, network: () => NO_NETWORK });
    await runner.run('npm test', { root: workspace, relative: '', display: '.' }, { signal: new AbortController().signal });
    const [line, script] = inner.seen;
    assert.match(line, /^\/bin\/sh \S+\.sh 'npm test'$/);
    assert.match(script, /^exec \/usr\/bin\/sandbox-exec -p '\(version 1\)\n\(deny default\)\n[^]*' -DWORKSPACE_0=\S+ [^]* -- \/usr\/bin\/env npm_config_update_notifier=false NO_UPDATE_NOTIFIER=1 \/bin\/bash -c "\$1"$/m);
    assert.ok(script.includes(`-DWORKSPACE_0=${workspace} `));
    assert.ok(script.includes(`-DPROTECTED_0=${workspace}/.git `));
  });

  it('runs a program as sandbox-exec … -- program arguments, with no shell between', async () => {
    const inner = keeping();
    const runner = new SandboxedRunner(inner, { sandbox: { kind: 'seatbelt', path: SANDBOX_EXEC }, network: () => ({ kind: 'all' }) });
    await runner.runProgram(['/usr/bin/python3', 'tool.py', "it's"], { root: workspace, relative: '', display: '.' }, { signal: new AbortController().signal });
    const argv = inner.seen;
    assert.equal(argv[0], SANDBOX_EXEC);
    assert.deepEqual(argv.slice(argv.indexOf('--')), ['--', ...quietArgv(['/usr/bin/python3', 'tool.py', "it's"])]);
    const { rules } = read(argv.slice(1, argv.indexOf('--')));
    assert.equal(allows(rules, 'file-write-data', path.join(workspace, '.git/HEAD')), false);
    assert.ok(allows(rules, 'file-write-data', path.join(workspace, 'out.txt')));
  });

  it('gives a list of hosts no network: no proxy, no bridge, no proxy variables, said once', async () => {
    const inner = keeping();
    let socatAsked = false;
    const runner = new SandboxedRunner(inner, {
      sandbox: { kind: 'seatbelt', path: SANDBOX_EXEC },
      network: () => networkAllowed(['registry.npmjs.org'], 'darwin').access,
      socat: async () => {
        socatAsked = true;
        return '/usr/bin/socat';
      },
    });
    assert.deepEqual(runner.isolation(), { kind: 'sandbox', network: false });
    const at = { root: workspace, relative: '', display: '.' };
    const signal = new AbortController().signal;
    const program = await runner.runProgram(['/usr/bin/curl', 'https://registry.npmjs.org/'], at, { signal });
    const argv = inner.seen.splice(0);
    assert.deepEqual(argv.slice(argv.indexOf('--')), ['--', ...quietArgv(['/usr/bin/curl', 'https://registry.npmjs.org/'])], 'no bridge before the program');
    assert.equal(JSON.stringify(parseProfile(read(argv.slice(1, argv.indexOf('--'))).profile)).includes('network'), false);
    assert.equal(program.note, NO_HOSTS_ON_MACOS_NOTE);
    const command = await runner.run('npm install', at, { signal });
    const [line, script] = inner.seen;
    assert.match(line, /^\/bin\/sh \S+\.sh 'npm install'$/);
    assert.match(script, / -- \/usr\/bin\/env npm_config_update_notifier=false NO_UPDATE_NOTIFIER=1 \/bin\/bash -c "\$1"$/m, 'the launcher runs bash straight, with no bridge');
    assert.doesNotMatch(script, /socat|PROXY/);
    assert.equal(command.note, undefined, 'said once');
    assert.equal(socatAsked, false);
    await runner.dispose();
  });

  it('gives * the whole network', async () => {
    const inner = keeping();
    const runner = new SandboxedRunner(inner, { sandbox: { kind: 'seatbelt', path: SANDBOX_EXEC }, network: () => networkAllowed(['*'], 'darwin').access });
    assert.deepEqual(runner.isolation(), { kind: 'sandbox', network: true });
    const result = await runner.runProgram(['/usr/bin/true'], { root: workspace, relative: '', display: '.' }, { signal: new AbortController().signal });
    const argv = inner.seen;
    assert.ok(parseProfile(read(argv.slice(1, argv.indexOf('--'))).profile).some((form) => JSON.stringify(form) === '["allow","network*"]'));
    assert.equal(result.note, undefined);
  });
});

describe('which sandbox a platform has', () => {
  it('is Seatbelt on macOS when sandbox-exec is there, and none when it is not', async () => {
    assert.deepEqual(await probeSandbox('darwin', async (file) => file === SANDBOX_EXEC), { kind: 'seatbelt', path: SANDBOX_EXEC });
    const missing = await probeSandbox('darwin', async () => false);
    assert.equal(missing.kind, 'none');
    assert.match(missing.kind === 'none' ? missing.reason : '', /sandbox-exec is missing/);
  });

  it('is none on Windows', async () => {
    assert.deepEqual(await probeSandbox('win32', async () => true), { kind: 'none', reason: 'no sandbox is supported on win32 yet' });
  });
});
