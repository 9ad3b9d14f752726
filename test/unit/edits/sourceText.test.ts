import { strict as assert } from 'node:assert';
import { applySplices, lineAt, readSource } from '../../../src/agent/edits/sourceText';

describe('source text', () => {
  it('splits lines and records each ending, with no phantom line after a final newline', () => {
    const source = readSource('a\r\nb\nc');
    assert.deepEqual(source.lines, ['a', 'b', 'c']);
    assert.deepEqual(source.endings, ['\r\n', '\n', '']);
    assert.equal(source.text, 'a\nb\nc');
    assert.deepEqual(source.starts, [0, 2, 4]);
    assert.deepEqual(source.originalStarts, [0, 3, 5]);
    assert.deepEqual(readSource('x\n').lines, ['x']);
    assert.deepEqual(readSource('').lines, []);
  });

  it('finds the line that holds an offset', () => {
    const source = readSource('ab\ncd\nef\n');
    assert.deepEqual([0, 2, 3, 5, 6, 8].map((offset) => lineAt(source, offset)), [0, 0, 1, 1, 2, 2]);
  });

  it('copies untouched CRLF text byte for byte and gives new lines the CRLF of their line', () => {
    const source = readSource('one\r\ntwo\r\nthree\r\n');
    assert.equal(applySplices(source, [{ start: 4, end: 7, text: '2\n2b' }]), 'one\r\n2\r\n2b\r\nthree\r\n');
  });

  it('maps a splice that ends just past a CRLF to just past both characters', () => {
    const source = readSource('a\r\nb\r\n');
    assert.equal(applySplices(source, [{ start: 0, end: 4, text: 'z\n' }]), 'z\r\n');
  });

  it('applies several splices given in any order', () => {
    const source = readSource('a b c');
    assert.equal(applySplices(source, [{ start: 4, end: 5, text: 'C' }, { start: 0, end: 1, text: 'A' }]), 'A b C');
  });

  it('keeps a final newline, and its absence', () => {
    assert.equal(applySplices(readSource('a\nb\n'), [{ start: 2, end: 4, text: 'c' }]), 'a\nc\n');
    assert.equal(applySplices(readSource('a\r\nb\r\n'), [{ start: 2, end: 4, text: 'c' }]), 'a\r\nc\r\n');
    assert.equal(applySplices(readSource('a\nb'), [{ start: 2, end: 3, text: 'c\n' }]), 'a\nc');
  });

  it('uses the file\'s usual ending for text added to a last line that has none', () => {
    assert.equal(applySplices(readSource('a\r\nb\r\nc'), [{ start: 4, end: 5, text: 'c\nd' }]), 'a\r\nb\r\nc\r\nd');
  });
});
