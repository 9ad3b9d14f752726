import { strict as assert } from 'node:assert';
import { SNIFF_BYTES, convertLineEndings, countLines, decodeText, detectLineEnding, encodeText, splitLines, withBom } from '../../../src/agent/workspace/text';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

function decodedText(input: Uint8Array) {
  const decoded = decodeText(input);
  assert.equal(decoded.kind, 'text');
  return decoded as Extract<typeof decoded, { kind: 'text' }>;
}

describe('decodeText', () => {
  it('decodes UTF-8 without a BOM', () => {
    assert.deepEqual(decodeText(utf8('héllo\n')), { kind: 'text', text: 'héllo\n', bom: false, lossy: false });
  });

  it('removes a BOM and remembers it, so encoding gives back the same bytes', () => {
    const original = bytes(0xef, 0xbb, 0xbf, 0x61, 0x0a);
    const decoded = decodedText(original);
    assert.equal(decoded.text, 'a\n');
    assert.equal(decoded.bom, true);
    assert.deepEqual(encodeText(withBom(decoded.text, decoded.bom)), original);
  });

  it('calls a file with a NUL byte near the start binary', () => {
    const decoded = decodeText(bytes(0x50, 0x4b, 0x03, 0x04, 0x00, 0x00));
    assert.deepEqual(decoded, { kind: 'binary', reason: 'it contains NUL bytes' });
  });

  it('calls UTF-16 text binary and says why', () => {
    const decoded = decodeText(bytes(0xff, 0xfe, 0x61, 0x00));
    assert.equal(decoded.kind, 'binary');
    assert.match(decoded.kind === 'binary' ? decoded.reason : '', /UTF-16/);
  });

  it('calls invalid UTF-8 near the start binary', () => {
    assert.equal(decodeText(bytes(0x61, 0xc3, 0x28, 0x62)).kind, 'binary');
  });

  it('keeps a file with invalid UTF-8 after the sniffed start as text, marked lossy', () => {
    const input = new Uint8Array(SNIFF_BYTES + 10).fill(0x61);
    input[SNIFF_BYTES + 5] = 0xff;
    const decoded = decodedText(input);
    assert.equal(decoded.lossy, true);
    assert.ok(decoded.text.includes('\uFFFD'));
  });

  it('does not mistake a character cut by the sniff limit for invalid UTF-8', () => {
    const text = 'a'.repeat(SNIFF_BYTES - 1) + 'é' + 'b';
    assert.equal(decodedText(utf8(text)).text, text);
  });
});

describe('line endings and lines', () => {
  it('detects the dominant line ending', () => {
    assert.equal(detectLineEnding('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectLineEnding('a\nb\r\nc\n'), '\n');
    assert.equal(detectLineEnding('one line'), '\n');
  });

  it('converts line endings both ways without doubling CRs', () => {
    assert.equal(convertLineEndings('a\nb\r\nc', '\r\n'), 'a\r\nb\r\nc');
    assert.equal(convertLineEndings('a\r\nb\n', '\n'), 'a\nb\n');
  });

  it('splits and counts lines, with or without a final newline', () => {
    assert.deepEqual(splitLines('a\r\nb\r\n'), ['a', 'b']);
    assert.deepEqual(splitLines('a\nb'), ['a', 'b']);
    assert.deepEqual(splitLines(''), []);
    assert.equal(countLines('a\nb'), 2);
    assert.equal(countLines('a\nb\n'), 2);
    assert.equal(countLines('\n'), 1);
    assert.equal(countLines(''), 0);
  });
});
