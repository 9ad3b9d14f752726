// What the model is told after the person reviewed a proposal hunk by hunk: which of its changes
// were kept, which were undone (with what stays in their place), what the person typed by hand,
// and the file as it now reads around each change, so the model builds on the file as it is.
import { diffLines } from 'diff';
import { count, numberWidth, numberedLine } from '../tools/fileDisplay';
import { userDiff } from '../tools/userDiff';
import { hunksOf, placesInResult, withHunks, type Hunk } from './hunks';

const CONTEXT_LINES = 2;
const MAX_SHOWN_LINES = 120;

export interface HunkReview {
  path: string;
  /** What the file held before. */
  original: string;
  /** What the agent proposed. */
  proposed: string;
  /** What was written: the kept hunks, plus anything the person typed. */
  written: string;
  /** The hunks the person undid (by index); every other hunk was kept. */
  undone: ReadonlySet<number>;
}

export function describeHunkReview(review: HunkReview): string {
  const hunks = hunksOf(review.original, review.proposed);
  const kept = (hunk: Hunk) => !review.undone.has(hunk.index);
  const keptOnes = hunks.filter(kept);
  const undoneOnes = hunks.filter((hunk) => !kept(hunk));
  const expected = withHunks(review.original, review.proposed, kept);
  const out = [
    `The user reviewed your ${count(hunks.length, 'change')} to ${review.path} one by one: kept ${numbers(keptOnes)}, undid ${numbers(undoneOnes)}.`,
  ];
  if (undoneOnes.length) {
    out.push('Undone (the file keeps what it had; do not make these changes again unless the user asks):');
    for (const hunk of undoneOnes) out.push(undoneText(hunk));
  }
  if (review.written !== expected) {
    out.push('The user also edited the file by hand; build on their version, do not undo it. Their changes to the kept result:');
    out.push(userDiff(review.path, expected, review.written));
  }
  out.push(`${review.path} now reads, around each change:`);
  out.push(around(review.written, placesInResult(review.original, review.proposed, kept).map((place) => ({ ...place, start: movedLine(expected, review.written, place.start) }))));
  return out.join('\n');
}

/** "2 (1, 3)", "none". Changes are numbered from 1 for the model, in file order. */
function numbers(hunks: Hunk[]): string {
  return hunks.length ? `${hunks.length} (${hunks.map((hunk) => hunk.index + 1).join(', ')})` : 'none';
}

function undoneText(hunk: Hunk): string {
  const head = `- change ${hunk.index + 1}, at line ${hunk.originalStart}:`;
  const kept = hunk.removed ? quoted('stays', hunk.removed) : '    (nothing was there; nothing was added)';
  const dropped = hunk.added ? quoted('instead of your', hunk.added) : '    (you removed these lines; they stay)';
  return [head, kept, dropped].join('\n');
}

function quoted(label: string, text: string): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return [`    ${label}:`, ...lines.map((line) => `      ${line}`)].join('\n');
}

/** The line `line` of `from` is at in `to`, after the person's own edits moved it. */
function movedLine(from: string, to: string, line: number): number {
  if (from === to) return line;
  let fromLine = 1;
  let toLine = 1;
  for (const change of diffLines(from, to)) {
    const lines = change.count ?? 0;
    if (change.added) toLine += lines;
    else if (change.removed) {
      if (line < fromLine + lines) return toLine;
      fromLine += lines;
    } else {
      if (line < fromLine + lines) return toLine + (line - fromLine);
      fromLine += lines;
      toLine += lines;
    }
  }
  return toLine;
}

/** Numbered lines of `text` around each place, merged where they touch, "…" between. */
function around(text: string, places: Array<{ start: number; lines: number }>): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const ranges: Array<[number, number]> = [];
  for (const place of places) {
    const from = Math.max(1, place.start - CONTEXT_LINES);
    const to = Math.min(lines.length, place.start + Math.max(place.lines, 1) - 1 + CONTEXT_LINES);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else if (from <= to) ranges.push([from, to]);
  }
  if (!ranges.length) return '(the file is empty)';
  const width = numberWidth(ranges[ranges.length - 1][1]);
  const out: string[] = [];
  for (const [from, to] of ranges) {
    if (out.length) out.push('…');
    for (let line = from; line <= to && out.length < MAX_SHOWN_LINES; line++) out.push(numberedLine(line, lines[line - 1], width));
  }
  if (out.length >= MAX_SHOWN_LINES) out.push('[more not shown; read the file to see the rest]');
  return out.join('\n');
}
