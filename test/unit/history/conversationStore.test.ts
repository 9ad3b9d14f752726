// The history store on a real temp folder: atomic saves, load, list, rename, delete, search,
// export and import.
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationFileError, FORMAT, VERSION } from '../../../src/agent/history/conversationFile';
import { newRecord, titleFor, type ConversationRecord } from '../../../src/agent/history/conversationRecord';
import { ConversationStore } from '../../../src/agent/history/conversationStore';
import type { HistoryStorage } from '../../../src/agent/history/historyStorage';
import { NodeHistoryStorage } from '../../../src/agent/history/nodeHistoryStorage';
import { answer, calls, result, system, user } from '../context/messages';

function conversation(id: string, prompt: string, updatedAt: string): ConversationRecord {
  const record = newRecord(id, [system(), user(prompt), calls('a'), result('a', 'export const add = (a, b) => a - b;'), answer('It subtracts: `a - b`.')], new Date('2025-01-01T10:00:00Z'));
  return { ...record, updatedAt, model: 'gpt-4o' };
}

describe('conversation store', () => {
  let folder: string;
  let store: ConversationStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ouro-history-'));
    store = new ConversationStore(new NodeHistoryStorage(join(folder, 'history')));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('saves a versioned JSON file and loads the same conversation back', async () => {
    const saved = conversation('c1', 'Why does add fail?', '2025-01-01T10:05:00Z');
    await store.save(saved);
    const text = await readFile(join(folder, 'history', 'c1.json'), 'utf8');
    assert.deepEqual([JSON.parse(text).format, JSON.parse(text).version], [FORMAT, VERSION]);
    assert.deepEqual(await store.load('c1'), { conversation: saved, repairs: [] });
    assert.equal(await store.load('nope'), undefined);
    assert.deepEqual((await readdir(join(folder, 'history'))).sort(), ['c1.json', 'index.json'], 'no temp file is left');
  });

  it('keeps the changes staged for the review at the end, a new file without an original', async () => {
    const saved: ConversationRecord = {
      ...conversation('c1', 'Tidy up', '2025-01-01T10:05:00Z'),
      staged: [
        { path: 'NEW.md', content: '# New\n', toolCallIds: ['t2'], stagedAt: 2 },
        { path: 'src/a.ts', original: 'old\n', content: 'new\n', toolCallIds: ['t1', 't3'], stagedAt: 1 },
      ],
    };
    await store.save(saved);
    assert.deepEqual((await store.load('c1'))?.conversation.staged, saved.staged);
  });

  it('keeps the chat\'s mode, and refuses one that could not be a mode', async () => {
    const saved: ConversationRecord = { ...conversation('c1', 'How does add work?', '2025-01-01T10:05:00Z'), mode: 'ask' };
    await store.save(saved);
    assert.equal((await store.load('c1'))?.conversation.mode, 'ask');
    const file = join(folder, 'history', 'c1.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"mode":"ask"', '"mode":"../ask"'));
    await assert.rejects(() => store.load('c1'), /mode/);
  });

  it('keeps what the user typed for a prompt file\'s message, and titles the conversation with it', async () => {
    const record = conversation('c1', 'unused', '2025-01-01T10:05:00Z');
    record.messages[1] = { role: 'user', content: 'Review src/add.ts for bugs, then list them.', display: '/review src/add.ts' };
    await store.save(record);
    assert.deepEqual((await store.load('c1'))?.conversation.messages[1], record.messages[1]);
    assert.equal(titleFor(record.messages), '/review src/add.ts');
  });

  it('keeps the previous save when a save fails before its rename', async () => {
    const storage = new NodeHistoryStorage(join(folder, 'history'));
    await new ConversationStore(storage).save(conversation('c1', 'first', '2025-01-01T10:00:00Z'));
    const failing: HistoryStorage = { ...bind(storage), rename: async () => Promise.reject(new Error('disk full')) };
    await assert.rejects(new ConversationStore(failing).save(conversation('c1', 'second', '2025-01-01T11:00:00Z')), /disk full/);
    assert.equal((await store.load('c1'))?.conversation.title, 'first');
    assert.deepEqual((await readdir(join(folder, 'history'))).sort(), ['c1.json', 'index.json']);
  });

  it('lists conversations newest first with their title, dates and model, passing over damaged files', async () => {
    await store.save(conversation('old', 'Refactor the parser\nand more', '2025-01-01T10:00:00Z'));
    await store.save(conversation('new', 'Fix the add function', '2025-01-02T10:00:00Z'));
    await writeFile(join(folder, 'history', 'broken.json'), '{"format": "ouro.conversation", "version": 1');
    const list = await store.list();
    assert.deepEqual(list.map((entry) => [entry.id, entry.title, entry.updatedAt, entry.model, entry.messageCount]), [
      ['new', 'Fix the add function', '2025-01-02T10:00:00Z', 'gpt-4o', 5],
      ['old', 'Refactor the parser', '2025-01-01T10:00:00Z', 'gpt-4o', 5],
    ]);
  });

  it('lists from its index without reading the conversations, and notices files added, removed or damaged behind its back', async () => {
    const history = join(folder, 'history');
    await store.save(conversation('c1', 'one', '2025-01-01T10:00:00Z'));
    await store.save(conversation('c2', 'two', '2025-01-02T10:00:00Z'));
    const reads: string[] = [];
    const storage = new NodeHistoryStorage(history);
    const counting = new ConversationStore({ ...bind(storage), read: (name) => (reads.push(name), storage.read(name)) });
    assert.deepEqual((await counting.list()).map((entry) => entry.id), ['c2', 'c1']);
    assert.deepEqual(reads, ['index.json']);

    await writeFile(join(history, 'c3.json'), await readFile(join(history, 'c1.json'), 'utf8').then((text) => text.replace('"id":"c1"', '"id":"c3"').replace('2025-01-01T10:00:00Z', '2025-01-03T10:00:00Z')));
    await rm(join(history, 'c2.json'));
    assert.deepEqual((await counting.list()).map((entry) => entry.id), ['c3', 'c1']);
    assert.deepEqual(reads, ['index.json', 'c3.json']);

    await writeFile(join(history, 'index.json'), '{ damaged');
    assert.deepEqual((await new ConversationStore(new NodeHistoryStorage(history)).list()).map((entry) => entry.id), ['c3', 'c1']);
    assert.equal(JSON.parse(await readFile(join(history, 'index.json'), 'utf8')).conversations.length, 2, 'the index was rebuilt');
  });

  it('renames a conversation, and an empty name gives back the title from its first message', async () => {
    await store.save(conversation('c1', 'Fix the add function', '2025-01-01T10:00:00Z'));
    await store.rename('c1', '  Math bug  ');
    assert.deepEqual((await store.list()).map((entry) => entry.title), ['Math bug']);
    assert.equal((await store.load('c1'))?.conversation.titleSetByUser, true);
    await store.rename('c1', '');
    assert.deepEqual((await store.list()).map((entry) => entry.title), ['Fix the add function']);
  });

  it('deletes a conversation', async () => {
    await store.save(conversation('c1', 'one', '2025-01-01T10:00:00Z'));
    await store.save(conversation('c2', 'two', '2025-01-01T10:00:00Z'));
    await store.delete('c1');
    assert.deepEqual((await store.list()).map((entry) => entry.id), ['c2']);
  });

  it('finds conversations by the text of their messages and tool calls, whatever the case', async () => {
    await store.save(conversation('c1', 'Fix the add function', '2025-01-01T10:00:00Z'));
    await store.save(conversation('c2', 'Write the README', '2025-01-02T10:00:00Z'));
    const hits = await store.search('README');
    assert.deepEqual(hits.map((hit) => [hit.id, hit.matches.map((match) => match.messageIndex)]), [['c2', [-1, 1]]]);
    const byCall = await store.search('A.TS');
    assert.deepEqual(byCall.map((hit) => hit.id), ['c2', 'c1']);
    assert.match(byCall[0].matches[0].snippet, /read_file \{"path":"a\.ts"\}/);
    assert.deepEqual(await store.search('  '), []);
  });

  it('exports JSON that another store imports under a new id, and exports Markdown', async () => {
    const original = conversation('c1', 'Fix the add function', '2025-01-01T10:00:00Z');
    await store.save(original);
    const other = new ConversationStore(new NodeHistoryStorage(join(folder, 'elsewhere')));
    const imported = await other.importJson(await store.exportJson('c1'));
    assert.notEqual(imported.id, 'c1');
    assert.deepEqual(imported.messages, original.messages);
    assert.deepEqual((await other.list()).map((entry) => entry.title), ['Fix the add function']);

    const markdown = await store.exportMarkdown('c1');
    assert.match(markdown, /^# Fix the add function\n\nModel: gpt-4o · Started 2025-01-01 10:00 UTC/);
    assert.match(markdown, /## User\n\nFix the add function/);
    assert.match(markdown, /\*\*read_file\*\* `\{"path":"a\.ts"\}`/);
    assert.match(markdown, /<summary>Result<\/summary>\n\n```text\nexport const add/);
    assert.match(markdown, /## Ouro\n\nIt subtracts: `a - b`\./);
  });

  it('fences file contents that hold backticks with a longer fence', async () => {
    const record = conversation('c1', 'x', '2025-01-01T10:00:00Z');
    record.messages[3] = result('a', 'before\n````\ninside\n````\nafter');
    await store.save(record);
    assert.match(await store.exportMarkdown('c1'), /`````text\nbefore\n````\ninside\n````\nafter\n`````/);
  });

  it('refuses what it cannot read, saying why', async () => {
    await assert.rejects(store.importJson('not json'), /not JSON/);
    await assert.rejects(store.importJson('{"hello": 1}'), /not an Ouro conversation/);
    await assert.rejects(store.importJson(JSON.stringify({ format: FORMAT, version: VERSION + 1 })), /newer Ouro \(format version 2/);
    const bad = JSON.parse(await exported(store));
    bad.messages[1].role = 'robot';
    await assert.rejects(store.importJson(JSON.stringify(bad)), ConversationFileError);
    await assert.rejects(store.load('../escape'), /not a conversation id/);
  });

  it('repairs on load a conversation saved while a tool ran', async () => {
    const record = conversation('c1', 'x', '2025-01-01T10:00:00Z');
    record.messages.splice(3);
    await store.save(record);
    const loaded = await store.load('c1');
    assert.deepEqual(loaded?.repairs, ['1 tool call had no result (the call never finished)']);
    assert.equal(loaded?.conversation.messages.length, 4);
  });

  it('removes temp files a crash left behind', async () => {
    await store.save(conversation('c1', 'x', '2025-01-01T10:00:00Z'));
    await writeFile(join(folder, 'history', '.c1.1234abcd.tmp'), 'half');
    await store.removeLeftovers();
    assert.deepEqual((await readdir(join(folder, 'history'))).sort(), ['c1.json', 'index.json']);
  });

  async function exported(from: ConversationStore): Promise<string> {
    await from.save(conversation('e1', 'x', '2025-01-01T10:00:00Z'));
    return from.exportJson('e1');
  }
});

function bind(storage: NodeHistoryStorage): HistoryStorage {
  return {
    read: (name) => storage.read(name),
    write: (name, text) => storage.write(name, text),
    readBytes: (name) => storage.readBytes(name),
    writeBytes: (name, bytes) => storage.writeBytes(name, bytes),
    rename: (from, to) => storage.rename(from, to),
    list: () => storage.list(),
    delete: (name) => storage.delete(name),
  };
}
