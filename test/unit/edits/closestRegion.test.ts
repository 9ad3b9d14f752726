import { strict as assert } from 'node:assert';
import { closestRegion, describeRegion } from '../../../src/agent/edits/closestRegion';
import { readSource } from '../../../src/agent/edits/sourceText';

const FILE = ['import x', '', 'function area(w, h) {', '  const size = w * h;', '  return size;', '}', '', 'export default area;'].join('\n');

describe('closest region', () => {
  it('finds the lines that share the most text with old_string', () => {
    const region = closestRegion(readSource(FILE), 'function area(w, h) {\n  const size = w + h;\n  return size;\n}');
    assert.deepEqual(region, { first: 2, count: 4, oldFirst: 0 });
  });

  it('falls back to the line most like old_string when no line matches outright', () => {
    const region = closestRegion(readSource(FILE), '  const sizes = w * h');
    assert.deepEqual(region, { first: 3, count: 1, oldFirst: 0 });
  });

  it('finds nothing when nothing is alike', () => {
    assert.equal(closestRegion(readSource(FILE), 'qqqq zzzz'), undefined);
    assert.equal(closestRegion(readSource(''), 'anything'), undefined);
  });

  it('ignores lines too common to place old_string, and cuts the region at the end of the file', () => {
    const many = `${'}\n'.repeat(100)}unique line\n`;
    assert.deepEqual(closestRegion(readSource(many), 'unique line!\n}'), { first: 100, count: 1, oldFirst: 0 });
  });

  it('lines old_string up with the top of the file when it starts before it', () => {
    assert.deepEqual(closestRegion(readSource('b = 2\nc = 3\n'), 'a = 1\nb = 2\nc = 3'), { first: 0, count: 2, oldFirst: 1 });
  });

  it('numbers the lines and names the first difference', () => {
    const source = readSource(FILE);
    const text = describeRegion(source, { first: 2, count: 2, oldFirst: 0 }, 'function area(w, h) {\n  const size = w + h;');
    assert.equal(text, [
      'The closest text in the file is at lines 3-4:',
      '3 | function area(w, h) {',
      '4 |   const size = w * h;',
      'First difference at line 4: the file has "  const size = w * h;"; old_string has "  const size = w + h;".',
    ].join('\n'));
  });

  it('says when the difference is only whitespace, and cuts long listings short', () => {
    const long = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    const text = describeRegion(readSource(long), { first: 0, count: 40, oldFirst: 0 }, 'line  0');
    assert.match(text, /differ only in whitespace/);
    assert.match(text, /\.\.\. \(10 more lines\)/);
  });
});
