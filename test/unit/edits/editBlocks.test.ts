// The bench's readers of the peers' SEARCH/REPLACE formats.
import { strict as assert } from 'node:assert';
import { MarkerSyntaxError, parseClineBlocks, parseRooBlocks } from '../../../bench/editBlocks';

describe('SEARCH/REPLACE blocks as edits', () => {
  it('reads Cline blocks, any marker length, as whole-line edits in order', () => {
    const edits = parseClineBlocks('------- SEARCH\na\n=======\nb\n+++++++ REPLACE\n\n----- SEARCH\nc\n=====\n+++++++ REPLACE');
    assert.deepEqual(edits, [{ oldString: 'a\n', newString: 'b\n' }, { oldString: 'c\n', newString: '' }]);
  });

  it('closes a final Cline block that lacks its REPLACE marker', () => {
    assert.deepEqual(parseClineBlocks('------- SEARCH\nx\n=======\ny\n'), [{ oldString: 'x\n', newString: 'y\n' }]);
  });

  it('rejects malformed Cline markers', () => {
    assert.throws(() => parseClineBlocks('-------SEARCH\nx\n=======\ny\n+++++++ REPLACE'), MarkerSyntaxError);
    assert.throws(() => parseClineBlocks('------- SEARCH\nx\n+++++++ REPLACE'), MarkerSyntaxError);
  });

  it('reads Roo blocks after a file name, skipping line hints and the header\'s blank lines', () => {
    const diff = 'a.ts\n<<<<<<< SEARCH\n:start_line:3\n-------\n\nold\n=======\n   \nnew\n>>>>>>> REPLACE';
    assert.deepEqual(parseRooBlocks(diff), [{ oldString: 'old\n', newString: 'new\n' }]);
  });

  it('rejects Roo text without a complete block', () => {
    assert.throws(() => parseRooBlocks('Invalid diff format'), MarkerSyntaxError);
    assert.throws(() => parseRooBlocks('<<<<<<< SEARCH\nx\n=======\ny'), MarkerSyntaxError);
  });
});
