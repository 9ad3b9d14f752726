import { strict as assert } from 'node:assert';
import { findElided, isElisionMarker, splitAtMarkers } from '../../../src/agent/edits/elision';
import { applySplices, readSource } from '../../../src/agent/edits/sourceText';

function edit(content: string, oldString: string, newString: string): string[] | string {
  const source = readSource(content);
  const found = findElided(source, oldString, newString);
  return typeof found === 'string' ? found : found.map((match) => applySplices(source, match.splices));
}

describe('elision', () => {
  it('recognises bare dots and commented "existing code" markers', () => {
    for (const line of ['...', '    ...', '\u2026', '// ...', '// ... existing code ...', '# ... rest of the function', '/* ... */', '<!-- ... -->', '{/* ... */}']) {
      assert.ok(isElisionMarker(line), line);
    }
  });

  it('does not take code for a marker', () => {
    for (const line of ['...args,', '  ...state,', 'foo(...)', '// see ... below for details, (c)2024!', 'x = ...', '....']) {
      assert.ok(!isElisionMarker(line), line);
    }
  });

  it('splits at markers, treating a run of markers as one gap', () => {
    assert.deepEqual(splitAtMarkers(['a', '...', '// ...', 'b']), [['a'], ['b']]);
    assert.deepEqual(splitAtMarkers(['...', 'a']), [[], ['a']]);
    assert.deepEqual(splitAtMarkers(['a', '', '...', '', 'b']), [['a'], ['b']]);
  });

  it('keeps the elided lines between the pieces', () => {
    assert.deepEqual(edit('f {\n  a\n  b\n  c\n}\n', 'f {\n...\n  c\n}\n', 'g {\n...\n  c2\n}\n'), ['g {\n  a\n  b\n  c2\n}\n']);
  });

  it('fits each piece to the indentation it matched', () => {
    assert.deepEqual(edit('  if x:\n      a\n      b\n', 'if x:\n  ...\n    b\n', 'if y:\n  ...\n    b2\n'), ['  if y:\n      a\n      b2\n']);
  });

  it('refuses when new_string marks a different number of gaps', () => {
    const result = edit('a\nb\nc\n', 'a\n...\nc\n', 'a\nc2\n');
    assert.equal(typeof result, 'string');
    assert.match(result as string, /in 1 place but new_string does so in 0/);
  });

  it('matches nothing without a marker or when a piece is missing', () => {
    assert.deepEqual(edit('a\nb\n', 'a\nb\n', 'x\n'), []);
    assert.deepEqual(edit('a\nb\n', 'a\n...\nz\n', 'a\n...\nq\n'), []);
  });

  it('finds every complete match for replace_all', () => {
    assert.equal((edit('s\n1\ne\ns\n2\ne\n', 's\n...\ne\n', 'S\n...\nE\n') as string[]).length, 2);
  });
});
