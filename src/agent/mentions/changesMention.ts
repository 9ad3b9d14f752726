// @changes: the working tree's git diff, without the files the tools may not see (an ignored or
// secret file tracked by git would otherwise reach the model through its diff), cut at a cap.

/** Past this the diff is cut: the model can read the files themselves. */
export const MAX_CHANGES_CHARS = 100_000;

/** One file's part of a unified diff: its `diff --git` header and everything up to the next. */
export interface FileDiff {
  /** The path after the change (`b/…`), relative to the repository. */
  path: string;
  text: string;
}

export function splitDiff(diff: string): FileDiff[] {
  const parts: FileDiff[] = [];
  for (const text of diff.split(/^(?=diff --git )/m)) {
    const header = /^diff --git (?:"?a\/.*?"?) "?b\/(.*?)"?\n/.exec(text);
    if (header) parts.push({ path: header[1], text: text.endsWith('\n') ? text : `${text}\n` });
  }
  return parts;
}

/**
 * The diff as the model reads it. `visible` says whether the tools may see a path (it is inside
 * the workspace and not ignored); the others are named as left out, never shown.
 */
export async function changesMention(diff: string, visible: (path: string) => Promise<boolean>): Promise<{ content: string; truncated: boolean }> {
  const shown: string[] = [];
  const hidden: string[] = [];
  for (const part of splitDiff(diff)) {
    if (await visible(part.path)) shown.push(part.text);
    else hidden.push(part.path);
  }
  const note = hidden.length > 0 ? `\n[Left out: changes to ${hidden.length} file${hidden.length === 1 ? '' : 's'} the tools may not read (ignored, secret or outside the workspace).]` : '';
  if (shown.length === 0) return { content: `No changes in the working tree that the tools may read.${note}`, truncated: false };
  const whole = shown.join('');
  const truncated = whole.length > MAX_CHANGES_CHARS;
  const body = truncated ? `${whole.slice(0, MAX_CHANGES_CHARS)}\n[Cut at ${MAX_CHANGES_CHARS} characters; read the changed files for the rest.]` : whole.trimEnd();
  return { content: body + note, truncated };
}
