// The VS Code implementation of the Workspace port, over the real vscode.workspace.fs, on the
// sample workspace the editor has open: read, stat, list, search, path safety, and writes that
// go in as undoable WorkspaceEdits and never overwrite a file that changed meanwhile.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WorkspaceError, type Proposal } from '../../src/agent/workspace/workspace';
import { DiffReview } from '../../src/host/review/diffReview';
import { VsCodeWorkspace } from '../../src/host/workspace/vscodeWorkspace';

const MATH = 'src/math.js';
const BUGGY_LINE = 'for (let i = 1; i < numbers.length; i++) {';
const FIXED_LINE = 'for (let i = 0; i < numbers.length; i++) {';

/** Retries `check` until it passes or `ms` have gone by; then its last failure is the test's. */
async function eventually(ms: number, check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('VsCodeWorkspace (the Workspace port in VS Code)', () => {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const onDisk = (relative: string) => path.join(root, relative);
  const settings = { autoApproveEdits: true, allowSecretFiles: false };
  let workspace: VsCodeWorkspace;
  let log: vscode.LogOutputChannel;
  let created: string[] = [];
  let mathBefore: string;

  /** Writes a file for one test; it is removed after the test. */
  function makeFile(relative: string, content: string): string {
    const file = onDisk(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    created.push(relative.split('/')[0]);
    return file;
  }

  before(() => {
    log = vscode.window.createOutputChannel('Ouro workspace tests', { log: true });
    // Only applyDirectly is used here (auto-approved edits); the diff review itself is
    // exercised through the UI by the end-to-end scenarios.
    const review = new DiffReview(undefined as never, undefined as never, log);
    workspace = new VsCodeWorkspace(review, () => settings);
    mathBefore = fs.readFileSync(onDisk(MATH), 'utf8');
  });

  afterEach(async () => {
    for (const top of created) fs.rmSync(onDisk(top), { recursive: true, force: true });
    created = [];
    settings.allowSecretFiles = false;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(onDisk(MATH), mathBefore);
  });

  after(() => log.dispose());

  it('names the open folder', () => {
    assert.deepEqual(workspace.folders, ['sample-workspace']);
  });

  it('reads a file through workspace.fs', async () => {
    const bytes = await workspace.readFile(MATH);
    assert.equal(Buffer.from(bytes).toString('utf8'), mathBefore);
  });

  it('stats files and folders, and answers undefined for a missing file', async () => {
    assert.deepEqual({ ...(await workspace.stat(MATH)), mtimeMs: 0 }, { type: 'file', size: Buffer.byteLength(mathBefore), mtimeMs: 0 });
    assert.equal((await workspace.stat('src'))?.type, 'directory');
    assert.equal(await workspace.stat('src/missing.js'), undefined);
  });

  it('lists a folder with folders marked by a trailing slash', async () => {
    const listing = await workspace.list('.', { recursive: false, limit: 100 });
    assert.ok(listing.entries.includes('src/'), listing.entries.join(', '));
    assert.ok(listing.entries.includes('README.md'));
    assert.ok(!listing.entries.includes('src/math.js'), 'a flat listing went into src/');
    const deep = await workspace.list('.', { recursive: true, limit: 100 });
    assert.ok(deep.entries.includes('src/math.js'), deep.entries.join(', '));
  });

  it('cuts a listing at its limit and says how many were left out', async () => {
    for (let i = 0; i < 12; i++) makeFile(`many/file${String(i).padStart(2, '0')}.txt`, 'x');
    const listing = await workspace.list('many', { recursive: false, limit: 5 });
    assert.deepEqual(listing.entries, ['many/file00.txt', 'many/file01.txt', 'many/file02.txt', 'many/file03.txt', 'many/file04.txt']);
    assert.equal(listing.omitted, 7);
  });

  it('hides what .gitignore ignores from listings and refuses to read it, within seconds of the edit', async () => {
    makeFile('.gitignore', 'build/\n');
    makeFile('build/out.js', 'compiled');
    // Ignore files are kept for a few seconds between reads (src/host/workspace/recentReads.ts), so a new
    // rule counts from then on, and never later.
    await eventually(8_000, async () => {
      const listing = await workspace.list('.', { recursive: true, limit: 500 });
      assert.ok(!listing.entries.some((entry) => entry.startsWith('build')), listing.entries.join(', '));
      await assert.rejects(workspace.readFile('build/out.js'), (error: Error) => error instanceof WorkspaceError && /\.gitignore/.test(error.message));
    });
  });

  it('refuses paths outside the workspace, with .. or absolute', async () => {
    await assert.rejects(workspace.readFile('../outside.txt'), WorkspaceError);
    await assert.rejects(workspace.readFile('/etc/passwd'), WorkspaceError);
    await assert.rejects(workspace.resolve('~/.ssh/id_rsa'), WorkspaceError);
  });

  it('refuses a symbolic link that leads out of the workspace', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ouro-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'not yours');
    fs.symlinkSync(outside, onDisk('escape'));
    created.push('escape');
    try {
      await assert.rejects(workspace.readFile('escape/secret.txt'), (error: Error) => error instanceof WorkspaceError && /symbolic link/.test(error.message));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('follows a symbolic link whose target is inside the workspace, for reading and writing', async () => {
    makeFile('linked/real/a.txt', 'old');
    fs.symlinkSync(onDisk('linked/real'), onDisk('linked/alias'));
    assert.equal(Buffer.from(await workspace.readFile('linked/alias/a.txt')).toString(), 'old');
    assert.equal((await workspace.stat('linked/alias'))?.type, 'directory');
    const outcome = await workspace.propose({ path: 'linked/alias/a.txt', content: 'new', original: 'old', summary: 'write_file', toolCallId: 'call_link' });
    assert.equal(outcome.status, 'accepted');
    assert.equal(fs.readFileSync(onDisk('linked/real/a.txt'), 'utf8'), 'new');
    assert.ok(fs.lstatSync(onDisk('linked/alias')).isSymbolicLink());
  });

  it('applies the ignore and secret rules to where a link leads', async () => {
    makeFile('.env', 'API_KEY=123');
    fs.symlinkSync(onDisk('.env'), onDisk('settings.txt'));
    created.push('settings.txt');
    await assert.rejects(workspace.readFile('settings.txt'), (error: Error) => error instanceof WorkspaceError && /allowSecretFiles/.test(error.message));
  });

  it('sends a protected write to the review even with edits auto-approved, saying why, and writes nothing itself', async () => {
    makeFile('conf/.keep', '');
    // Another test may have written the workspace's settings already: compare with what was there.
    if (!fs.existsSync(onDisk('.vscode'))) {
      fs.mkdirSync(onDisk('.vscode'));
      created.push('.vscode');
    }
    const snapshot = () => ['settings.json', 'tasks.json'].map((name) => (fs.existsSync(onDisk(`.vscode/${name}`)) ? fs.readFileSync(onDisk(`.vscode/${name}`), 'utf8') : undefined));
    const before = snapshot();
    fs.symlinkSync(onDisk('.vscode'), onDisk('conf/editor'));
    const reviewed: Array<{ path: string; why?: string }> = [];
    const review = {
      applyDirectly: async () => assert.fail('a protected write was applied without review'),
      review: async (_uri: vscode.Uri, proposal: Proposal, _signal?: AbortSignal, why?: string) => {
        reviewed.push({ path: proposal.path, why });
        return { status: 'rejected', reason: 'The user declined the change.' };
      },
    } as unknown as DiffReview;
    const guarded = new VsCodeWorkspace(review, () => ({ autoApproveEdits: true, allowSecretFiles: false }));
    const write = (path: string) => guarded.propose({ path, content: '{"ouro.commands.allow": ["*"]}', summary: 'write_file', toolCallId: `call_${path}` });
    assert.equal((await write('.vscode/settings.json')).status, 'rejected');
    assert.equal((await write('conf/editor/tasks.json')).status, 'rejected');
    assert.deepEqual(reviewed.map((entry) => entry.path), ['.vscode/settings.json', 'conf/editor/tasks.json']);
    assert.match(reviewed[0].why ?? '', /^\.vscode\/settings\.json is protected: it decides what runs later/);
    assert.match(reviewed[1].why ?? '', /conf\/editor\/tasks\.json leads to \.vscode\/tasks\.json, which is protected/);
    assert.deepEqual(snapshot(), before, 'nothing was written to .vscode');
    await assert.rejects(write('.git/hooks/pre-commit'), (error: Error) => error instanceof WorkspaceError && /inside \.git/.test(error.message));
  });

  it('keeps .env files off limits unless ouro.allowSecretFiles allows them', async () => {
    makeFile('.env', 'API_KEY=123');
    await assert.rejects(workspace.readFile('.env'), (error: Error) => error instanceof WorkspaceError && /allowSecretFiles/.test(error.message));
    settings.allowSecretFiles = true;
    assert.equal(Buffer.from(await workspace.readFile('.env')).toString(), 'API_KEY=123');
  });

  it("searches with the ripgrep VS Code ships, reporting lines and paths", async () => {
    const result = await workspace.search({ pattern: 'numbers\\.length', maxMatches: 10 });
    assert.equal(result.engine, 'ripgrep');
    assert.deepEqual(result.matches.map((m) => [m.path, m.line]), [[MATH, 5], [MATH, 12], [MATH, 13]]);
    assert.equal(result.total, 3);
    assert.match(result.matches[0].text, /let i = 1/);
  });

  it('limits a search to a glob and to a folder', async () => {
    makeFile('docs/sum.md', 'sum of numbers');
    const inMarkdown = await workspace.search({ pattern: 'sum', glob: '*.md', maxMatches: 10 });
    assert.ok(inMarkdown.matches.length > 0);
    assert.ok(inMarkdown.matches.every((m) => m.path.endsWith('.md')), inMarkdown.matches.map((m) => m.path).join(', '));
    const inDocs = await workspace.search({ pattern: 'sum', path: 'docs', maxMatches: 10 });
    assert.deepEqual(inDocs.matches.map((m) => m.path), ['docs/sum.md']);
  });

  describe('writes (auto-approved, so no diff is shown)', () => {
    const proposal = (overrides: Partial<Proposal> = {}): Proposal => ({
      path: MATH,
      content: mathBefore.replace(BUGGY_LINE, FIXED_LINE),
      original: mathBefore,
      summary: 'edit_file: fix the loop start',
      toolCallId: `call_${Math.random().toString(36).slice(2)}`,
      ...overrides,
    });

    it('applies an edit as a WorkspaceEdit that undo reverts', async () => {
      const outcome = await workspace.propose(proposal());
      assert.deepEqual(outcome, { status: 'accepted', content: mathBefore.replace(BUGGY_LINE, FIXED_LINE), userModified: false });
      assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), mathBefore.replace(BUGGY_LINE, FIXED_LINE));

      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(onDisk(MATH)));
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), mathBefore, 'undo did not bring back the original text');
    });

    it('creates a new file', async () => {
      created.push('notes');
      const outcome = await workspace.propose(proposal({ path: 'notes/todo.md', content: '# To do\n', original: undefined }));
      assert.equal(outcome.status, 'accepted');
      assert.equal(fs.readFileSync(onDisk('notes/todo.md'), 'utf8'), '# To do\n');
    });

    it('does not overwrite a file that changed on disk since the proposal was made', async () => {
      const stale = proposal();
      fs.writeFileSync(onDisk(MATH), `${mathBefore}// changed by someone else\n`);
      const outcome = await workspace.propose(stale);
      assert.equal(outcome.status, 'conflict');
      assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), `${mathBefore}// changed by someone else\n`);
    });

    it('does not overwrite unsaved changes in an open editor', async () => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(onDisk(MATH)));
      const editor = await vscode.window.showTextDocument(document);
      // An edit is refused while the editor still reloads what an earlier test wrote to disk.
      await eventually(5_000, async () => assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// typing...\n')), 'could not type into the editor'));
      assert.ok(document.isDirty);
      const outcome = await workspace.propose(proposal());
      assert.equal(outcome.status, 'conflict');
      assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), mathBefore);
      assert.ok(document.getText().startsWith('// typing...'), "the user's unsaved text was lost");
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('refuses to create a file someone else created meanwhile', async () => {
      makeFile('fresh.txt', 'already here');
      const outcome = await workspace.propose(proposal({ path: 'fresh.txt', content: 'mine', original: undefined }));
      assert.equal(outcome.status, 'conflict');
      assert.equal(fs.readFileSync(onDisk('fresh.txt'), 'utf8'), 'already here');
    });
  });
});
