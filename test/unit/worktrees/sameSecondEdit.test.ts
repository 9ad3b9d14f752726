// A session's diff sees an edit that keeps the file's size, made in the same second the worktree
// was checked out (git's "racily clean" case): the change must not go unseen once a second passed.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorktreeSessions } from '../../../src/agent/worktrees/worktreeSessions';
import { useGitRepos } from './gitRepo';

describe('A worktree session edited at once', () => {
  const repos = useGitRepos();

  it('counts a same-size edit made in the second its worktree was made', async () => {
    const { root, worktrees } = repos.repo({ 'a.txt': 'one\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'quick' });
    writeFileSync(join(session.root, 'a.txt'), 'two\n');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const diff = await sessions.diff(session.branch);
    assert.deepEqual(diff.files.map((file) => [file.path, file.kind]), [['a.txt', 'modified']]);
  });
});
