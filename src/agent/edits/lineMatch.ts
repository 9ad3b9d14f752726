// Line-by-line matching for when the exact text is not in the file: each old_string line is
// compared with a file line through a key (trimmed, or fully normalised), and new_string is
// re-indented to fit the lines it lands on.
import { isBlank, leadingWhitespace, normaliseLine } from './normalise';
import { reindent, type IndentPair } from './reindent';
import type { Match, SourceText, Splice } from './sourceText';

export type LineKey = 'trimmed' | 'normalised';

const KEYS: Record<LineKey, (line: string) => string> = {
  trimmed: (line) => line.trim(),
  normalised: normaliseLine,
};

export function lineKeys(source: SourceText, key: LineKey): string[] {
  let keys = source.keyCache.get(key);
  if (!keys) {
    keys = source.lines.map(KEYS[key]);
    source.keyCache.set(key, keys);
  }
  return keys;
}

export function keyLines(lines: readonly string[], key: LineKey): string[] {
  return lines.map(KEYS[key]);
}

/** Text cut into lines; a final newline is remembered rather than kept as an empty last line. */
export interface EditLines {
  lines: string[];
  trailingNewline: boolean;
}

export function splitEditLines(value: string): EditLines {
  const trailingNewline = value.endsWith('\n');
  return { lines: (trailingNewline ? value.slice(0, -1) : value).split('\n'), trailingNewline };
}

/** Starts of non-overlapping runs of file lines whose keys equal `needle`, from `from` on, at most `limit`. */
export function findWindows(keys: readonly string[], needle: readonly string[], from = 0, limit = Infinity): number[] {
  const found: number[] = [];
  const last = keys.length - needle.length;
  for (let start = from; start <= last && found.length < limit; start++) {
    let k = 0;
    while (k < needle.length && keys[start + k] === needle[k]) k++;
    if (k === needle.length) {
      found.push(start);
      start += needle.length - 1;
    }
  }
  return found;
}

/** Pairs each non-blank old line's indentation with that of the file line it matched. */
export function indentPairs(source: SourceText, first: number, oldLines: readonly string[]): IndentPair[] {
  const pairs: IndentPair[] = [];
  oldLines.forEach((line, k) => {
    const fileLine = source.lines[first + k];
    if (!isBlank(line) && !isBlank(fileLine)) pairs.push([leadingWhitespace(line), leadingWhitespace(fileLine)]);
  });
  return pairs;
}

/**
 * Replaces the file lines `oldLines` matched from `first` on with `newLines` re-indented, or
 * deletes them with their line break when `newLines` is null.
 */
export function replaceLines(source: SourceText, first: number, oldLines: readonly string[], newLines: readonly string[] | null): Splice {
  const last = first + oldLines.length - 1;
  const start = source.starts[first];
  const end = source.starts[last] + source.lines[last].length;
  if (newLines === null) {
    if (source.endings[last]) return { start, end: end + 1, text: '' };
    // The last line has no newline after it: take the one before, so no empty line is left behind.
    return { start: first > 0 ? start - 1 : start, end, text: '' };
  }
  return { start, end, text: reindent(newLines, indentPairs(source, first, oldLines)).join('\n') };
}

/** What new_string puts in place of whole old lines: null means delete them outright. */
export function newLinesFor(oldPart: EditLines, newPart: EditLines): string[] | null {
  const empty = newPart.lines.length === 1 && newPart.lines[0] === '' && !newPart.trailingNewline;
  if (empty) return oldPart.trailingNewline ? null : [''];
  // old_string's final newline stands for the file's line break; new_string's for the same one.
  if (oldPart.trailingNewline && newPart.trailingNewline) return newPart.lines;
  return newPart.trailingNewline ? [...newPart.lines, ''] : newPart.lines;
}

export function findByLines(source: SourceText, oldString: string, newString: string, key: LineKey): Match[] {
  const oldPart = splitEditLines(oldString);
  const newPart = splitEditLines(newString);
  const found = matchLines(source, oldPart.lines, key);
  if (found.length > 0) return found.map((first) => toMatch(source, first, oldPart.lines, newLinesFor(oldPart, newPart)));
  // A blank line the model added at either edge of old_string is not worth a failure.
  const trimmed = trimBlankEdges(oldPart.lines, newPart.lines);
  if (!trimmed) return [];
  const again = matchLines(source, trimmed.oldLines, key);
  const newLines = newLinesFor({ ...oldPart, lines: trimmed.oldLines }, { ...newPart, lines: trimmed.newLines });
  return again.map((first) => toMatch(source, first, trimmed.oldLines, newLines));
}

function matchLines(source: SourceText, oldLines: readonly string[], key: LineKey): number[] {
  if (oldLines.every(isBlank)) return [];
  return findWindows(lineKeys(source, key), keyLines(oldLines, key));
}

function toMatch(source: SourceText, first: number, oldLines: readonly string[], newLines: readonly string[] | null): Match {
  return { line: first + 1, splices: [replaceLines(source, first, oldLines, newLines)] };
}

function trimBlankEdges(oldLines: readonly string[], newLines: readonly string[]): { oldLines: string[]; newLines: string[] } | undefined {
  let head = 0;
  while (head < oldLines.length && isBlank(oldLines[head])) head++;
  let tail = oldLines.length;
  while (tail > head && isBlank(oldLines[tail - 1])) tail--;
  if (head === 0 && tail === oldLines.length) return undefined;
  let newHead = 0;
  while (newHead < head && newHead < newLines.length && isBlank(newLines[newHead])) newHead++;
  let newTail = newLines.length;
  while (newLines.length - newTail < oldLines.length - tail && newTail > newHead && isBlank(newLines[newTail - 1])) newTail--;
  return { oldLines: oldLines.slice(head, tail), newLines: newLines.slice(newHead, newTail) };
}
