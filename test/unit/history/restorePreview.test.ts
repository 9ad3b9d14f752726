import assert from 'node:assert/strict';
import { contentHash, planUndo, type FileCheckpoint } from '../../../src/agent/history/checkpoints';
import { previewRestore, restoreQuestion } from '../../../src/agent/history/restorePreview';

describe('What undo will do, before it does it', () => {
  const checkpoints: FileCheckpoint[] = [
    { path: 'src/a.ts', messageIndex: 2, toolCallId: 'c1', before: 'a0', written: contentHash('a1') },
    { path: 'src/b.ts', messageIndex: 5, toolCallId: 'c2', before: null, written: contentHash('b1') },
    { path: 'src/a.ts', messageIndex: 5, toolCallId: 'c3', before: 'a1', written: contentHash('a2') },
  ];

  it('lists each file once, restored or deleted, and sees changes made after the agent wrote', () => {
    const now = new Map([
      ['src/a.ts', 'a2 plus the user'],
      ['src/b.ts', 'b1'],
    ]);
    assert.deepEqual(previewRestore(planUndo(checkpoints, 4), now), [
      { path: 'src/b.ts', action: 'delete', changedSince: false },
      { path: 'src/a.ts', action: 'restore', changedSince: true },
    ]);
    assert.deepEqual(previewRestore(planUndo(checkpoints, 0), new Map([['src/a.ts', 'a2']])), [
      { path: 'src/a.ts', action: 'restore', changedSince: false },
      { path: 'src/b.ts', action: 'delete', changedSince: true },
    ]);
  });

  it('does not call a file changed when the agent never finished writing it', () => {
    const inReview: FileCheckpoint[] = [{ path: 'x.ts', messageIndex: 1, toolCallId: 'c', before: 'x0' }];
    assert.deepEqual(previewRestore(planUndo(inReview, 0), new Map()), [{ path: 'x.ts', action: 'restore', changedSince: false }]);
  });

  it('asks with the count and one line per file', () => {
    const question = restoreQuestion(
      [
        { path: 'src/b.ts', action: 'delete', changedSince: false },
        { path: 'src/a.ts', action: 'restore', changedSince: true },
      ],
      "Undo Ouro's changes since this message",
    );
    assert.equal(question.message, "Undo Ouro's changes since this message? 2 files will change.");
    assert.equal(question.detail, 'Delete src/b.ts\nRestore src/a.ts (changed since Ouro wrote it: that change is lost too)');
  });
});
