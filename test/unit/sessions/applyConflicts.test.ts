// What the person is told when a session's change conflicts with the workspace, over a real
// conflict: the files and why, and Apply with Conflict Markers offered only when every
// conflicting file has a text merge (else the apply would be half done).
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorktreeSessions } from '../../../src/agent/worktrees/worktreeSessions';
import { conflictPrompt } from '../../../src/host/sessions/applyConflicts';
import { copyEntriesOf } from '../../../src/host/sessions/copySetting';
import { useGitRepos } from '../worktrees/gitRepo';

const MATH = 'export const add = (a, b) => a + b;\n';

describe('A worktree session that conflicts with the workspace', () => {
  const repos = useGitRepos();

  async function conflicting(deleteHere: boolean) {
    const { root, worktrees } = repos.repo({ 'math.js': MATH, 'util.js': 'one\n' });
    const sessions = await WorktreeSessions.open({ workspace: root, folder: worktrees });
    const session = await sessions.create({ title: 'rename' });
    writeFileSync(join(session.root, 'math.js'), MATH.replace('add', 'plus'));
    writeFileSync(join(session.root, 'util.js'), 'one and two\n');
    writeFileSync(join(root, 'math.js'), MATH.replace('add', 'sum'));
    if (deleteHere) rmSync(join(root, 'util.js'));
    const result = await sessions.apply(session.branch);
    return { result, branch: session.branch };
  }

  it('names each file and offers conflict markers when every one has a text merge', async () => {
    const { result, branch } = await conflicting(false);
    assert.equal(result.applied, false);
    const prompt = conflictPrompt(branch, result.conflicts);
    assert.equal(prompt.message, 'ouro/rename conflicts with the workspace in 1 file. Nothing was applied.');
    assert.match(prompt.detail, /^math\.js: 1 conflicting change\n\nApply with conflict markers/);
    assert.equal(prompt.markersPossible, true);
  });

  it('refuses conflict markers when a file has no text merge (changed there, deleted here)', async () => {
    const { result, branch } = await conflicting(true);
    const prompt = conflictPrompt(branch, result.conflicts);
    assert.match(prompt.message, /in 2 files/);
    assert.match(prompt.detail, /util\.js: the session changed it and it was deleted here since/);
    assert.equal(prompt.markersPossible, false);
    assert.match(prompt.detail, /cannot be applied with conflict markers/);
  });
});

describe('ouro.worktrees.copy', () => {
  it('takes { from, to } entries and bare paths, and reports what is neither', () => {
    assert.deepEqual(copyEntriesOf([{ from: '.env.example', to: '.env' }, ' config/local.json ', { from: 'a', to: '' }, 3, { to: 'x' }]), {
      entries: [{ from: '.env.example', to: '.env' }, { from: 'config/local.json' }, { from: 'a' }],
      problems: ['ouro.worktrees.copy: 3 is not { "from": PATH, "to": PATH }', 'ouro.worktrees.copy: {"to":"x"} is not { "from": PATH, "to": PATH }'],
    });
    assert.deepEqual(copyEntriesOf(undefined), { entries: [], problems: [] });
  });
});
