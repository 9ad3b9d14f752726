// A proposal as a code review sees it: the separate changes (hunks) between what the file held
// and what the agent proposed, each of which the person may keep or undo. Pure: no I/O.
//
// Hunks are made from a line diff with no context, so two changes with one unchanged line
// between them are two hunks. The text a selection gives is built from the diff's own pieces,
// so line endings and a missing final newline come through exactly.
import { diffLines } from 'diff';

export interface Hunk {
  /** 0-based, in file order. */
  index: number;
  /** The first line the hunk replaces in the original, 1-based; for a pure insertion, the line it goes before. */
  originalStart: number;
  /** The first line of the hunk in the proposal, 1-based; for a pure removal, the line after where it was. */
  proposedStart: number;
  /** The original's text the hunk replaces ("" for an insertion), line endings included. */
  removed: string;
  /** The proposal's text in its place ("" for a removal). */
  added: string;
  removedLines: number;
  addedLines: number;
}

/** The whole file as unchanged stretches and hunks, in order: what a selection is built from. */
type Piece = { kind: 'same'; text: string; lines: number } | { kind: 'hunk'; hunk: Hunk };

function piecesOf(original: string, proposed: string): Piece[] {
  const pieces: Piece[] = [];
  let originalLine = 1;
  let proposedLine = 1;
  let open: Hunk | undefined;
  for (const change of diffLines(original, proposed)) {
    const lines = change.count ?? 0;
    if (!change.added && !change.removed) {
      open = undefined;
      pieces.push({ kind: 'same', text: change.value, lines });
      originalLine += lines;
      proposedLine += lines;
      continue;
    }
    if (!open) {
      open = { index: 0, originalStart: originalLine, proposedStart: proposedLine, removed: '', added: '', removedLines: 0, addedLines: 0 };
      pieces.push({ kind: 'hunk', hunk: open });
    }
    if (change.removed) {
      open.removed += change.value;
      open.removedLines += lines;
      originalLine += lines;
    } else {
      open.added += change.value;
      open.addedLines += lines;
      proposedLine += lines;
    }
  }
  let index = 0;
  for (const piece of pieces) if (piece.kind === 'hunk') piece.hunk.index = index++;
  return pieces;
}

/** The separate changes from `original` to `proposed`, in file order. */
export function hunksOf(original: string, proposed: string): Hunk[] {
  return piecesOf(original, proposed).flatMap((piece) => (piece.kind === 'hunk' ? [piece.hunk] : []));
}

/** The file with the hunks `kept` says yes to applied and the others left as the original had them. */
export function withHunks(original: string, proposed: string, kept: (hunk: Hunk) => boolean): string {
  return piecesOf(original, proposed)
    .map((piece) => (piece.kind === 'same' ? piece.text : kept(piece.hunk) ? piece.hunk.added : piece.hunk.removed))
    .join('');
}

/**
 * Where each hunk starts in the file a selection gives (1-based), and how many lines it spans
 * there: the place to show the model "the file as it now reads" around each decision.
 */
export function placesInResult(original: string, proposed: string, kept: (hunk: Hunk) => boolean): Array<{ hunk: Hunk; start: number; lines: number }> {
  const places: Array<{ hunk: Hunk; start: number; lines: number }> = [];
  let line = 1;
  for (const piece of piecesOf(original, proposed)) {
    if (piece.kind === 'same') {
      line += piece.lines;
      continue;
    }
    const lines = kept(piece.hunk) ? piece.hunk.addedLines : piece.hunk.removedLines;
    places.push({ hunk: piece.hunk, start: line, lines });
    line += lines;
  }
  return places;
}
