// The editor-backed history storage, driven through the HistoryStorage port over a file system
// shaped like vscode.workspace.fs (its errors included) on a real temp folder; the store on top.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { newRecord } from '../../../src/agent/history/conversationRecord';
import { ConversationStore } from '../../../src/agent/history/conversationStore';
import { ChatHistory } from '../../../src/host/history/chatHistory';
import { UriHistoryStorage, type FolderFileSystem } from '../../../src/host/history/uriHistoryStorage';
import { answer, system, user } from '../context/messages';

const uri = (path: string) => ({ path }) as vscode.Uri;
const joinUri = (folder: vscode.Uri, name: string) => uri(join(folder.path, name));

/** What vscode.workspace.fs throws: FileSystemError with a code, not Node's errno. */
function editorError(err: unknown): never {
  const code = (err as NodeJS.ErrnoException).code;
  const name = code === 'ENOENT' ? 'FileNotFound' : code === 'EEXIST' ? 'FileExists' : 'Unknown';
  throw Object.assign(new Error(`${name}: ${(err as Error).message}`), { code: name });
}

function editorFileSystem(calls: string[] = []): FolderFileSystem {
  const exists = (path: string) => stat(path).then(() => true, () => false);
  return {
    readFile: (target) => readFile(target.path).then((buffer) => new Uint8Array(buffer), editorError),
    writeFile: (target, bytes) => writeFile(target.path, bytes).catch(editorError),
    createDirectory: (target) => mkdir(target.path, { recursive: true }).then(() => undefined, editorError),
    readDirectory: async (target) => {
      const entries = await readdir(target.path, { withFileTypes: true }).catch(editorError);
      return entries.map((entry) => [entry.name, entry.isFile() ? 1 : 2] as [string, vscode.FileType]);
    },
    rename: async (from, to, options) => {
      calls.push(`rename ${from.path.split('/').pop()} -> ${to.path.split('/').pop()}`);
      if (!options?.overwrite && (await exists(to.path))) editorError(Object.assign(new Error('exists'), { code: 'EEXIST' }));
      await rename(from.path, to.path).catch(editorError);
    },
    delete: (target) => rm(target.path).catch(editorError),
  } as FolderFileSystem;
}

describe('history storage on the editor file system', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ouro-uri-history-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('replaces a file on disk with one rename of the system, never a delete and a rename', async () => {
    const calls: string[] = [];
    const folder = join(root, 'conversations');
    const onDisk = (path: string) => ({ scheme: 'file', path, fsPath: path }) as vscode.Uri;
    const storage = new UriHistoryStorage(editorFileSystem(calls), onDisk(folder), (parent, name) => onDisk(join(parent.fsPath, name)));
    await storage.write('a.json', 'old');
    await storage.write('.a.json.tmp', 'new');
    await storage.rename('.a.json.tmp', 'a.json');
    assert.equal(await storage.read('a.json'), 'new');
    assert.deepEqual(await storage.list(), ['a.json']);
    assert.deepEqual(calls.filter((call) => call.startsWith('rename')), [], 'not through the editor, whose overwrite deletes first');
  });

  it('reads nothing and lists nothing before the folder exists, then creates it on the first write', async () => {
    const storage = new UriHistoryStorage(editorFileSystem(), uri(join(root, 'conversations')), joinUri);
    assert.equal(await storage.read('a.json'), undefined);
    assert.deepEqual(await storage.list(), []);
    await storage.delete('a.json');
    await storage.write('a.json', 'héllo');
    assert.equal(await storage.read('a.json'), 'héllo');
    assert.deepEqual(await storage.list(), ['a.json']);
  });

  it('renames over an existing file and lists files only', async () => {
    const folder = join(root, 'conversations');
    const storage = new UriHistoryStorage(editorFileSystem(), uri(folder), joinUri);
    await storage.write('a.json', 'old');
    await storage.write('b.tmp', 'new');
    await mkdir(join(folder, 'sub'));
    await storage.rename('b.tmp', 'a.json');
    assert.equal(await storage.read('a.json'), 'new');
    assert.deepEqual(await storage.list(), ['a.json']);
  });

  it('refuses names that are paths', async () => {
    const storage = new UriHistoryStorage(editorFileSystem(), uri(join(root, 'conversations')), joinUri);
    for (const name of ['../escape.json', 'a/b.json', '..', '']) await assert.rejects(storage.write(name, 'x'), /not a file name/);
    assert.deepEqual(await readdir(root), []);
  });

  it('passes on errors other than a missing file', async () => {
    const fs = { ...editorFileSystem(), readFile: () => Promise.reject(Object.assign(new Error('NoPermissions'), { code: 'NoPermissions' })) } as FolderFileSystem;
    await assert.rejects(new UriHistoryStorage(fs, uri(root), joinUri).read('a.json'), /NoPermissions/);
  });

  it('carries the store: atomic saves by rename, load, list and delete', async () => {
    const calls: string[] = [];
    const store = new ConversationStore(new UriHistoryStorage(editorFileSystem(calls), uri(join(root, 'conversations')), joinUri));
    const record = newRecord('c1', [system(), user('Why does add fail?'), answer('It subtracts.')]);
    await store.save(record);
    assert.deepEqual((await store.load('c1'))?.conversation, record);
    assert.ok(calls.some((call) => /^rename \.c1\.json\.\w+\.tmp -> c1\.json$/.test(call)), calls.join('\n'));
    assert.deepEqual((await store.list()).map((summary) => summary.title), ['Why does add fail?']);
    await store.delete('c1');
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await readdir(join(root, 'conversations')), ['index.json']);
  });

  it('remembers the open conversation per workspace and opens it again', async () => {
    const memory = new Map<string, unknown>();
    const memento = { get: <T>(key: string) => memory.get(key) as T, update: async (key: string, value: unknown) => void memory.set(key, value) };
    const storage = new UriHistoryStorage(editorFileSystem(), uri(join(root, 'conversations')), joinUri);
    const history = new ChatHistory(storage, memento as never);
    assert.equal(await history.openLast(), undefined);
    const record = newRecord('c2', [system(), user('Go on')]);
    await history.save(record);
    assert.equal(history.currentId, 'c2');
    // A new window over the same storage and memory.
    assert.deepEqual((await new ChatHistory(storage, memento as never).openLast())?.conversation, record);
    await history.setCurrent(undefined);
    assert.equal(await history.openLast(), undefined);
  });
});
