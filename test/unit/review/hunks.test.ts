// The hunk model of a proposal: its separate changes, the file any choice of them gives, and what
// the model is told about a review done hunk by hunk.
import { strict as assert } from 'node:assert';
import { describeHunkReview } from '../../../src/agent/review/hunkReport';
import { hunksOf, placesInResult, withHunks } from '../../../src/agent/review/hunks';

const original = ['import a', 'const x = 1;', 'const y = 2;', 'keep', 'keep', 'function f() {', '  return x;', '}', ''].join('\n');
const proposed = ['import a', 'import b', 'const x = 10;', 'const y = 2;', 'keep', 'keep', 'function f() {', '  return x + y;', '}', ''].join('\n');

describe('the hunks of a proposal', () => {
  it('splits a proposal into its separate changes, numbered in file order', () => {
    const hunks = hunksOf(original, proposed);
    assert.equal(hunks.length, 2);
    assert.deepEqual(
      hunks.map((h) => [h.index, h.originalStart, h.removedLines, h.proposedStart, h.addedLines]),
      [
        [0, 2, 1, 2, 2],
        [1, 7, 1, 8, 1],
      ],
    );
    assert.equal(hunks[0].removed, 'const x = 1;\n');
    assert.equal(hunks[0].added, 'import b\nconst x = 10;\n');
    assert.equal(hunks[1].added, '  return x + y;\n');
  });

  it('gives the original with none kept, the proposal with all kept, and each mix exactly', () => {
    assert.equal(withHunks(original, proposed, () => false), original);
    assert.equal(withHunks(original, proposed, () => true), proposed);
    assert.equal(withHunks(original, proposed, (h) => h.index === 1), original.replace('  return x;', '  return x + y;'));
    assert.equal(withHunks(original, proposed, (h) => h.index === 0), proposed.replace('  return x + y;', '  return x;'));
  });

  it('keeps line endings and a missing final newline as they were', () => {
    const before = 'a\r\nb\r\nc';
    const after = 'A\r\nb\r\nc\r\nd';
    const hunks = hunksOf(before, after);
    assert.equal(hunks.length, 2);
    assert.equal(withHunks(before, after, () => false), before);
    assert.equal(withHunks(before, after, () => true), after);
    // Undoing the last hunk keeps the original's unterminated last line.
    assert.equal(withHunks(before, after, (h) => h.index === 0), 'A\r\nb\r\nc');
  });

  it('handles a new file, an emptied file, pure insertions and pure removals', () => {
    assert.deepEqual(
      hunksOf('', 'one\ntwo\n').map((h) => [h.originalStart, h.removedLines, h.addedLines]),
      [[1, 0, 2]],
    );
    assert.equal(withHunks('one\ntwo\n', '', () => false), 'one\ntwo\n');
    const inserted = hunksOf('a\nb\n', 'a\nnew\nb\n');
    assert.deepEqual([inserted[0].originalStart, inserted[0].removed, inserted[0].added], [2, '', 'new\n']);
    const removed = hunksOf('a\nold\nb\n', 'a\nb\n');
    assert.deepEqual([removed[0].proposedStart, removed[0].removed, removed[0].added], [2, 'old\n', '']);
  });

  it('says where each hunk lands in the file a choice gives', () => {
    const places = placesInResult(original, proposed, (h) => h.index === 1);
    assert.deepEqual(
      places.map((p) => [p.hunk.index, p.start, p.lines]),
      [
        [0, 2, 1],
        [1, 7, 1],
      ],
    );
  });
});

describe('what the model hears of a hunk-by-hunk review', () => {
  it('names the kept and undone changes, what stays in place of the undone one, and the file around each', () => {
    const written = withHunks(original, proposed, (h) => h.index !== 0);
    const report = describeHunkReview({ path: 'src/f.ts', original, proposed, written, undone: new Set([0]) });
    assert.match(report, /your 2 changes to src\/f\.ts one by one: kept 1 \(2\), undid 1 \(1\)\./);
    assert.match(report, /change 1, at line 2:\n {4}stays:\n {6}const x = 1;\n {4}instead of your:\n {6}import b\n {6}const x = 10;/);
    assert.match(report, /\n {3}7\t {2}return x \+ y;/);
    assert.doesNotMatch(report, /by hand/);
  });

  it("shows the person's own typing between the hunks as a diff, with the file's lines where they now are", () => {
    const kept = withHunks(original, proposed, () => true);
    // The person kept both changes and added a line of their own between them.
    const written = kept.replace('keep\nkeep\n', 'keep\n// mine\nkeep\n');
    const report = describeHunkReview({ path: 'src/f.ts', original, proposed, written, undone: new Set() });
    assert.match(report, /kept 2 \(1, 2\), undid none\./);
    assert.match(report, /edited the file by hand[^\n]*\n[\s\S]*\n\+\/\/ mine\n/);
    // The second change is one line further down than the agent's proposal put it.
    assert.match(report, /\n {3}9\t {2}return x \+ y;/);
  });
});
