import * as assert from 'node:assert/strict';
import { changedStretch } from '../../../src/host/review/changedStretch';

function applied(before: string, after: string): string {
  const stretch = changedStretch(before, after);
  assert.ok(stretch, 'no stretch for different texts');
  return before.slice(0, stretch.start) + stretch.text + before.slice(stretch.end);
}

/** Both bounds at the start of a line of the text before. */
function onLineStarts(before: string, after: string): boolean {
  const { start, end } = changedStretch(before, after)!;
  return [start, end].every((offset) => offset === 0 || offset === before.length || before[offset - 1] === '\n');
}

describe('the stretch an accepted edit replaces', () => {
  const cases: Array<[string, string, string]> = [
    ['one changed line in the middle', 'a\nb\nc\n', 'a\nB\nc\n'],
    ['lines added at the end', 'a\nb\n', 'a\nb\nc\nd\n'],
    ['lines removed at the start', 'a\nb\nc\n', 'c\n'],
    ['a file that starts with an empty line', '\nx\n', '\ny\n'],
    ['a line added above a leading empty line', '\nx\n', 'top\n\nx\n'],
    ['an empty file filled', '', 'hello\n'],
    ['everything removed', 'a\nb\n', ''],
    ['CRLF line endings', 'a\r\nb\r\nc\r\n', 'a\r\nb2\r\nc\r\n'],
    ['a line ending changed from CRLF to LF', 'a\r\nb\r\n', 'a\nb\r\n'],
    ['a surrogate pair changed', 'x 😀\ny\n', 'x 😁\ny\n'],
    ['no newline at the end', 'a\nb', 'a\nbc'],
    ['the same text repeated', 'x\nx\nx\n', 'x\nx\nx\nx\n'],
  ];
  for (const [name, before, after] of cases) {
    it(`gives the text after, on whole lines: ${name}`, () => {
      assert.equal(applied(before, after), after);
      assert.ok(onLineStarts(before, after), 'a bound falls inside a line');
    });
  }

  it('replaces only the lines that differ', () => {
    const before = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = before.replace('line 500\n', 'line five hundred\n');
    const stretch = changedStretch(before, after)!;
    assert.equal(before.slice(stretch.start, stretch.end), 'line 500\n');
    assert.equal(stretch.text, 'line five hundred\n');
  });

  it('is undefined when nothing changed', () => {
    assert.equal(changedStretch('same\n', 'same\n'), undefined);
  });
});
