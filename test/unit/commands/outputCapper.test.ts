import * as assert from 'node:assert/strict';
import { capOutput, cleanTerminalText, OutputCollector } from '../../../src/agent/commands/outputCapper';

const numbered = (count: number, width = 0) =>
  Array.from({ length: count }, (_, i) => `line ${i + 1}`.padEnd(width, '.') + '\n').join('');

function collect(text: string | Buffer, chunkSize: number, keepBytes?: number) {
  const collector = new OutputCollector(keepBytes);
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let at = 0; at < data.length; at += chunkSize) collector.push(data.subarray(at, at + chunkSize));
  return collector;
}

describe('output capping', () => {
  it('leaves output within the limits as it is', () => {
    const text = numbered(20);
    assert.equal(capOutput(text, { maxLines: 20, maxBytes: 1000 }), text);
  });

  it('keeps the first and last lines by line count and says how many it cut', () => {
    const capped = capOutput(numbered(1000), { maxLines: 100, maxBytes: 100_000 });
    const lines = capped.split('\n');
    assert.equal(lines[0], 'line 1');
    assert.equal(lines[39], 'line 40');
    assert.match(lines[40], /^\[… 900 lines \([0-9.]+ KB\) cut …\]$/);
    assert.equal(lines[41], 'line 941');
    assert.equal(lines[100], 'line 1000');
  });

  it('keeps within the byte limit when lines are long', () => {
    const capped = capOutput(numbered(200, 999), { maxLines: 250, maxBytes: 10_000 });
    const kept = capped.split('\n').filter((line) => line.startsWith('line '));
    assert.equal(kept.length, 10);
    assert.ok(kept[0].startsWith('line 1.'));
    assert.ok(kept[kept.length - 1].startsWith('line 200.'));
    assert.match(capped, /\[… 190 lines \(185\.5 KB\) cut …\]/);
    assert.ok(Buffer.byteLength(capped) <= 10_000 + 40);
  });

  it('cuts inside a single huge line, keeping both ends of it', () => {
    const line = 'a'.repeat(500_000) + 'END';
    const capped = capOutput('START' + line, { maxLines: 10, maxBytes: 1000 });
    assert.ok(capped.startsWith('STARTaaa'));
    assert.ok(capped.endsWith('aaaEND'));
    assert.match(capped, /of one line cut/);
    assert.ok(Buffer.byteLength(capped) < 1100);
  });

  it('never splits a multi-byte character at a cut', () => {
    const capped = capOutput('é'.repeat(10_000), { maxLines: 10, maxBytes: 1001 });
    assert.ok(!capped.includes('\uFFFD'));
    assert.match(capped.replace(/\n\[… .* cut …\]\n/, ''), /^é+$/);
  });

  it('streams 4 MB through a bounded collector and still counts every line cut', () => {
    const text = numbered(400_000);
    const collector = collect(text, 4093, 64 * 1024);
    assert.equal(collector.totalBytes, Buffer.byteLength(text));
    const captured = collector.finish();
    assert.ok(captured.head.length + captured.tail.length <= 2 * 64 * 1024);
    const capped = capOutput(captured, { maxLines: 250, maxBytes: 16 * 1024 });
    assert.ok(capped.startsWith('line 1\nline 2\n'));
    assert.ok(capped.endsWith('line 399999\nline 400000\n'));
    assert.match(capped, /\[… 399,750 lines \(/);
  });

  it('gives back everything when the stream fits the collector, chunked or not', () => {
    // 51 KB: more than the head keeps, less than head and tail together.
    const text = 'naïve 😀 text\n'.repeat(3000);
    for (const chunkSize of [1, 7, 1 << 20]) {
      const captured = collect(text, chunkSize, 32 * 1024).finish();
      assert.equal(captured.omittedBytes, 0);
      assert.equal(captured.head, text);
    }
  });

  it('cuts the collector on character boundaries', () => {
    const captured = collect(Buffer.from('😀'.repeat(100_000)), 1001, 1001).finish();
    assert.ok(!captured.head.includes('\uFFFD') && !captured.tail.includes('\uFFFD'));
    assert.equal(captured.omittedBytes, 400_000 - Buffer.byteLength(captured.head) - Buffer.byteLength(captured.tail));
  });

  it('drops colour codes and keeps the last state of a line redrawn with \\r', () => {
    assert.equal(cleanTerminalText('\u001b[32mok\u001b[0m 3 passed\r\n'), 'ok 3 passed\n');
    assert.equal(cleanTerminalText('progress 10%\rprogress 50%\rprogress 100%\ndone'), 'progress 100%\ndone');
  });

  it("drops spinner frames (npm's braille dots, redrawn at column 1) and keeps the output around them", () => {
    const npm = '\u001b[1G\u280b\u001b[0K\u001b[1G\u2819\u001b[0K\u001b[1G\u001b[0K\nadded 3 packages in 2s\n';
    assert.equal(cleanTerminalText(npm), 'added 3 packages in 2s\n');
    assert.equal(cleanTerminalText('\u2839 Building\r\u2838 Building\r\u2714 Built in 3s\n'), '\u2714 Built in 3s\n');
    assert.equal(cleanTerminalText('\u2819\n\u2839\nok\n'), 'ok\n');
    assert.equal(cleanTerminalText('\u2819 fetching\nok\n'), 'fetching\nok\n');
  });

  it('keeps braille that is part of the output, and empty lines', () => {
    const text = 'a chart: \u28c0\u28e4\u28ff\n\nend\n';
    assert.equal(cleanTerminalText(text), text);
  });
});
