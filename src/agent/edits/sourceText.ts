// The file as the matchers see it: LF-only text split into lines, plus what is needed to put
// every untouched byte back exactly as it was (CRLF, mixed endings, the final newline).

export interface SourceText {
  /** The content with every CRLF turned into LF: all matching happens on this. */
  text: string;
  /** Line i of `text`, without its newline. A final newline adds no phantom line here. */
  lines: string[];
  /** Offset in `text` where line i starts. */
  starts: number[];
  /** Offset in the original content where line i starts. */
  originalStarts: number[];
  /** Each line's ending in the original: '\r\n', '\n', or '' for a last line without one. */
  endings: string[];
  original: string;
  /** Per-line comparison keys, computed once per kind of comparison. */
  keyCache: Map<string, string[]>;
}

/** A replacement in `text` coordinates: [start, end) becomes `text` (LF line endings). */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** One place old_string matched, and what replaces it there (several splices when lines were elided). */
export interface Match {
  /** 1-based line where the match starts, for messages. */
  line: number;
  splices: Splice[];
}

export function toLF(value: string): string {
  return value.replace(/\r\n/g, '\n');
}

export function readSource(original: string): SourceText {
  const lines: string[] = [];
  const starts: number[] = [];
  const originalStarts: number[] = [];
  const endings: string[] = [];
  let at = 0;
  let offset = 0;
  while (at < original.length) {
    const lf = original.indexOf('\n', at);
    const lineEnd = lf < 0 ? original.length : lf;
    const crlf = lf > at && original[lf - 1] === '\r';
    const contentEnd = crlf ? lineEnd - 1 : lineEnd;
    lines.push(original.slice(at, contentEnd));
    starts.push(offset);
    originalStarts.push(at);
    endings.push(lf < 0 ? '' : crlf ? '\r\n' : '\n');
    offset += contentEnd - at + (lf < 0 ? 0 : 1);
    at = lf < 0 ? original.length : lf + 1;
  }
  return { text: toLF(original), lines, starts, originalStarts, endings, original, keyCache: new Map() };
}

/** The index of the line holding `offset` in `text`. */
export function lineAt(source: SourceText, offset: number): number {
  let low = 0;
  let high = source.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (source.starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

function toOriginalOffset(source: SourceText, offset: number): number {
  if (source.lines.length === 0) return 0;
  const line = lineAt(source, offset);
  const within = offset - source.starts[line];
  // Just past a line's LF in `text` is just past its ending, whatever that was.
  if (within > source.lines[line].length) return source.originalStarts[line] + source.lines[line].length + source.endings[line].length;
  return source.originalStarts[line] + within;
}

/** The ending new lines get: that of the line the splice starts on, else the file's usual one. */
function endingFor(source: SourceText, offset: number): string {
  if (source.lines.length === 0) return '\n';
  const own = source.endings[lineAt(source, offset)];
  if (own) return own;
  return dominantEnding(source);
}

function dominantEnding(source: SourceText): string {
  let crlf = 0;
  let lf = 0;
  for (const ending of source.endings) {
    if (ending === '\r\n') crlf++;
    else if (ending === '\n') lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Applies non-overlapping splices and returns the new original-style content: text outside the
 * splices is copied byte for byte, new text takes the surrounding line ending, and the file keeps
 * its final newline (or its lack of one).
 */
export function applySplices(source: SourceText, splices: readonly Splice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start);
  let result = '';
  let copied = 0;
  for (const splice of ordered) {
    const start = toOriginalOffset(source, splice.start);
    const end = toOriginalOffset(source, splice.end);
    const ending = endingFor(source, splice.start);
    result += source.original.slice(copied, start) + splice.text.replace(/\n/g, ending);
    copied = end;
  }
  result += source.original.slice(copied);
  return keepFinalNewline(source, result);
}

function keepFinalNewline(source: SourceText, result: string): string {
  if (source.lines.length === 0 || result === '') return result;
  const finalEnding = source.endings[source.endings.length - 1];
  const endsWithNewline = result.endsWith('\n');
  if (finalEnding && !endsWithNewline) return result + finalEnding;
  if (!finalEnding && endsWithNewline) return result.slice(0, result.endsWith('\r\n') ? -2 : -1);
  return result;
}
