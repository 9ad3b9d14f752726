// Deciding a proposal hunk by hunk while the person may type in it: keep and undo follow the
// text the editor shows, undo puts back exactly the original's text, and the review settles
// once every change is kept or none is left.
import { strict as assert } from 'node:assert';
import { HunkDecisions, hunkAtLine, nextHunk, undoEdit } from '../../../src/agent/review/hunkDecisions';
import { withHunks } from '../../../src/agent/review/hunks';

const original = ['one', 'two', 'three', 'four', 'five', ''].join('\n');
const proposed = ['one', 'TWO', 'three', 'four', 'FIVE', 'six', ''].join('\n');

function undone(current: string, decisions: HunkDecisions, index: number): string {
  const hunk = decisions.hunks(current)[index];
  decisions.undo(hunk);
  const edit = undoEdit(current, hunk);
  return current.slice(0, edit.start) + edit.text + current.slice(edit.end);
}

describe('deciding a proposal hunk by hunk', () => {
  it('is open until a change is decided, kept once every change is kept', () => {
    const decisions = new HunkDecisions(original, proposed);
    assert.equal(decisions.state(proposed), 'open');
    assert.equal(decisions.reviewed, false);
    const [first, second] = decisions.hunks(proposed);
    decisions.keep(first);
    assert.equal(decisions.isKept(first), true);
    assert.equal(decisions.isKept(second), false);
    assert.equal(decisions.state(proposed), 'open');
    decisions.keep(second);
    assert.equal(decisions.state(proposed), 'kept');
    assert.equal(decisions.reviewed, true);
    assert.deepEqual(decisions.undone(), []);
  });

  it('undoes a change to exactly the original text and counts it by its index in the proposal', () => {
    const decisions = new HunkDecisions(original, proposed);
    const afterUndo = undone(proposed, decisions, 1);
    assert.equal(afterUndo, withHunks(original, proposed, (h) => h.index === 0));
    assert.deepEqual(decisions.undone(), [1]);
    // The other change is still there, undecided; keeping it settles the review.
    const [left] = decisions.hunks(afterUndo);
    assert.equal(decisions.state(afterUndo), 'open');
    decisions.keep(left);
    assert.equal(decisions.state(afterUndo), 'kept');
  });

  it('settles as undone when every change was undone, the text back to the original', () => {
    const decisions = new HunkDecisions(original, proposed);
    const text = undone(undone(proposed, decisions, 1), decisions, 0);
    assert.equal(text, original);
    assert.equal(decisions.state(text), 'undone');
    assert.deepEqual(decisions.undone(), [0, 1]);
  });

  it("follows the person's typing: a change of their own is asked about, and undoing it counts no change of the agent's", () => {
    const decisions = new HunkDecisions(original, proposed);
    const typed = proposed.replace('four', 'FOUR!');
    const hunks = decisions.hunks(typed);
    // Their line joins the agent's change below it (the diff has no context lines).
    assert.equal(hunks.length, 2);
    decisions.keep(hunks[0]);
    const afterUndo = undone(typed, decisions, 1);
    assert.equal(afterUndo, withHunks(original, proposed, (h) => h.index === 0));
    assert.deepEqual(decisions.undone(), [], 'the joined change does not stand at the agent\'s place');
    assert.equal(decisions.state(afterUndo), 'kept');
  });

  it('asks again about a kept change the person then types in', () => {
    const decisions = new HunkDecisions(original, proposed);
    const [first] = decisions.hunks(proposed);
    decisions.keep(first);
    const typed = proposed.replace('TWO', 'TWO, edited');
    assert.equal(decisions.isKept(decisions.hunks(typed)[0]), false);
  });

  it('undoes insertions, removals, and a last line without a newline', () => {
    for (const [before, after] of [
      ['a\nb\n', 'a\nnew\nb\n'],
      ['a\nold\nb\n', 'a\nb\n'],
      ['a\r\nb\r\nc', 'A\r\nb\r\nc\r\nd'],
      ['', 'one\ntwo\n'],
    ]) {
      const decisions = new HunkDecisions(before, after);
      let text = after;
      while (decisions.hunks(text).length) text = undone(text, decisions, 0);
      assert.equal(text, before, JSON.stringify([before, after]));
    }
  });

  it('finds the change at a line and the next one below, wrapping round', () => {
    const hunks = new HunkDecisions(original, proposed).hunks(proposed);
    assert.equal(hunkAtLine(hunks, 2)?.index, 0);
    assert.equal(hunkAtLine(hunks, 3), undefined);
    assert.equal(hunkAtLine(hunks, 6)?.index, 1);
    assert.equal(nextHunk(hunks, 1)?.index, 0);
    assert.equal(nextHunk(hunks, 2)?.index, 1);
    assert.equal(nextHunk(hunks, 5)?.index, 0);
    assert.equal(nextHunk([], 1), undefined);
  });
});
