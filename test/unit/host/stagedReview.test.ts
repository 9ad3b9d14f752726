// Review at the end as the editor holds it: the changes panel's Keep and Undo go through the
// staged layer to a real folder, the model hears each with its next request, what is staged is
// saved after every change, and another conversation brings its own staged changes back.
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import type { StagedFile } from '../../../src/agent/workspace/stagedWorkspace';
import { HeldNotes } from '../../../src/host/chat/heldNotes';
import { keepStagedHunks, stagedHunks } from '../../../src/host/staged/stagedHunks';
import { StagedReview } from '../../../src/host/staged/stagedReview';
import { useTempTrees } from '../workspace/tempTree';

const CODE = ['one', 'two', 'three', 'four', 'five', ''].join('\n');
const EDITED = ['ONE', 'two', 'three', 'four', 'FIVE', ''].join('\n');

describe('staged review in the editor', () => {
  const { tree } = useTempTrees();

  async function review() {
    const root = await tree({ 'a.txt': CODE, 'b.txt': CODE });
    const notes = new HeldNotes();
    const saved: StagedFile[][] = [];
    const staged = new StagedReview({ commitTarget: new NodeWorkspace(root, { approve: 'edits', ripgrep: false }), persist: (files) => saved.push(files), note: (text) => notes.add(text) });
    const stage = (path: string, content: string, original: string | undefined = CODE) => staged.workspace.propose({ path, content, original, summary: 'edit', toolCallId: `call-${path}` });
    return { root, notes, saved, staged, stage };
  }

  it('keeps one file and undoes another; the disk and the note say exactly that', async () => {
    const { root, notes, saved, staged, stage } = await review();
    await stage('a.txt', EDITED);
    await stage('b.txt', EDITED);
    assert.deepEqual(staged.pending().map((file) => [file.path, file.added, file.removed]), [['a.txt', 2, 2], ['b.txt', 2, 2]]);
    assert.equal(saved.at(-1)?.length, 2, 'each staged change is saved');

    const kept = await staged.keep('a.txt');
    assert.equal(kept.outcome.status, 'accepted');
    staged.undo('b.txt');
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), EDITED);
    assert.equal(await readFile(join(root, 'b.txt'), 'utf8'), CODE);
    assert.deepEqual(staged.pending(), []);
    assert.deepEqual(saved.at(-1), []);
    const message = notes.takeMessage();
    assert.equal(message?.note, true);
    assert.match(message?.content ?? '', /^\[Note from Ouro\] The user reviewed your 2 changes to a\.txt one by one: kept 2 \(1, 2\), undid none\./);
    assert.match(message?.content ?? '', /\n\[Note from Ouro\] The user reviewed your 2 changes to b\.txt one by one: kept none, undid 2 \(1, 2\)\./);
    assert.equal(notes.takeMessage(), undefined, 'a note is told once');
  });

  it('keeps a chosen set of hunks, for per-hunk Keep and Undo', async () => {
    const { root, notes, staged, stage } = await review();
    await stage('a.txt', EDITED);
    assert.deepEqual(stagedHunks(staged, 'a.txt').map((hunk) => [hunk.index, hunk.removed, hunk.added]), [[0, 'one\n', 'ONE\n'], [1, 'five\n', 'FIVE\n']]);
    await keepStagedHunks(staged, 'a.txt', new Set([1]));
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), ['ONE', 'two', 'three', 'four', 'five', ''].join('\n'));
    assert.match(notes.take()[0], /kept 1 \(1\), undid 1 \(2\)/);
    assert.deepEqual(stagedHunks(staged, 'a.txt'), [], 'nothing is staged for it any more');
  });

  it('leaves a file changed on disk since staging staged, and says why', async () => {
    const { root, staged, stage, notes } = await review();
    await stage('a.txt', EDITED);
    await writeFile(join(root, 'a.txt'), 'the person wrote this\n');
    const results = await staged.keepAll();
    assert.equal(results[0].outcome.status, 'conflict');
    assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'the person wrote this\n');
    assert.deepEqual(staged.pending().map((file) => file.path), ['a.txt']);
    assert.match(notes.take()[0], /they stay staged/);
  });

  it("brings back another conversation's staged changes, and stops saving the old one's", async () => {
    const { staged, saved, stage } = await review();
    await stage('a.txt', EDITED);
    const old = staged.workspace;
    const restored: StagedFile = { path: 'b.txt', original: CODE, content: EDITED, toolCallIds: ['c9'], stagedAt: 1 };
    let changes = 0;
    staged.onDidChange(() => changes++);
    staged.load([restored]);
    assert.equal(changes, 1);
    assert.deepEqual(staged.pending().map((file) => file.path), ['b.txt']);
    const savesBefore = saved.length;
    await old.propose({ path: 'a.txt', content: CODE + 'more\n', original: EDITED, summary: 'edit', toolCallId: 'late' });
    assert.equal(saved.length, savesBefore, "a turn of the old conversation does not write into the new one's record");
    staged.undoAll();
    assert.deepEqual(staged.pending(), []);
  });
});

describe('notes held for the next request', () => {
  it('go with the next step of a running turn, added to its tools\' notes', async () => {
    const notes = new HeldNotes();
    const source = notes.withSource(async () => ({ tools: [], notes: ['a new skill'] }));
    assert.deepEqual((await source(new AbortController().signal)).notes, ['a new skill']);
    notes.add('The user kept your changes to a.txt.');
    assert.deepEqual((await source(new AbortController().signal)).notes, ['a new skill', 'The user kept your changes to a.txt.']);
    assert.deepEqual((await source(new AbortController().signal)).notes, ['a new skill']);
  });
});
