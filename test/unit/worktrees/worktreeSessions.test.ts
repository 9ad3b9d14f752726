// The worktree lifecycle against real git in temp folders: create, work there, diff, apply,
// conflicts, discard, and what a crash leaves behind.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileTool } from '../../../src/agent/tools/writeFile';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { WorktreeSessions } from '../../../src/agent/worktrees/worktreeSessions';
import { runTool } from '../tools/fileToolHarness';
import { gitIn, useGitRepos, writeFiles } from './gitRepo';

describe('worktree sessions', function () {
  this.timeout(20_000);
  const repos = useGitRepos();
  const MATH = 'export const add = (a, b) => a + b;\n\nexport const sub = (a, b) => a - b;\n';

  it('creates a worktree on an ouro/ branch outside the workspace, where a tool writes, and diffs it against its base', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'README.md': '# demo\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'Add a multiply function!' });
    assert.equal(session.branch, 'ouro/add-a-multiply-function');
    assert.equal(session.state, 'running');
    assert.ok(session.root.startsWith(worktrees), session.root);
    assert.equal(gitIn(root, 'rev-parse', 'HEAD').trim(), session.base);

    const workspace = new NodeWorkspace(session.root, { approve: 'edits' });
    await runTool(writeFileTool, { path: 'math.js', content: `${MATH}\nexport const mul = (a, b) => a * b;\n` }, workspace);
    await runTool(writeFileTool, { path: 'docs/mul.md', content: 'mul multiplies\n' }, workspace);
    gitIn(session.root, 'rm', '--quiet', 'README.md');

    const diff = await sessions.diff(session.branch);
    assert.deepEqual(diff.files, [
      { path: 'README.md', kind: 'deleted', added: 0, removed: 1 },
      { path: 'docs/mul.md', kind: 'added', added: 1, removed: 0 },
      { path: 'math.js', kind: 'modified', added: 2, removed: 0 },
    ]);
    assert.equal(diff.lines, 4);
    assert.match(diff.patch, /\+export const mul = \(a, b\) => a \* b;/);
    // The workspace itself is untouched, and the session's index too.
    assert.equal(readFileSync(join(root, 'math.js'), 'utf8'), MATH);
    assert.equal(gitIn(session.root, 'status', '--porcelain'), 'D  README.md\n M math.js\n?? docs/\n');

    await sessions.finish(session.branch, 'done');
    const [listed] = await sessions.list();
    assert.equal(listed.listedState, 'done');
    assert.equal(listed.title, 'Add a multiply function!');
  });

  it('gives a second session with the same title a numbered branch', async () => {
    const { root, worktrees } = repos.repo({ 'a.txt': 'a\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const first = await sessions.create({ title: 'fix it' });
    const second = await sessions.create({ title: 'fix it' });
    assert.deepEqual([first.branch, second.branch], ['ouro/fix-it', 'ouro/fix-it-2']);
    assert.deepEqual((await sessions.list()).map((session) => session.branch), ['ouro/fix-it', 'ouro/fix-it-2']);
  });

  it('applies the change onto a workspace that changed meanwhile, merging a file both changed', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'old.txt': 'old\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'mul' });
    writeFiles(session.root, { 'math.js': `${MATH}\nexport const mul = (a, b) => a * b;\n`, 'new.txt': 'new\n' });
    rmSync(join(session.root, 'old.txt'));
    // Meanwhile, the person edits the top of the same file and commits something else.
    writeFiles(root, { 'math.js': `// math\n${MATH}`, 'other.txt': 'other\n' });
    gitIn(root, 'add', 'other.txt');
    gitIn(root, 'commit', '--quiet', '-m', 'other');

    const result = await sessions.apply(session.branch);
    assert.equal(result.applied, true);
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.files, [
      { path: 'math.js', outcome: 'merged' },
      { path: 'new.txt', outcome: 'written' },
      { path: 'old.txt', outcome: 'deleted' },
    ]);
    assert.equal(readFileSync(join(root, 'math.js'), 'utf8'), `// math\n${MATH}\nexport const mul = (a, b) => a * b;\n`);
    assert.equal(readFileSync(join(root, 'new.txt'), 'utf8'), 'new\n');
    assert.equal(existsSync(join(root, 'old.txt')), false);
    // The person's index is left alone: the change is theirs to stage.
    assert.equal(gitIn(root, 'diff', '--cached', '--name-only'), '');
  });

  it('reports a conflicting apply per file, with the three versions, and writes nothing', async () => {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'b.txt': 'b\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'rename add' });
    writeFiles(session.root, { 'math.js': MATH.replace('add', 'plus'), 'b.txt': 'b\nmore\n', 'c.txt': 'c\n' });
    writeFiles(root, { 'math.js': MATH.replace('add', 'sum') });

    const result = await sessions.apply(session.branch);
    assert.equal(result.applied, false);
    assert.deepEqual(result.conflicts.map((conflict) => [conflict.path, conflict.why]), [['math.js', '1 conflicting change']]);
    const [conflict] = result.conflicts;
    assert.equal(conflict.base, MATH);
    assert.equal(conflict.ours, MATH.replace('add', 'sum'));
    assert.equal(conflict.theirs, MATH.replace('add', 'plus'));
    assert.match(conflict.merged ?? '', /<<<<<<< workspace\nexport const sum[\s\S]*=======\nexport const plus[\s\S]*>>>>>>> session/);
    // Nothing half-applied: the clean files were not written either.
    assert.equal(readFileSync(join(root, 'math.js'), 'utf8'), MATH.replace('add', 'sum'));
    assert.equal(readFileSync(join(root, 'b.txt'), 'utf8'), 'b\n');
    assert.equal(existsSync(join(root, 'c.txt')), false);

    const marked = await sessions.apply(session.branch, { onConflict: 'markers' });
    assert.equal(marked.applied, true);
    assert.match(readFileSync(join(root, 'math.js'), 'utf8'), /<<<<<<< workspace/);
    assert.equal(readFileSync(join(root, 'c.txt'), 'utf8'), 'c\n');
  });

  it('compares with the files as checked out, so CRLF line endings from .gitattributes are not a change', async () => {
    const { root, worktrees } = repos.repo({ '.gitattributes': '*.txt text eol=crlf\n', 'a.txt': 'one\ntwo\n' });
    // Checked out again, a.txt has CRLF endings on disk while git stores LF.
    rmSync(join(root, 'a.txt'));
    gitIn(root, 'checkout', '--', 'a.txt');
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'one\r\ntwo\r\n');
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'crlf' });
    writeFiles(session.root, { 'a.txt': 'one\r\ntwo\r\nthree\r\n' });
    const result = await sessions.apply(session.branch);
    assert.deepEqual(result.files, [{ path: 'a.txt', outcome: 'written' }]);
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'one\r\ntwo\r\nthree\r\n');
  });

  it('refuses to apply a file through a link that leads out of the workspace', async () => {
    const { root, worktrees } = repos.repo({ 'a.txt': 'a\n' });
    const outside = join(worktrees, '..', 'outside');
    writeFiles(outside, { 'keep.txt': 'keep\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'notes' });
    writeFiles(session.root, { 'notes/x.txt': 'x\n', 'a.txt': 'b\n' });
    // Meanwhile the workspace gets a link by that name, to a folder outside it.
    symlinkSync(outside, join(root, 'notes'));
    const result = await sessions.apply(session.branch, { onConflict: 'markers' });
    assert.deepEqual(result.conflicts.map((conflict) => [conflict.path, conflict.why]), [['notes/x.txt', 'it leads outside the workspace folder']]);
    assert.equal(existsSync(join(outside, 'x.txt')), false);
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'b\n');
  });

  it('works on the workspace folder inside a larger repository, and keeps worktrees out of the repository', async () => {
    const { root, worktrees } = repos.repo({ 'app/a.txt': 'a\n', 'README.md': 'top\n' });
    await assert.rejects(WorktreeSessions.open({ workspace: join(root, 'app'), folder: join(root, 'wt') }), /is inside the repository: choose one outside it/);
    assert.equal(existsSync(join(root, 'wt')), false);
    const sessions = await WorktreeSessions.open({ workspace: join(root, 'app'), folder: worktrees });
    const session = await sessions.create({ title: 'app change' });
    assert.equal(session.root, join(session.folder, 'app'));
    writeFiles(session.root, { 'a.txt': 'changed\n' });
    const result = await sessions.apply(session.branch);
    assert.deepEqual(result.files, [{ path: 'a.txt', outcome: 'written' }]);
    assert.equal(readFileSync(join(root, 'app', 'a.txt'), 'utf8'), 'changed\n');
  });

  it('discards a session: its worktree, its branch and its record', async () => {
    const { root, worktrees } = repos.repo({ 'a.txt': 'a\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'throwaway' });
    writeFiles(session.root, { 'a.txt': 'changed\n' });
    await sessions.discard('throwaway');
    assert.equal(existsSync(session.folder), false);
    assert.equal(gitIn(root, 'branch', '--list', 'ouro/*'), '');
    assert.deepEqual(await sessions.list(), []);
  });

  it('lists a session whose process crashed as interrupted, and discards it', async () => {
    const { root, worktrees } = repos.repo({ 'a.txt': 'a\n' });
    // A process that is gone by the time the next start looks.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const crashed = await WorktreeSessions.open({ workspace: root, folder: worktrees, pid: gone });
    const session = await crashed.create({ title: 'half done' });
    writeFiles(session.root, { 'a.txt': 'half\n' });

    const next = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const [listed] = await next.list();
    assert.equal(listed.branch, 'ouro/half-done');
    assert.equal(listed.state, 'running');
    assert.equal(listed.listedState, 'interrupted');
    assert.equal(listed.present, true);
    assert.equal((await next.diff(listed.branch)).files.length, 1);
    await next.discard(listed.branch);
    assert.deepEqual(await next.list(), []);
    assert.equal(gitIn(root, 'worktree', 'list').trim().split('\n').length, 1);
  });

  it('says that worktree sessions need git in a folder that is not a repository', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ouro-nogit-'));
    try {
      await assert.rejects(WorktreeSessions.open({ workspace: folder, folder: join(folder, '..', 'wt-unused') }), /worktree sessions need git: .* is not in a git repository/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('copies the listed files into a new worktree, and refuses one that leaves the repository', async () => {
    const { root, worktrees } = repos.repo({ '.env.example': 'KEY=demo\n', '.gitignore': '.env\n' });
    writeFileSync(join(worktrees, '..', 'secret.txt'), 'secret\n');
    symlinkSync(join(worktrees, '..', 'secret.txt'), join(root, 'linked.txt'));
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'env', copy: [{ from: '.env.example', to: '.env' }, { from: 'missing.txt' }] });
    assert.equal(readFileSync(join(session.root, '.env'), 'utf8'), 'KEY=demo\n');
    assert.deepEqual(session.notCopied, ['missing.txt: not there']);
    await assert.rejects(sessions.create({ title: 'escape', copy: [{ from: '../secret.txt', to: 'x' }] }), /not a path inside the repository/);
    await assert.rejects(sessions.create({ title: 'linked', copy: [{ from: 'linked.txt', to: 'x' }] }), /leads outside the repository/);
    // A refused copy leaves no worktree behind.
    assert.deepEqual((await sessions.list()).map((listed) => listed.branch), ['ouro/env']);
  });
});
