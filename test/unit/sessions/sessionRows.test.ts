// The Sessions view's rows over real worktree sessions in a temp repository: the state in words
// (a running session waiting for approval reads "waiting for you"; a crashed one "interrupted"),
// the elapsed time, the changed files, which actions the row offers, and the view's badge.
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRecord } from '../../../src/agent/worktrees/sessionRecord';
import { WorktreeSessions } from '../../../src/agent/worktrees/worktreeSessions';
import { formatElapsed, lookOf, rowOf, viewOf, waitingBadge } from '../../../src/host/sessions/sessionRows';
import { gitIn, useGitRepos } from '../worktrees/gitRepo';

describe('The Sessions view rows', () => {
  const repos = useGitRepos();

  async function twoSessions() {
    const { root, worktrees } = repos.repo({ 'math.js': 'export const add = (a, b) => a + b;\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const done = await sessions.create({ title: 'Fix the adder' });
    writeFileSync(join(done.root, 'math.js'), 'export const add = (a, b) => a + b + 0;\n');
    writeFileSync(join(done.root, 'notes.md'), 'new\n');
    await sessions.finish(done.branch, 'done');
    const running = await sessions.create({ title: 'Add a test' });
    return { sessions, done, running };
  }

  it('shows a finished session as done, with its files and its Apply and Discard actions', async () => {
    const { sessions, done } = await twoSessions();
    const listed = (await sessions.list()).find((session) => session.branch === done.branch)!;
    const changed = (await sessions.diff(done.branch)).files.length;
    const row = rowOf(listed, { now: Date.now(), waiting: false, changedFiles: changed });
    const look = lookOf(row);
    assert.equal(look.label, 'Fix the adder');
    assert.match(look.description, /^done · \d+s · 2 files$/);
    assert.equal(look.contextValue, 'worktreeSessionFinished');
    assert.equal(look.icon, 'pass');
    assert.match(look.tooltip, /Branch ouro\/fix-the-adder/);
  });

  it('reads "waiting for you" for a running session that waits, and counts it in the badge', async () => {
    const { sessions, running } = await twoSessions();
    const listed = await sessions.list();
    const rows = listed.map((session) => rowOf(session, { now: Date.now(), waiting: session.branch === running.branch, changedFiles: 0 }));
    const waiting = rows.find((row) => row.branch === running.branch)!;
    assert.equal(waiting.state, 'waiting');
    assert.match(lookOf(waiting).description, /^waiting for you · /);
    assert.equal(lookOf(waiting).contextValue, 'worktreeSessionRunning');
    assert.deepEqual(waitingBadge(rows), { value: 1, tooltip: '1 session waiting for you' });
    assert.equal(waitingBadge(rows.filter((row) => row !== waiting)), undefined);
  });

  it('shows a session whose process is gone as interrupted, and one whose worktree is gone with Discard only', async () => {
    const { sessions, running, done } = await twoSessions();
    await writeRecord(sessions.folder, running.branch.replace('ouro/', ''), { ...(await sessions.get(running.branch)), pid: 2 ** 22 + 12345 });
    rmSync(done.folder, { recursive: true, force: true });
    gitIn(sessions.repository.root, 'worktree', 'prune');
    const listed = await sessions.list();
    const interrupted = rowOf(listed.find((session) => session.branch === running.branch)!, { now: Date.now(), waiting: false });
    assert.equal(interrupted.state, 'interrupted');
    assert.equal(lookOf(interrupted).contextValue, 'worktreeSessionFinished');
    const gone = lookOf(rowOf(listed.find((session) => session.branch === done.branch)!, { now: Date.now(), waiting: false }));
    assert.equal(gone.contextValue, 'worktreeSessionGone');
    assert.match(gone.description, /worktree gone$/);
  });

  it('measures a finished session from its start to its end, a running one to now', () => {
    const base = { branch: 'ouro/x', title: 'x', folder: '/nowhere', root: '/nowhere', base: 'abc', subdir: '', pid: 1, present: true };
    const finished = rowOf({ ...base, state: 'done', listedState: 'done', startedAt: '2026-01-01T10:00:00Z', endedAt: '2026-01-01T10:03:05Z' }, { now: Date.parse('2026-01-02T00:00:00Z'), waiting: false });
    assert.equal(formatElapsed(finished.elapsed), '3m 05s');
    const running = rowOf({ ...base, state: 'running', listedState: 'running', startedAt: '2026-01-01T10:00:00Z' }, { now: Date.parse('2026-01-01T12:07:00Z'), waiting: false });
    assert.equal(formatElapsed(running.elapsed), '2h 07m');
    assert.equal(formatElapsed(45_900), '45s');
    assert.equal(lookOf(running).icon, 'sync~spin');
  });

  it('shows a stopped session as stopped, not failed, with its changes kept for Review and Apply', async () => {
    const { sessions, running } = await twoSessions();
    writeFileSync(join(running.root, 'math.test.js'), 'test\n');
    await sessions.finish(running.branch, 'stopped');
    const listed = (await sessions.list()).find((session) => session.branch === running.branch)!;
    assert.equal(listed.listedState, 'stopped');
    const row = rowOf(listed, { now: Date.now(), waiting: false, changedFiles: (await sessions.diff(running.branch)).files.length });
    assert.equal(lookOf(row).contextValue, 'worktreeSessionFinished');
    assert.equal(lookOf(row).icon, 'debug-stop');
    const view = viewOf(row);
    assert.equal(view.state, 'stopped');
    assert.match(view.description, /^stopped · \d+s · 1 file$/);
  });

  it('runs a finished session again for a follow-up: running in this process, its end forgotten', async () => {
    const { sessions, done } = await twoSessions();
    const resumed = await sessions.resume(done.branch);
    assert.equal(resumed.state, 'running');
    assert.equal(resumed.endedAt, undefined);
    const listed = (await sessions.list()).find((session) => session.branch === done.branch)!;
    assert.equal(listed.listedState, 'running');
    assert.equal(listed.startedAt, done.startedAt);
  });

  it('shows a session that runs here as here, saying when it waits for the write lock', () => {
    const row = { branch: 'here-1', title: 'Rename the helper', state: 'running' as const, elapsed: 65_000, present: false, here: true, note: 'waiting: another session is writing in this workspace' };
    const look = lookOf(row);
    assert.equal(look.description, 'waiting: another session is writing in this workspace · 1m 05s · here');
    assert.equal(look.contextValue, 'hereSession');
    assert.match(look.tooltip, /Runs here, in the workspace: each edit asks first/);
    assert.doesNotMatch(look.tooltip, /worktree/);
    const { note: _note, ...going } = row;
    assert.equal(lookOf(going).description, 'running · 1m 05s · here');
  });
});
