// The part of a document an accepted proposal changes: whole lines from the first that differs to
// the last, so the WorkspaceEdit replaces only that stretch (faster to apply, save and undo than
// the whole text, and the editor keeps folds and markers elsewhere). The bounds fall on line
// starts, so a "\r\n" or a surrogate pair is never cut in two. Pure.

export interface Stretch {
  /** Offsets in the text before: `before.slice(start, end)` is replaced by `text`. */
  start: number;
  end: number;
  text: string;
}

/** What to replace in `before` to get `after`; undefined when they are the same. */
export function changedStretch(before: string, after: string): Stretch | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  // (lastIndexOf clamps a negative start to 0, which would find a newline at 0.)
  const start = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  let suffix = 0;
  while (suffix < shorter - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  // The kept tail starts a line in the text before.
  while (suffix > 0 && before[before.length - suffix - 1] !== '\n') suffix--;
  return { start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}
