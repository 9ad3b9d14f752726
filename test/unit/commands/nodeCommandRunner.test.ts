import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import type { ResolvedPath } from '../../../src/agent/workspace/workspace';

/** Gone, or exited and only waiting to be reaped: either way it no longer runs. */
function isRunning(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

/** A node one-liner as a shell word. */
const node = (script: string) => `node -e '${script}'`;

// Prints "<its pid> <child pid>" and then waits forever; the child is a `sleep` that is
// started in its own session when `escape` is set, leaving the process group.
const parentAndChild = (escape: boolean) =>
  node(`const c = require("child_process").spawn("sleep", ["60"], { stdio: "ignore", detached: ${escape} }); console.log(process.pid, c.pid); setInterval(() => {}, 1000);`);

describe('NodeCommandRunner', function () {
  this.timeout(20000);
  let root: string;
  let here: ResolvedPath;
  const runner = new NodeCommandRunner({ defaultTimeoutMs: 10_000 });
  const run = (command: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    runner.run(command, here, { timeoutMs: options.timeoutMs, signal: options.signal ?? new AbortController().signal });

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-runner-')));
    mkdirSync(path.join(root, 'sub'));
    here = { display: 'sub', root, relative: 'sub' };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs in the resolved folder and reports exit code 0 and the duration', async () => {
    const result = await run('pwd');
    assert.equal(result.output.trim(), path.join(root, 'sub'));
    assert.equal(result.exitCode, 0);
    assert.ok(result.durationMs >= 0 && result.durationMs < 15_000, `duration ${result.durationMs}`);
    assert.equal(result.timedOut, false);
    assert.equal(result.cancelled, false);
  });

  it('gives the exit code and both output streams of a failing command', async () => {
    const result = await run(`${node('console.log("to stdout"); console.error("to stderr"); process.exit(3)')}`);
    assert.equal(result.exitCode, 3);
    assert.match(result.output, /to stdout/);
    assert.match(result.output, /to stderr/);
  });

  it('runs chained command lines in bash', async () => {
    const result = await run('echo one && false || echo two; echo "$((6 * 7))"');
    assert.equal(result.output, 'one\ntwo\n42\n');
  });

  it('kills a sleeping command and the child it started when the timeout passes', async () => {
    const started = Date.now();
    const result = await run(parentAndChild(false), { timeoutMs: 700 });
    const [parent, child] = result.output.trim().split(' ').map(Number);
    assert.ok(parent > 0 && child > 0, `pids in ${JSON.stringify(result.output)}`);
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, null);
    assert.ok(Date.now() - started < 15_000, 'returned long before the child would have ended');
    assert.ok(await waitUntil(() => !isRunning(parent) && !isRunning(child), 5000), 'both processes are gone');
  });

  it('also kills a child that left the process group for a session of its own', async () => {
    const result = await run(parentAndChild(true), { timeoutMs: 700 });
    const [parent, child] = result.output.trim().split(' ').map(Number);
    assert.equal(result.timedOut, true);
    assert.ok(await waitUntil(() => !isRunning(parent) && !isRunning(child), 5000), 'both processes are gone');
  });

  it('cancels on abort and kills the whole tree', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const started = Date.now();
    const result = await run(parentAndChild(false), { signal: controller.signal });
    const [parent, child] = result.output.trim().split(' ').map(Number);
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.ok(Date.now() - started < 15_000, 'returned long before the child would have ended');
    assert.ok(await waitUntil(() => !isRunning(parent) && !isRunning(child), 5000), 'both processes are gone');
  });

  it('does not start a command whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run('touch started', { signal: controller.signal });
    assert.equal(result.cancelled, true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.throws(() => readFileSync(path.join(root, 'sub', 'started')));
  });

  it('SIGKILLs a process that ignores SIGTERM', async () => {
    const stubborn = new NodeCommandRunner({ killGraceMs: 300 });
    const result = await stubborn.run(node('process.on("SIGTERM", () => {}); console.log(process.pid); setInterval(() => {}, 1000);'), here, {
      timeoutMs: 500,
      signal: new AbortController().signal,
    });
    assert.equal(result.timedOut, true);
    assert.ok(await waitUntil(() => !isRunning(Number(result.output.trim())), 5000));
  });

  it('returns when the shell exits, stopping what it left in the background', async () => {
    const started = Date.now();
    const result = await run('sleep 60 & echo "$!"');
    const sleeper = Number(result.output.trim());
    assert.equal(result.exitCode, 0);
    assert.ok(Date.now() - started < 15_000, 'did not wait for the background sleep');
    assert.match(result.note ?? '', /background/);
    assert.ok(await waitUntil(() => !isRunning(sleeper), 5000), 'the background sleep is gone');
  });

  it('says when the command was killed by a signal it did not get from us', async () => {
    const result = await run('kill -9 $$');
    assert.equal(result.exitCode, null);
    assert.match(result.note ?? '', /SIGKILL/);
  });

  it('keeps the head and the tail of a long output and counts the lines it cut', async () => {
    const result = await run(node('for (let i = 1; i <= 100000; i++) console.log("line " + i)'));
    assert.equal(result.exitCode, 0);
    assert.ok(result.output.startsWith('line 1\nline 2\n'));
    assert.ok(result.output.endsWith('line 99999\nline 100000\n'));
    assert.match(result.output, /\[… 99,750 lines \([0-9.]+ [KM]B\) cut …\]/);
    assert.ok(Buffer.byteLength(result.output) < 20 * 1024);
  });

  it('says when the shell cannot be started', async () => {
    const broken = new NodeCommandRunner({ shell: path.join(root, 'no-such-shell') });
    const result = await broken.run('true', here, { signal: new AbortController().signal });
    assert.equal(result.exitCode, null);
    assert.match(result.note ?? '', /^The command could not start: spawn .*no-such-shell ENOENT/);
  });

  it('hands out the rules it was configured with', () => {
    const configured = new NodeCommandRunner({ allow: ['npm test'], deny: ['rm'] });
    assert.deepEqual(configured.rules(), { allow: ['npm test'], deny: ['rm'] });
    assert.deepEqual(new NodeCommandRunner().rules(), { allow: [], deny: [] });
  });
});
