// A command can print gigabytes; the model needs the start (what ran) and the end (the summary,
// the error). The collector keeps a bounded head and tail of the raw stream and counts the rest;
// `capOutput` then cuts that to the limits by lines and bytes and says how much it left out.
import { stripVTControlCharacters } from 'node:util';
import { formatBytes } from '../tools/fileDisplay';

export interface OutputLimits {
  maxLines: number;
  maxBytes: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = { maxLines: 250, maxBytes: 16 * 1024 };

/** What the collector kept: all of it in `head`, or a head and a tail with a counted gap between. */
export interface CapturedOutput {
  head: string;
  tail: string;
  omittedBytes: number;
  omittedLines: number;
}

const NEWLINE = 0x0a;

export class OutputCollector {
  private readonly head: Buffer;
  private headLength = 0;
  private tail: Buffer[] = [];
  private tailLength = 0;
  private total = 0;
  private newlines = 0;

  /** `keepBytes` of the head and as many of the tail; keep it well above the caps' byte limit. */
  constructor(private readonly keepBytes = 64 * 1024) {
    this.head = Buffer.alloc(keepBytes);
  }

  get totalBytes(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.newlines += countNewlines(chunk);
    const intoHead = Math.min(chunk.length, this.keepBytes - this.headLength);
    chunk.copy(this.head, this.headLength, 0, intoHead);
    this.headLength += intoHead;
    if (intoHead === chunk.length) return;
    this.tail.push(chunk.subarray(intoHead));
    this.tailLength += chunk.length - intoHead;
    while (this.tail.length > 1 && this.tailLength - this.tail[0].length >= this.keepBytes) {
      this.tailLength -= this.tail.shift()!.length;
    }
  }

  finish(): CapturedOutput {
    let tail = Buffer.concat(this.tail);
    const omitted = this.total - this.headLength - tail.length;
    if (omitted === 0) return { head: cleanTerminalText(Buffer.concat([this.head.subarray(0, this.headLength), tail]).toString('utf8')), tail: '', omittedBytes: 0, omittedLines: 0 };
    // Cut both sides on character boundaries so no half character turns into U+FFFD.
    const head = wholeCharacters(this.head.subarray(0, this.headLength));
    let tailStart = Math.max(0, tail.length - this.keepBytes);
    while (tailStart < tail.length && isContinuationByte(tail[tailStart])) tailStart++;
    tail = tail.subarray(tailStart);
    return {
      head: cleanTerminalText(head.toString('utf8')),
      tail: cleanTerminalText(tail.toString('utf8')),
      omittedBytes: this.total - head.length - tail.length,
      omittedLines: this.newlines - countNewlines(head) - countNewlines(tail),
    };
  }
}

/** The output as the model should read it: within the limits, with a line saying what was cut. */
export function capOutput(captured: CapturedOutput | string, limits: OutputLimits = DEFAULT_OUTPUT_LIMITS): string {
  const parts = typeof captured === 'string' ? { head: captured, tail: '', omittedBytes: 0, omittedLines: 0 } : captured;
  const whole = parts.omittedBytes === 0 ? parts.head + parts.tail : undefined;
  if (whole !== undefined && Buffer.byteLength(whole) <= limits.maxBytes && lineCount(whole) <= limits.maxLines) return whole;

  // The end usually says what happened (the failing test, the summary): it gets the larger share.
  const headBudget = { lines: Math.floor(limits.maxLines * 0.4), bytes: Math.floor(limits.maxBytes * 0.4) };
  const tailBudget = { lines: limits.maxLines - headBudget.lines, bytes: limits.maxBytes - headBudget.bytes };
  const head = takeHead(whole ?? parts.head, headBudget.lines, headBudget.bytes);
  const tail = takeTail(whole ?? parts.tail, tailBudget.lines, tailBudget.bytes);
  const totalBytes = whole !== undefined ? Buffer.byteLength(whole) : Buffer.byteLength(parts.head) + parts.omittedBytes + Buffer.byteLength(parts.tail);
  const totalNewlines = whole !== undefined ? countNewlines(whole) : countNewlines(parts.head) + parts.omittedLines + countNewlines(parts.tail);
  const cutBytes = totalBytes - Buffer.byteLength(head) - Buffer.byteLength(tail);
  const cutLines = totalNewlines - countNewlines(head) - countNewlines(tail);
  const what = cutLines > 0 ? `${cutLines.toLocaleString('en-US')} lines (${formatBytes(cutBytes)})` : `${formatBytes(cutBytes)} of one line`;
  return `${head}${head.endsWith('\n') ? '' : '\n'}[… ${what} cut …]\n${tail}`;
}

/** Colours and cursor codes cost tokens and mean nothing to the model; `\r` redraws keep the last state. */
export function cleanTerminalText(text: string): string {
  const lines = stripVTControlCharacters(text.replace(TO_FIRST_COLUMN, '\r')).split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    const shown = body.slice(body.lastIndexOf('\r') + 1);
    const kept = shown.replace(SPINNER_FRAME, '');
    // A line that was nothing but a spinner is no line at all.
    if (kept === '' && shown !== '') continue;
    out.push(kept);
  }
  return out.join('\n');
}

/** "Cursor to column 1" (ESC[G, ESC[1G), as npm moves back to redraw its spinner: a carriage return. */
const TO_FIRST_COLUMN = /\x1b\[[01]?G/g;
/** A spinner frame (npm's "⠙", ora's dots) left at the start of a line: braille cells and the space after. */
const SPINNER_FRAME = /^[\u2801-\u28ff]+(?:\s+|$)/;

function takeHead(text: string, maxLines: number, maxBytes: number): string {
  let kept = '';
  let bytes = 0;
  let lines = 0;
  for (const line of text.split(/(?<=\n)/)) {
    if (lines >= maxLines) break;
    const size = Buffer.byteLength(line);
    // Cut inside a line only when not even one whole line fits (minified or binary output).
    if (bytes + size > maxBytes) return kept === '' ? truncateBytes(line, maxBytes, 'start') : kept;
    kept += line;
    bytes += size;
    lines++;
  }
  return kept;
}

function takeTail(text: string, maxLines: number, maxBytes: number): string {
  const all = text.split(/(?<=\n)/);
  let kept = '';
  let bytes = 0;
  let lines = 0;
  for (let i = all.length - 1; i >= 0 && lines < maxLines; i--) {
    const size = Buffer.byteLength(all[i]);
    if (bytes + size > maxBytes) return kept === '' ? truncateBytes(all[i], maxBytes, 'end') : kept;
    kept = all[i] + kept;
    bytes += size;
    // A last line without a newline still counts as a line.
    if (all[i] !== '') lines++;
  }
  return kept;
}

function truncateBytes(line: string, bytes: number, keep: 'start' | 'end'): string {
  const buffer = Buffer.from(line);
  if (keep === 'start') {
    let end = bytes;
    while (end > 0 && isContinuationByte(buffer[end])) end--;
    return buffer.subarray(0, end).toString('utf8');
  }
  let start = buffer.length - bytes;
  while (start < buffer.length && isContinuationByte(buffer[start])) start++;
  return buffer.subarray(start).toString('utf8');
}

/** `buffer` without a character cut off at its end. */
function wholeCharacters(buffer: Buffer): Buffer {
  let lead = buffer.length - 1;
  while (lead > 0 && buffer.length - lead < 4 && isContinuationByte(buffer[lead])) lead--;
  const byte = buffer[lead];
  const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + size <= buffer.length ? buffer : buffer.subarray(0, lead);
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function countNewlines(data: Buffer | string): number {
  let count = 0;
  if (typeof data === 'string') {
    for (let at = data.indexOf('\n'); at >= 0; at = data.indexOf('\n', at + 1)) count++;
    return count;
  }
  for (let at = data.indexOf(NEWLINE); at >= 0; at = data.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

function lineCount(text: string): number {
  return text === '' ? 0 : countNewlines(text) + (text.endsWith('\n') ? 0 : 1);
}
