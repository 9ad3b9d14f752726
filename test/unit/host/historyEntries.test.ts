// The history list's rows and the import check, over a real history folder: search by title and
// by message text, the open conversation marked, and a file that is not a conversation refused
// with a reason while the history stays as it was.
import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationFileError, serializeConversation } from '../../../src/agent/history/conversationFile';
import { newRecord, type ConversationRecord } from '../../../src/agent/history/conversationRecord';
import { ConversationStore } from '../../../src/agent/history/conversationStore';
import { NodeHistoryStorage } from '../../../src/agent/history/nodeHistoryStorage';
import { historyEntries } from '../../../src/host/history/historyEntries';
import { answer, calls, result, system, user } from '../context/messages';

function record(id: string, prompt: string, reply: string, updatedAt: string, model?: string): ConversationRecord {
  return { ...newRecord(id, [system(), user(prompt), calls(`${id}-call`), result(`${id}-call`, 'file text'), answer(reply)]), updatedAt, ...(model ? { model } : {}) };
}

describe('the history list', () => {
  let folder: string;
  let store: ConversationStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ouro-history-list-'));
    store = new ConversationStore(new NodeHistoryStorage(join(folder, 'history')));
    await store.save(record('apples', 'Tell me about apples', 'Apples are red.', '2025-01-01T10:00:00.000Z', 'gpt-4o'));
    await store.save(record('bananas', 'Tell me about bananas', 'Bananas are yellow, like lemons.', '2025-01-02T10:00:00.000Z'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('lists every conversation newest first with title, date, model and size, the open one marked', async () => {
    assert.deepEqual(await historyEntries(store, '', 'apples'), [
      { id: 'bananas', title: 'Tell me about bananas', updatedAt: '2025-01-02T10:00:00.000Z', messageCount: 5, current: false, matches: [] },
      { id: 'apples', title: 'Tell me about apples', updatedAt: '2025-01-01T10:00:00.000Z', model: 'gpt-4o', messageCount: 5, current: true, matches: [] },
    ]);
  });

  it('finds conversations by their title and by the words of their messages, case aside', async () => {
    assert.deepEqual((await historyEntries(store, 'APPLES', undefined)).map((entry) => entry.id), ['apples']);
    const byReply = await historyEntries(store, 'lemons', undefined);
    assert.deepEqual(
      byReply.map((entry) => [entry.id, entry.matches]),
      [['bananas', ['Bananas are yellow, like lemons.']]],
    );
    assert.deepEqual(await historyEntries(store, 'cherries', undefined), []);
    assert.equal((await historyEntries(store, '   ', undefined)).length, 2, 'a blank search lists all');
  });

  it('imports an export under a new id, and refuses a file that is not a conversation, losing nothing', async () => {
    const text = serializeConversation(record('elsewhere', 'Tell me about cherries', 'Cherries are small.', '2025-01-03T10:00:00.000Z'));
    const imported = await store.importJson(text);
    assert.notEqual(imported.id, 'elsewhere');
    assert.deepEqual((await historyEntries(store, 'cherries', undefined)).map((entry) => entry.id), [imported.id]);
    const before = (await readdir(join(folder, 'history'))).sort();
    const bad: Array<[string, RegExp]> = [
      ['not json at all', /not JSON/],
      ['{"name":"a package.json"}', /not an Ouro conversation/],
      [JSON.stringify({ ...JSON.parse(text), version: 99 }), /newer Ouro/],
      [JSON.stringify({ ...JSON.parse(text), messages: [{ role: 'robot', content: 'hi' }] }), /messages\.0/],
    ];
    for (const [file, reason] of bad) {
      await assert.rejects(store.importJson(file), (error: unknown) => error instanceof ConversationFileError && reason.test(error.message));
    }
    assert.deepEqual((await readdir(join(folder, 'history'))).sort(), before);
    assert.equal((await historyEntries(store, '', undefined)).length, 3);
  });
});
