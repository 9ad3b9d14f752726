import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmod, lstat, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { LARGE_WRITE_BYTES, WorkspaceError, type Proposal } from '../../../src/agent/workspace/workspace';
import { allPaths, useTempTrees } from './tempTree';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WorkspaceError, `expected a WorkspaceError, got ${error}`);
    return error.message;
  }
  assert.fail('expected the workspace to refuse');
}

function proposal(path: string, content: string, original?: string): Proposal {
  return { path, content, original, summary: 'test', toolCallId: 'call-1' };
}

describe('NodeWorkspace', () => {
  const temp = useTempTrees();

  describe('resolving paths', () => {
    it('resolves relative and absolute paths inside the folder', async () => {
      const root = await temp.tree({ 'src/a.ts': 'a' });
      const workspace = new NodeWorkspace(root);
      assert.deepEqual(await workspace.resolve('src/a.ts'), { display: 'src/a.ts', root, relative: 'src/a.ts' });
      assert.equal((await workspace.resolve(join(root, 'src', 'a.ts'))).display, 'src/a.ts');
      assert.equal((await workspace.resolve('src/new.ts')).display, 'src/new.ts');
    });

    it('refuses .. and absolute paths that leave the folder', async () => {
      const root = await temp.tree({ 'a.ts': 'a' });
      const workspace = new NodeWorkspace(root);
      assert.match(await refusal(workspace.readFile('../outside.txt')), /outside the workspace/);
      assert.match(await refusal(workspace.readFile('/etc/hostname')), /outside the workspace/);
    });

    it('refuses a symlinked file whose target is outside the workspace', async () => {
      const outside = await temp.tree({ 'secret.txt': 'top secret' });
      const root = await temp.tree({ 'a.ts': 'a' });
      await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'));
      const workspace = new NodeWorkspace(root);
      assert.match(await refusal(workspace.readFile('link.txt')), /symbolic link .* outside the workspace/);
      assert.match(await refusal(workspace.stat('link.txt')), /outside the workspace/);
    });

    it('refuses files inside a symlinked folder that leads outside, for reading, listing and writing', async () => {
      const outside = await temp.tree({ 'inner/data.txt': 'private' });
      const root = await temp.tree({ 'a.ts': 'a' });
      await symlink(outside, join(root, 'escape'));
      const workspace = new NodeWorkspace(root, { approve: 'all' });
      assert.match(await refusal(workspace.readFile('escape/inner/data.txt')), /outside the workspace/);
      assert.match(await refusal(workspace.list('escape', { recursive: true, limit: 100 })), /outside the workspace/);
      assert.match(await refusal(workspace.propose(proposal('escape/new.txt', 'x'))), /outside the workspace/);
      assert.deepEqual(await allPaths(outside), ['inner', 'inner/data.txt']);
    });

    it('follows a symlink that stays inside the workspace', async () => {
      const root = await temp.tree({ 'real/a.txt': 'content' });
      await symlink(join(root, 'real'), join(root, 'alias'));
      const workspace = new NodeWorkspace(root);
      assert.equal(new TextDecoder().decode(await workspace.readFile('alias/a.txt')), 'content');
    });

    it('applies the ignore and secret rules to where a symlink leads', async () => {
      const root = await temp.tree({ '.env': 'TOKEN=1', '.gitignore': 'private/\n', 'private/notes.txt': 'x' });
      await symlink(join(root, '.env'), join(root, 'settings.txt'));
      await symlink(join(root, 'private', 'notes.txt'), join(root, 'notes.txt'));
      const workspace = new NodeWorkspace(root);
      assert.match(await refusal(workspace.readFile('settings.txt')), /secrets/);
      assert.match(await refusal(workspace.readFile('notes.txt')), /excluded by \.gitignore/);
    });

    it('refuses FIFOs and sockets', async function () {
      if (process.platform === 'win32') this.skip();
      const root = await temp.tree({ 'a.ts': 'a' });
      execFileSync('mkfifo', [join(root, 'pipe')]);
      const server: Server = createServer();
      await new Promise<void>((resolve) => server.listen(join(root, 'sock'), resolve));
      try {
        const workspace = new NodeWorkspace(root);
        assert.match(await refusal(workspace.readFile('pipe')), /named pipe/);
        assert.match(await refusal(workspace.stat('sock')), /socket/);
        assert.deepEqual((await workspace.list('.', { recursive: false, limit: 10 })).entries, ['a.ts']);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('ignore rules and secrets', () => {
    it('hides paths excluded by .gitignore (root and nested) and .ouroignore from every call', async () => {
      const root = await temp.tree({
        '.gitignore': 'dist/\n',
        '.ouroignore': 'private.md\n',
        'dist/app.js': 'built',
        'src/.gitignore': '*.gen.ts\n',
        'src/a.gen.ts': 'generated',
        'src/a.ts': 'source',
        'private.md': 'keep out',
      });
      const workspace = new NodeWorkspace(root);
      assert.match(await refusal(workspace.readFile('dist/app.js')), /excluded by \.gitignore/);
      assert.match(await refusal(workspace.readFile('src/a.gen.ts')), /excluded by src\/\.gitignore/);
      assert.match(await refusal(workspace.stat('private.md')), /excluded by \.ouroignore/);
      assert.match(await refusal(workspace.list('dist', { recursive: false, limit: 10 })), /excluded/);
      const listed = await workspace.list('.', { recursive: true, limit: 100 });
      assert.deepEqual(listed.entries, ['.gitignore', '.ouroignore', 'src/', 'src/.gitignore', 'src/a.ts']);
    });

    it('reads ignore files afresh, so a rule added by an edit applies at once', async () => {
      const root = await temp.tree({ 'notes.txt': 'x' });
      const workspace = new NodeWorkspace(root);
      assert.ok(await workspace.stat('notes.txt'));
      await writeFile(join(root, '.ouroignore'), 'notes.txt\n');
      assert.match(await refusal(workspace.stat('notes.txt')), /\.ouroignore/);
    });

    it('leaves .git and node_modules out of listings but still reads files in them', async () => {
      const root = await temp.tree({ '.git/config': '[core]', 'node_modules/pkg/index.d.ts': 'export {}', 'src/a.ts': 'a' });
      const workspace = new NodeWorkspace(root);
      assert.deepEqual((await workspace.list('.', { recursive: true, limit: 100 })).entries, ['src/', 'src/a.ts']);
      assert.equal(new TextDecoder().decode(await workspace.readFile('node_modules/pkg/index.d.ts')), 'export {}');
      assert.deepEqual((await workspace.list('node_modules/pkg', { recursive: false, limit: 10 })).entries, ['node_modules/pkg/index.d.ts']);
    });

    it('refuses to read .env files and private keys unless secrets are allowed', async () => {
      const root = await temp.tree({ '.env': 'API_KEY=123', 'keys/id_rsa': 'PRIVATE', '.env.example': 'API_KEY=' });
      const guarded = new NodeWorkspace(root);
      assert.match(await refusal(guarded.readFile('.env')), /may hold secrets/);
      assert.match(await refusal(guarded.readFile('keys/id_rsa')), /may hold secrets/);
      assert.equal(new TextDecoder().decode(await guarded.readFile('.env.example')), 'API_KEY=');
      const allowed = new NodeWorkspace(root, { allowSecrets: true });
      assert.equal(new TextDecoder().decode(await allowed.readFile('.env')), 'API_KEY=123');
    });
  });

  describe('listing', () => {
    it('lists one level with folders marked, or everything below with recursive', async () => {
      const root = await temp.tree({ 'b.ts': '', 'a/one.ts': '', 'a/deep/two.ts': '', 'empty/': '' });
      const workspace = new NodeWorkspace(root);
      assert.deepEqual((await workspace.list('.', { recursive: false, limit: 100 })).entries, ['a/', 'b.ts', 'empty/']);
      assert.deepEqual((await workspace.list('a', { recursive: true, limit: 100 })).entries, ['a/deep/', 'a/deep/two.ts', 'a/one.ts']);
    });

    it('keeps the shallowest entries when over the limit and counts the rest', async () => {
      const spec: Record<string, string> = { 'top.txt': '' };
      for (let i = 0; i < 30; i++) spec[`deep/nested/file${String(i).padStart(2, '0')}.txt`] = '';
      const root = await temp.tree(spec);
      const result = await new NodeWorkspace(root).list('.', { recursive: true, limit: 5 });
      assert.equal(result.entries.length, 5);
      assert.equal(result.omitted, 28);
      assert.deepEqual(result.entries.slice(0, 3), ['deep/', 'deep/nested/', 'deep/nested/file00.txt']);
      assert.equal(result.entries[4], 'top.txt');
    });

    it('refuses to list a file or a missing folder, saying which', async () => {
      const root = await temp.tree({ 'a.ts': '' });
      const workspace = new NodeWorkspace(root);
      assert.match(await refusal(workspace.list('a.ts', { recursive: false, limit: 10 })), /is a file/);
      assert.match(await refusal(workspace.list('nope', { recursive: false, limit: 10 })), /not found: nope/);
    });

    it('shows every folder of a multi-root workspace, named, at the top', async () => {
      const app = await temp.tree({ 'src/main.ts': '' });
      const lib = await temp.tree({ 'index.ts': '' });
      const workspace = new NodeWorkspace([app, lib]);
      const [appName, libName] = workspace.folders;
      assert.deepEqual((await workspace.list('.', { recursive: false, limit: 10 })).entries, [`${appName}/`, `${libName}/`].sort());
      const all = await workspace.list('', { recursive: true, limit: 10 });
      assert.ok(all.entries.includes(`${appName}/src/main.ts`));
      assert.ok(all.entries.includes(`${libName}/index.ts`));
      assert.equal(new TextDecoder().decode(await workspace.readFile(`${libName}/index.ts`)), '');
    });
  });

  describe('proposals', () => {
    it('writes an accepted proposal atomically, creating parent folders and leaving no temp file', async () => {
      const root = await temp.tree({});
      const workspace = new NodeWorkspace(root, { approve: 'edits' });
      const outcome = await workspace.propose(proposal('src/deep/new.ts', 'export {};\n'));
      assert.deepEqual(outcome, { status: 'accepted', content: 'export {};\n', userModified: false });
      assert.equal(await readFile(join(root, 'src/deep/new.ts'), 'utf8'), 'export {};\n');
      await workspace.propose(proposal('src/deep/new.ts', 'export const a = 1;\n', 'export {};\n'));
      assert.deepEqual(await allPaths(root), ['src', 'src/deep', 'src/deep/new.ts']);
    });

    it('keeps the permissions of the file it replaces', async function () {
      if (process.platform === 'win32') this.skip();
      const root = await temp.tree({ 'run.sh': '#!/bin/sh\n' });
      await chmod(join(root, 'run.sh'), 0o755);
      await new NodeWorkspace(root, { approve: 'edits' }).propose(proposal('run.sh', '#!/bin/sh\necho hi\n', '#!/bin/sh\n'));
      assert.equal((await stat(join(root, 'run.sh'))).mode & 0o777, 0o755);
    });

    it('writes a leading U+FEFF as the UTF-8 byte-order mark', async () => {
      const root = await temp.tree({});
      await new NodeWorkspace(root, { approve: 'edits' }).propose(proposal('bom.txt', '\uFEFFhi'));
      assert.deepEqual([...(await readFile(join(root, 'bom.txt')))], [0xef, 0xbb, 0xbf, 0x68, 0x69]);
    });

    it('answers conflict and writes nothing when the file changed since it was read', async () => {
      const root = await temp.tree({ 'a.txt': 'changed by someone else\n' });
      const workspace = new NodeWorkspace(root, { approve: 'all' });
      const outcome = await workspace.propose(proposal('a.txt', 'mine\n', 'what I read\n'));
      assert.equal(outcome.status, 'conflict');
      assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'changed by someone else\n');
    });

    it('answers conflict when a file appeared where a new one was to be created, or vanished', async () => {
      const root = await temp.tree({ 'exists.txt': 'x' });
      const workspace = new NodeWorkspace(root, { approve: 'all' });
      assert.equal((await workspace.propose(proposal('exists.txt', 'new'))).status, 'conflict');
      assert.equal((await workspace.propose(proposal('gone.txt', 'new', 'old'))).status, 'conflict');
      assert.deepEqual(await allPaths(root), ['exists.txt']);
    });

    it('with approval "none" and no one to ask, rejects and says how to allow it', async () => {
      const root = await temp.tree({});
      const outcome = await new NodeWorkspace(root).propose(proposal('a.txt', 'x'));
      assert.equal(outcome.status, 'rejected');
      assert.match(outcome.status === 'rejected' ? (outcome.reason ?? '') : '', /--approve edits/);
      assert.deepEqual(await allPaths(root), []);
    });

    it('with approval "none", asks confirm and follows its answer', async () => {
      const root = await temp.tree({});
      const asked: string[] = [];
      const yes = new NodeWorkspace(root, { confirm: async (p) => (asked.push(p.path), true) });
      assert.equal((await yes.propose(proposal('yes.txt', 'y'))).status, 'accepted');
      const no = new NodeWorkspace(root, { confirm: async () => false });
      assert.equal((await no.propose(proposal('no.txt', 'n'))).status, 'rejected');
      assert.deepEqual(asked, ['yes.txt']);
      assert.deepEqual(await allPaths(root), ['yes.txt']);
    });

    it('needs explicit approval for a write over the size limit', async () => {
      const root = await temp.tree({});
      const big = 'x'.repeat(LARGE_WRITE_BYTES + 1);
      const edits = await new NodeWorkspace(root, { approve: 'edits' }).propose(proposal('big.txt', big));
      assert.equal(edits.status, 'rejected');
      assert.match(edits.status === 'rejected' ? (edits.reason ?? '') : '', /--approve all/);
      assert.equal((await new NodeWorkspace(root, { approve: 'all' }).propose(proposal('big.txt', big))).status, 'accepted');
    });

    it('refuses to write inside .git or into an ignored path', async () => {
      const root = await temp.tree({ '.git/HEAD': 'ref', '.gitignore': 'dist/' });
      const workspace = new NodeWorkspace(root, { approve: 'all' });
      assert.match(await refusal(workspace.propose(proposal('.git/hooks/pre-commit', 'evil'))), /inside \.git/);
      assert.match(await refusal(workspace.propose(proposal('dist/x.js', 'x'))), /excluded by \.gitignore/);
    });

    it('reports a failed write as a workspace error and leaves no temp file', async () => {
      const root = await temp.tree({ 'file.txt': 'x' });
      const workspace = new NodeWorkspace(root, { approve: 'all' });
      assert.match(await refusal(workspace.propose(proposal('file.txt/child.txt', 'y'))), /Could not write file\.txt\/child\.txt/);
      assert.deepEqual(await allPaths(root), ['file.txt']);
    });

    it('writes through a symlink that stays inside, keeping the link', async () => {
      const root = await temp.tree({ 'real.txt': 'old' });
      await symlink(join(root, 'real.txt'), join(root, 'alias.txt'));
      await new NodeWorkspace(root, { approve: 'edits' }).propose(proposal('alias.txt', 'new', 'old'));
      assert.equal(await readFile(join(root, 'real.txt'), 'utf8'), 'new');
      assert.ok((await lstat(join(root, 'alias.txt'))).isSymbolicLink());
    });
  });
});
