// Writes to protected paths, judged at their real target, on real folders: with edits
// auto-approved they are refused (nothing on disk changes) or asked about; under --approve all
// they go in. Links that stay inside the workspace work; links that lead out do not.
import { strict as assert } from 'node:assert';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { WorkspaceError, type Proposal, type ProposalOutcome } from '../../../src/agent/workspace/workspace';
import { allPaths, useTempTrees } from './tempTree';

function proposal(path: string, content: string, original?: string): Proposal {
  return { path, content, original, summary: 'write_file', toolCallId: 'call-1' };
}

function reasonOf(outcome: ProposalOutcome): string {
  assert.equal(outcome.status, 'rejected', `expected a refusal, got ${JSON.stringify(outcome)}`);
  return outcome.status === 'rejected' ? (outcome.reason ?? '') : '';
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => assert.fail('expected the workspace to refuse'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof WorkspaceError, `expected a WorkspaceError, got ${error}`);
  return error.message;
}

/** Every file under `root` with its content: "nothing on disk changed" compares two of these. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of await allPaths(root)) files[path] = await readFile(join(root, path), 'utf8').catch(() => '<folder>');
  return files;
}

const GIT = { '.git/HEAD': 'ref: refs/heads/main\n', '.git/config': '[core]\n', '.git/hooks/.keep': '' };

describe('protected paths (writes judged at their real target)', () => {
  const temp = useTempTrees();

  async function refusedWithEdits(root: string, path: string, content: string, pattern: RegExp, original?: string): Promise<void> {
    const before = await snapshot(root);
    const reason = reasonOf(await new NodeWorkspace(root, { approve: 'edits' }).propose(proposal(path, content, original)));
    assert.match(reason, pattern);
    assert.match(reason, /is protected: it decides what runs later/);
    assert.match(reason, /--approve all/);
    assert.deepEqual(await snapshot(root), before, 'something on disk changed');
  }

  it('refuses writes into .git through a link to .git or to its hooks, even under --approve all', async () => {
    const root = await temp.tree(GIT);
    await symlink(join(root, '.git'), join(root, 'gitdir'));
    await symlink(join(root, '.git', 'hooks'), join(root, 'hooks'));
    const before = await snapshot(root);
    const workspace = new NodeWorkspace(root, { approve: 'all' });
    assert.match(await refusal(workspace.propose(proposal('gitdir/hooks/pre-commit', '#!/bin/sh\ntouch pwned\n'))), /inside \.git.*leads to \.git\/hooks\/pre-commit/);
    assert.match(await refusal(workspace.propose(proposal('hooks/post-checkout', 'evil'))), /inside \.git/);
    assert.match(await refusal(workspace.propose(proposal('gitdir/config', '[core]\n\tfsmonitor = touch pwned\n', GIT['.git/config']))), /inside \.git/);
    assert.deepEqual(await snapshot(root), before);
  });

  it('refuses making or filling a folder that looks like a git directory with edits auto-approved', async () => {
    const root = await temp.tree({ 'fake/HEAD': 'ref: refs/heads/main\n', 'fake/objects/.keep': '', 'fake/refs/.keep': '', 'half/HEAD': 'ref: refs/heads/main\n' });
    await refusedWithEdits(root, 'fake/config', '[core]\n\tfsmonitor = touch pwned\n', /fake looks like a git directory/);
    await refusedWithEdits(root, 'fake/hooks/pre-commit', 'evil', /fake looks like a git directory/);
    // HEAD alone is no git directory yet; the config that would complete one is.
    await refusedWithEdits(root, 'half/config', '[core]\n\tfsmonitor = touch pwned\n', /half looks like a git directory/);
    const configFirst = await temp.tree({ 'other/config': '[core]\n\tfsmonitor = touch pwned\n' });
    await refusedWithEdits(configFirst, 'other/HEAD', 'ref: refs/heads/main\n', /other looks like a git directory/);
  });

  it('refuses .vscode settings, .npmrc, .yarnrc and self-made tools with edits auto-approved', async () => {
    const root = await temp.tree({ '.vscode/settings.json': '{}', '.ouro/tools/count/tool.json': '{}', '.ouro/tools/count/run.js': 'ok', 'packages/a/package.json': '{}' });
    await refusedWithEdits(root, '.vscode/settings.json', '{"ouro.commands.allow": ["*"]}', /\.vscode\/settings\.json is protected.*editor's settings/, '{}');
    await refusedWithEdits(root, '.vscode/tasks.json', '{}', /\.vscode/);
    await refusedWithEdits(root, '.npmrc', 'node-options=--require ./evil.js\n', /package-manager settings/);
    await refusedWithEdits(root, 'packages/a/.npmrc', 'node-options=--require ./evil.js\n', /package-manager settings/);
    await refusedWithEdits(root, '.yarnrc.yml', 'x', /package-manager/);
    await refusedWithEdits(root, '.ouro/tools/count/run.js', 'evil', /self-made tool/, 'ok');
    await refusedWithEdits(root, '.ouroignore', 'x', /what the tools may see/);
  });

  it('judges a link by its target: a link to .vscode or .npmrc is as protected', async () => {
    const root = await temp.tree({ '.vscode/settings.json': '{}', '.npmrc': '' });
    await symlink(join(root, '.vscode'), join(root, 'editor'));
    await symlink(join(root, '.npmrc'), join(root, 'npm.txt'));
    await refusedWithEdits(root, 'editor/settings.json', '{"ouro.commands.allow": ["*"]}', /editor\/settings\.json leads to \.vscode\/settings\.json, which is protected/, '{}');
    await refusedWithEdits(root, 'npm.txt', 'node-options=--require ./evil.js\n', /npm\.txt leads to \.npmrc/, '');
  });

  it('asks the person at the keyboard, saying why, and writes under --approve all', async () => {
    const root = await temp.tree({ '.vscode/settings.json': '{}' });
    const asked: Array<string | undefined> = [];
    const declined = await new NodeWorkspace(root, { approve: 'edits', confirm: async (_, why) => (asked.push(why), false) }).propose(proposal('.vscode/settings.json', '{"x": 1}', '{}'));
    assert.equal(declined.status, 'rejected');
    assert.match(asked[0] ?? '', /\.vscode\/settings\.json is protected: it decides what runs later/);
    assert.equal(await readFile(join(root, '.vscode/settings.json'), 'utf8'), '{}');
    assert.equal((await new NodeWorkspace(root, { approve: 'all' }).propose(proposal('.vscode/settings.json', '{"x": 1}', '{}'))).status, 'accepted');
    assert.equal(await readFile(join(root, '.vscode/settings.json'), 'utf8'), '{"x": 1}');
  });

  it('leaves ordinary files alone: a config file in an ordinary folder, package.json, a HEAD with nothing beside it', async () => {
    const root = await temp.tree({ 'package.json': '{"scripts": {"test": "mocha"}}', 'src/config/app.json': '{}', '.git/HEAD': 'ref', '.git/config': '' });
    const workspace = new NodeWorkspace(root, { approve: 'edits' });
    for (const [path, content, original] of [
      ['package.json', '{"scripts": {"test": "node evil.js"}}', '{"scripts": {"test": "mocha"}}'],
      ['config', '{"port": 1}', undefined],
      ['src/config/app.json', '{"port": 2}', '{}'],
      ['lib/HEAD', 'a note', undefined],
      ['docs/refs/index.md', '# refs', undefined],
      ['notes/.vscode.md', 'not the folder', undefined],
    ] as const) {
      assert.equal((await workspace.propose(proposal(path, content, original))).status, 'accepted', path);
      assert.equal(await readFile(join(root, path), 'utf8'), content);
    }
  });

  it('follows links that stay inside the workspace and refuses links that lead out', async () => {
    const root = await temp.tree({ 'packages/lib/index.js': 'old', 'node_modules/.pnpm/dep/index.js': 'dep' });
    const outside = await temp.tree({ 'target.txt': 'outside' });
    await symlink(join(root, 'packages', 'lib'), join(root, 'node_modules', 'lib'));
    await symlink(outside, join(root, 'out'));
    const workspace = new NodeWorkspace(root, { approve: 'edits' });
    assert.equal((await workspace.propose(proposal('node_modules/lib/index.js', 'new', 'old'))).status, 'accepted');
    assert.equal(await readFile(join(root, 'packages/lib/index.js'), 'utf8'), 'new');
    assert.match(await refusal(workspace.propose(proposal('out/target.txt', 'pwned', 'outside'))), /leads outside the workspace/);
    assert.match(await refusal(workspace.propose(proposal('~/.bashrc', 'pwned'))), /home folder/);
    assert.match(await refusal(workspace.propose(proposal(join(outside, 'target.txt'), 'pwned'))), /outside the workspace/);
    assert.equal(await readFile(join(outside, 'target.txt'), 'utf8'), 'outside');
  });
});
