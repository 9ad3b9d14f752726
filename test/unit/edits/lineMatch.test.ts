import { strict as assert } from 'node:assert';
import { findByLines, findWindows, newLinesFor, splitEditLines } from '../../../src/agent/edits/lineMatch';
import { applySplices, readSource } from '../../../src/agent/edits/sourceText';

function edit(content: string, oldString: string, newString: string, key: 'trimmed' | 'normalised' = 'trimmed'): string[] {
  const source = readSource(content);
  return findByLines(source, oldString, newString, key).map((match) => applySplices(source, match.splices));
}

describe('line matching', () => {
  it('finds non-overlapping windows, from a line on and up to a limit', () => {
    const keys = ['a', 'a', 'a', 'b', 'a', 'a'];
    assert.deepEqual(findWindows(keys, ['a', 'a']), [0, 4]);
    assert.deepEqual(findWindows(keys, ['a', 'a'], 1), [1, 4]);
    assert.deepEqual(findWindows(keys, ['a'], 0, 2), [0, 1]);
    assert.deepEqual(findWindows(keys, ['c']), []);
  });

  it('remembers a final newline instead of keeping an empty last line', () => {
    assert.deepEqual(splitEditLines('a\nb\n'), { lines: ['a', 'b'], trailingNewline: true });
    assert.deepEqual(splitEditLines('a'), { lines: ['a'], trailingNewline: false });
  });

  it('deletes whole lines when new_string is empty and old_string ended its last line', () => {
    assert.equal(newLinesFor(splitEditLines('a\n'), splitEditLines('')), null);
    assert.deepEqual(newLinesFor(splitEditLines('a'), splitEditLines('')), ['']);
    assert.deepEqual(newLinesFor(splitEditLines('a'), splitEditLines('b\n')), ['b', '']);
  });

  it('matches lines whose indentation and trailing spaces differ, re-indenting new_string', () => {
    assert.deepEqual(edit('  if (a) {  \n    b();\n  }\n', 'if (a) {\n  b();\n}', 'if (a) {\n  c();\n}'), ['  if (a) {\n    c();\n  }\n']);
  });

  it('does not match lines that differ inside under the trimmed key, but does under the normalised one', () => {
    assert.deepEqual(edit('let  x =  1;\n', 'let x = 1;', 'let x = 2;'), []);
    assert.deepEqual(edit('let  x =  \u201c1\u201d;\n', 'let x = "1";', 'let x = 2;', 'normalised'), ['let x = 2;\n']);
  });

  it('returns every place a block matches', () => {
    assert.equal(edit('  a\n  b\n    a\n    b\n', 'a\nb', 'c').length, 2);
  });

  it('deletes a last line that has no newline together with the newline before it', () => {
    assert.deepEqual(edit('keep\n  drop', 'drop\n', ''), ['keep']);
  });

  it('forgives blank lines the model put around old_string, and drops the matching ones from new_string', () => {
    assert.deepEqual(edit('  a\n  b\n', '\na\n\n', '\nz\n\n'), ['  z\n  b\n']);
  });

  it('never matches an old_string of blank lines', () => {
    assert.deepEqual(edit('a\n\n\nb\n', '  \n \n', 'x'), []);
  });
});
