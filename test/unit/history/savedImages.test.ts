// A conversation's images on a real temp folder: files beside the JSON, read back on load,
// inline in an export, gone with the conversation.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserMessage } from '../../../src/agent/conversation';
import { newRecord, type ConversationRecord } from '../../../src/agent/history/conversationRecord';
import { ConversationStore } from '../../../src/agent/history/conversationStore';
import { NodeHistoryStorage } from '../../../src/agent/history/nodeHistoryStorage';
import { PNG_1X1, PNG_CHECKS } from '../../fixtures/images';
import { answer, system } from '../context/messages';

const withImages = (): ConversationRecord =>
  newRecord('c1', [
    system(),
    { role: 'user', content: 'What is this?', images: [{ mediaType: 'image/png', data: PNG_CHECKS }, { mediaType: 'image/png', data: PNG_1X1 }] },
    answer('Squares.'),
  ]);

describe('images in saved conversations', () => {
  let folder: string;
  let history: string;
  let store: ConversationStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ouro-images-'));
    history = join(folder, 'history');
    store = new ConversationStore(new NodeHistoryStorage(history));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('keeps each image as a file beside the conversation, its JSON naming the file, and loads them back', async () => {
    await store.save(withImages());
    const files = (await readdir(history)).sort();
    const images = files.filter((name) => name.endsWith('.png'));
    assert.equal(images.length, 2);
    for (const name of images) assert.match(name, /^c1\.[0-9a-f]{16}\.png$/);
    assert.deepEqual(await readFile(join(history, imageOf(files, PNG_CHECKS))), Buffer.from(PNG_CHECKS, 'base64'));
    const json = await readFile(join(history, 'c1.json'), 'utf8');
    assert.doesNotMatch(json, new RegExp(PNG_CHECKS.slice(0, 40)), 'no base64 in the JSON');
    assert.deepEqual(JSON.parse(json).messages[1].images.map((image: { file: string }) => Object.keys(image)), [['mediaType', 'file'], ['mediaType', 'file']]);

    const loaded = await store.load('c1');
    const message = loaded?.conversation.messages[1] as UserMessage;
    assert.deepEqual(message.images?.map((image) => image.data), [PNG_CHECKS, PNG_1X1]);
    assert.deepEqual(loaded?.repairs, []);
  });

  it('writes an image once however often the conversation is saved, and deletes them with it', async () => {
    const record = withImages();
    await store.save(record);
    const first = await readdir(history);
    await store.save({ ...record, title: 'Squares' });
    assert.deepEqual((await readdir(history)).sort(), first.sort());
    await store.delete('c1');
    assert.deepEqual(await readdir(history), ['index.json']);
  });

  it('exports images inline, and an import keeps them as files of the new conversation', async () => {
    await store.save(withImages());
    const exported = await store.exportJson('c1');
    assert.match(exported, new RegExp(PNG_CHECKS.slice(0, 40).replace(/[+/]/g, '\\$&')));
    assert.doesNotMatch(exported, /"file"/);
    const imported = await store.importJson(exported);
    assert.equal((await readdir(history)).filter((name) => name.startsWith(`${imported.id}.`) && name.endsWith('.png')).length, 2);
    assert.deepEqual(((await store.load(imported.id))?.conversation.messages[1] as UserMessage).images?.map((image) => image.data), [PNG_CHECKS, PNG_1X1]);
  });

  it('leaves out an image whose file is gone or is not an image any more, and says so', async () => {
    await store.save(withImages());
    const files = await readdir(history);
    await rm(join(history, imageOf(files, PNG_1X1)));
    await writeFile(join(history, imageOf(files, PNG_CHECKS)), '<svg/>');
    const loaded = await store.load('c1');
    assert.equal((loaded?.conversation.messages[1] as UserMessage).images, undefined);
    assert.equal(loaded?.repairs.length, 2);
    assert.match(loaded?.repairs.join('\n') ?? '', /left out: its file c1\.[0-9a-f]{16}\.png is gone/);
    assert.match(loaded?.repairs.join('\n') ?? '', /left out: the image is not a PNG, JPEG, GIF, WEBP image/);
  });

  it('refuses a saved image name that could leave the history folder', async () => {
    await store.save(withImages());
    const json = JSON.parse(await readFile(join(history, 'c1.json'), 'utf8'));
    json.messages[1].images[0].file = '../c1.0123456789abcdef.png';
    await writeFile(join(history, 'c1.json'), JSON.stringify(json));
    await assert.rejects(store.load('c1'), /messages\.1\.images\.0\.file/);
  });
});

/** The file an image is saved in: named by the conversation and a hash of its base64. */
function imageOf(files: string[], data: string): string {
  const name = `c1.${createHash('sha256').update(data).digest('hex').slice(0, 16)}.png`;
  assert.ok(files.includes(name), `${name} is saved`);
  return name;
}
