// old_string with lines left out ("...", "// ... existing code ...") to save tokens: each piece
// between the markers must match in order, and new_string must mark the same gaps, which keep
// the file's lines.
import { isBlank } from './normalise';
import { findWindows, keyLines, lineKeys, newLinesFor, replaceLines, splitEditLines, type LineKey } from './lineMatch';
import type { Match, SourceText } from './sourceText';

// A bare "..." is elision; "...rest," is JavaScript spread, so words are only allowed in comments.
const BARE_MARKER = /^(?:\.{3}|\u2026)$/;
const COMMENT_MARKER = /^(?:\/\/|#|--|;|\/\*+|<!--|\{\/\*)\s*(?:\.{3}|\u2026)[\w\s,'()-]*(?:\.{3}|\u2026)?\s*(?:\*\/\}?|-->)?$/;

export function isElisionMarker(line: string): boolean {
  const trimmed = line.trim();
  return BARE_MARKER.test(trimmed) || COMMENT_MARKER.test(trimmed);
}

/** Splits lines at elision markers; runs of markers count as one gap. */
export function splitAtMarkers(lines: readonly string[]): string[][] {
  const pieces: string[][] = [[]];
  for (const line of lines) {
    if (!isElisionMarker(line)) pieces[pieces.length - 1].push(line);
    else if (pieces[pieces.length - 1].some((l) => !isBlank(l)) || pieces.length === 1) pieces.push([]);
  }
  return pieces.map(trimBlankLines);
}

function trimBlankLines(lines: string[]): string[] {
  let head = 0;
  let tail = lines.length;
  while (head < tail && isBlank(lines[head])) head++;
  while (tail > head && isBlank(lines[tail - 1])) tail--;
  return lines.slice(head, tail);
}

export function elisionMismatch(oldCount: number, newCount: number): string {
  return `old_string leaves out lines with "..." in ${oldCount} place${oldCount === 1 ? '' : 's'} but new_string does so in ${newCount}; `
    + 'mark the same gaps in new_string (they keep the file\'s lines), or write the lines out in full.';
}

/** Matches an elided old_string; a string result is a refusal the model can act on. */
export function findElided(source: SourceText, oldString: string, newString: string): Match[] | string {
  const oldPart = splitEditLines(oldString);
  const newPart = splitEditLines(newString);
  const oldPieces = splitAtMarkers(oldPart.lines);
  if (oldPieces.length < 2) return [];
  const newPieces = splitAtMarkers(newPart.lines);
  if (newPieces.length !== oldPieces.length) return elisionMismatch(oldPieces.length - 1, newPieces.length - 1);
  // A gap at either end only says "the file goes on"; text written beside it joins the next piece.
  if (oldPieces[0].length === 0) {
    newPieces[1] = [...newPieces[0], ...newPieces[1]];
    oldPieces.shift();
    newPieces.shift();
  }
  if (oldPieces[oldPieces.length - 1].length === 0 && oldPieces.length > 1) {
    newPieces[newPieces.length - 2] = [...newPieces[newPieces.length - 2], ...newPieces[newPieces.length - 1]];
    oldPieces.pop();
    newPieces.pop();
  }
  if (oldPieces.some((piece) => piece.length === 0)) return [];
  for (const key of ['trimmed', 'normalised'] as const) {
    const starts = chainPieces(source, oldPieces, key);
    if (starts.length === 0) continue;
    return starts.map((pieceStarts) => ({
      line: pieceStarts[0] + 1,
      splices: pieceStarts.map((first, k) => {
        const last = k === oldPieces.length - 1;
        const oldLines = { lines: oldPieces[k], trailingNewline: last ? oldPart.trailingNewline : true };
        const newLines = newPieces[k].length === 0 ? null
          : newLinesFor(oldLines, { lines: newPieces[k], trailingNewline: last ? newPart.trailingNewline : true });
        return replaceLines(source, first, oldPieces[k], newLines);
      }),
    }));
  }
  return [];
}

/** For each complete, non-overlapping match, the first line of every piece (each as early as it can be). */
function chainPieces(source: SourceText, pieces: readonly string[][], key: LineKey): number[][] {
  const keys = lineKeys(source, key);
  const needles = pieces.map((piece) => keyLines(piece, key));
  const matches: number[][] = [];
  let from = 0;
  for (const start of findWindows(keys, needles[0])) {
    if (start < from) continue;
    const pieceStarts = [start];
    let next = start + needles[0].length;
    for (let k = 1; k < needles.length; k++) {
      const [found] = findWindows(keys, needles[k], next, 1);
      if (found === undefined) break;
      pieceStarts.push(found);
      next = found + needles[k].length;
    }
    if (pieceStarts.length < needles.length) break;
    matches.push(pieceStarts);
    from = next;
  }
  return matches;
}
