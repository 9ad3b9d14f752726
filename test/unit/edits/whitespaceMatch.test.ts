import { strict as assert } from 'node:assert';
import { applySplices, readSource } from '../../../src/agent/edits/sourceText';
import { findIgnoringWhitespace } from '../../../src/agent/edits/whitespaceMatch';

function edit(content: string, oldString: string, newString: string): string[] {
  const source = readSource(content);
  return findIgnoringWhitespace(source, oldString, newString).map((match) => applySplices(source, match.splices));
}

describe('whitespace-blind matching', () => {
  it('matches code the model compacted onto one line', () => {
    assert.deepEqual(edit('f() {\n  return 1;\n}\n', 'f(){ return 1; }', 'f() { return 2; }'), ['f() { return 2; }\n']);
  });

  it('matches code the model spread over several lines', () => {
    assert.deepEqual(edit('call(a, b);\n', 'call(\n  a,\n  b\n);', 'call(a);'), ['call(a);\n']);
  });

  it('keeps the file\'s indentation and newline around the match instead of doubling them', () => {
    assert.deepEqual(edit('x\n    total=a+b\ny\n', '    total = a + b\n', '    total = a + b + c\n'), ['x\n    total = a + b + c\ny\n']);
  });

  it('indents later lines of new_string like the line the match starts on', () => {
    assert.deepEqual(edit('\tif(a){b();}\n', 'if (a) { b(); }', 'if (a) {\n\tb();\n}'), ['\tif (a) {\n\t\tb();\n\t}\n']);
  });

  it('does not treat different characters as a whitespace difference', () => {
    assert.deepEqual(edit('compute(a, b)\n', 'compute(a, c)', 'x'), []);
  });

  it('does not match across the middle of a word', () => {
    assert.deepEqual(edit('const table = 1;\n', 'a b', 'x'), []);
    assert.deepEqual(edit('const table = 1;\n', 'ta ble', 'desk'), ['const desk = 1;\n']);
  });

  it('matches nothing for an old_string made only of whitespace', () => {
    assert.deepEqual(edit('a b\n', ' \n ', 'x'), []);
  });
});
