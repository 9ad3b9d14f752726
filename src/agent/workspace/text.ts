// Bytes <-> text for the file tools. Files are UTF-8, with or without a byte-order mark; an edit
// must give back the bytes it was given wherever it changed nothing, so the BOM is remembered
// rather than dropped, and a file that is not valid UTF-8 is flagged instead of silently
// rewritten with replacement characters.

export const BOM = '\uFEFF';

/** How much of a file is sniffed for binary content, as git and ripgrep do. */
export const SNIFF_BYTES = 8192;

export type DecodedText =
  | {
      kind: 'text';
      /** The text without its BOM. */
      text: string;
      bom: boolean;
      /** Invalid UTF-8 past the sniffed start was replaced with U+FFFD: writing it back would corrupt it. */
      lossy: boolean;
    }
  | { kind: 'binary'; reason: string };

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { kind: 'binary', reason: 'it is UTF-16 encoded (only UTF-8 text is supported)' };
  }
  const sniffed = bytes.subarray(0, SNIFF_BYTES);
  if (sniffed.includes(0)) return { kind: 'binary', reason: 'it contains NUL bytes' };
  if (!isValidUtf8(sniffed.subarray(0, completeSequencesEnd(sniffed, bytes.length > SNIFF_BYTES)))) {
    return { kind: 'binary', reason: 'it is not valid UTF-8' };
  }
  const bom = hasUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { kind: 'text', text: strictDecoder.decode(body), bom, lossy: false };
  } catch {
    return { kind: 'text', text: lenientDecoder.decode(body), bom, lossy: true };
  }
}

/** The text as a proposal carries it: the BOM, when the file has one, stays as a leading U+FEFF. */
export function withBom(text: string, bom: boolean): string {
  return bom && !text.startsWith(BOM) ? BOM + text : text;
}

/** Encodes a proposal's text; a leading U+FEFF becomes the UTF-8 BOM. */
export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The file's dominant line ending; files with none (one line) count as LF. */
export function detectLineEnding(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (at > 0 && text.charCodeAt(at - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function convertLineEndings(text: string, eol: '\n' | '\r\n'): string {
  const lf = text.replace(/\r\n/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/** Lines in the text; a final newline does not start another. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return text.endsWith('\n') ? count : count + 1;
}

/** Splits text into lines without their terminators; a final newline does not start a line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/** A cut at the sniff limit can split a multi-byte character: stop before that character. */
function completeSequencesEnd(sniffed: Uint8Array, cutShort: boolean): number {
  if (!cutShort) return sniffed.length;
  let end = sniffed.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sniffed[end - back];
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (needed > back) end -= back;
      break;
    }
  }
  return end;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
