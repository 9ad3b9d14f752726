// A review done hunk by hunk while the person may also type in the proposal: which of the agent's
// changes they kept and which they undid, and whether every change in front of them is decided.
// Pure: the editor hands in the text it shows; the hunks are always those of that text, so they
// follow the person's own typing.
import { hunksOf, type Hunk } from './hunks';

/** Where the review stands: a change still undecided, every change kept, or none left at all. */
export type HunkReviewState = 'open' | 'kept' | 'undone';

export class HunkDecisions {
  /** The agent's changes as proposed: what "undone" is counted against. */
  private readonly proposed: Hunk[];
  private readonly keptKeys = new Set<string>();
  private readonly undoneIndexes = new Set<number>();
  private decidedOne = false;

  constructor(
    readonly original: string,
    proposed: string,
  ) {
    this.proposed = hunksOf(original, proposed);
  }

  /** The changes of `current`, the proposal as the editor shows it now. */
  hunks(current: string): Hunk[] {
    return hunksOf(this.original, current);
  }

  isKept(hunk: Hunk): boolean {
    return this.keptKeys.has(keyOf(hunk));
  }

  keep(hunk: Hunk): void {
    this.decidedOne = true;
    this.keptKeys.add(keyOf(hunk));
  }

  /** Records that `hunk` is being undone; the editor puts the original's text back (see undoEdit). */
  undo(hunk: Hunk): void {
    this.decidedOne = true;
    this.keptKeys.delete(keyOf(hunk));
    // The original's lines a hunk replaces do not move when the person types elsewhere, so they
    // tell which of the agent's changes this is; a change only the person made has no index.
    const agents = this.proposed.find((h) => h.originalStart === hunk.originalStart && h.removedLines === hunk.removedLines);
    if (agents) this.undoneIndexes.add(agents.index);
  }

  /** Whether the person decided any change on its own, so the model is told hunk by hunk. */
  get reviewed(): boolean {
    return this.decidedOne;
  }

  /** The agent's changes the person undid, by their index in the proposal. */
  undone(): number[] {
    return [...this.undoneIndexes].sort((a, b) => a - b);
  }

  state(current: string): HunkReviewState {
    const hunks = this.hunks(current);
    if (hunks.length === 0) return 'undone';
    return hunks.every((hunk) => this.isKept(hunk)) ? 'kept' : 'open';
  }
}

/** A kept change stays kept while its place and text stay; typing inside it asks again. */
function keyOf(hunk: Hunk): string {
  return `${hunk.originalStart}:${hunk.removedLines}:${hunk.added}`;
}

/** The replacement in `current` (character offsets) that puts the original's text back for `hunk`. */
export function undoEdit(current: string, hunk: Hunk): { start: number; end: number; text: string } {
  const start = lineOffset(current, hunk.proposedStart);
  const end = lineOffset(current, hunk.proposedStart + hunk.addedLines);
  return { start, end, text: hunk.removed };
}

/** Where 1-based `line` starts in `text`; the end of the text past its last line. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** The change on 1-based `line`: its lines, or for a removal the line it was removed before. */
export function hunkAtLine(hunks: readonly Hunk[], line: number): Hunk | undefined {
  return hunks.find((hunk) => line >= hunk.proposedStart && line < hunk.proposedStart + Math.max(hunk.addedLines, 1));
}

/** The first change below 1-based `line`, wrapping round to the first of all. */
export function nextHunk(hunks: readonly Hunk[], line: number): Hunk | undefined {
  return hunks.find((hunk) => hunk.proposedStart > line) ?? hunks[0];
}
