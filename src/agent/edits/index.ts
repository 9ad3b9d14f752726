// The edit engine's entry point (pure functions, no I/O). Implementation to come.

export interface EditRequest {
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

export type MatchStrategy = 'exact' | 'indentation' | 'normalised';

export type EditOutcome =
  | { ok: true; content: string; replacements: number; strategy: MatchStrategy }
  | { ok: false; error: string };

/**
 * Applies one old_string -> new_string edit to `content` (decoded text, BOM already removed).
 * Keeps the content's line endings and its final newline as they were.
 */
export function applyEdit(content: string, edit: EditRequest): EditOutcome {
  const at = content.indexOf(edit.oldString);
  if (at < 0 || edit.oldString === '') return { ok: false, error: 'old_string was not found in the file.' };
  return { ok: true, content: content.slice(0, at) + edit.newString + content.slice(at + edit.oldString.length), replacements: 1, strategy: 'exact' };
}
