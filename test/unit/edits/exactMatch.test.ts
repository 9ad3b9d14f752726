import { strict as assert } from 'node:assert';
import { findExact, findFolded, occurrences } from '../../../src/agent/edits/exactMatch';
import { applySplices, readSource } from '../../../src/agent/edits/sourceText';

describe('exact and folded matching', () => {
  it('counts occurrences without overlap', () => {
    assert.deepEqual(occurrences('aaaa', 'aa'), [0, 2]);
    assert.deepEqual(occurrences('abc', ''), []);
    assert.deepEqual(occurrences('x.y', '.'), [1]);
  });

  it('reports the line each exact match starts on', () => {
    assert.deepEqual(findExact(readSource('a\nb\na\n'), 'a', 'z').map((match) => match.line), [1, 3]);
  });

  it('treats regular-expression and replacement characters literally', () => {
    const source = readSource('cost: $1 (a+b)*\n');
    const [match] = findExact(source, '$1 (a+b)*', '$& $$');
    assert.equal(applySplices(source, match.splices), 'cost: $& $$\n');
  });

  it('folds typographic quotes on either side and keeps the file\'s quotes where the text is unchanged', () => {
    const source = readSource('say(\u201chello\u201d)\n');
    const [match] = findFolded(source, 'say("hello")', 'say("hello there")');
    assert.equal(applySplices(source, match.splices), 'say(\u201chello there\u201d)\n');
    assert.equal(findFolded(readSource("it's\n"), 'it\u2019s', 'it is').length, 1);
  });

  it('does nothing when neither side has typographic characters', () => {
    assert.deepEqual(findFolded(readSource('plain text\n'), 'plain', 'x'), []);
  });
});
