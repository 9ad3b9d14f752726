// The edit engine's entry point (pure functions, no I/O): old_string -> new_string on decoded
// file text, forgiving the ways models misquote a file but never guessing between two places.
import { findMatches, type MatchStrategy } from './findMatches';
import { ambiguousMatch, emptyOldString, noOpEdit, notFound, unchangedFile, wouldEmptyFile } from './messages';
import { applySplices, readSource, toLF } from './sourceText';

export type { MatchStrategy } from './findMatches';

export interface EditRequest {
  oldString: string;
  newString: string;
  replaceAll?: boolean;
}

export type EditOutcome =
  | {
      ok: true;
      content: string;
      replacements: number;
      strategy: MatchStrategy;
      /** 1-based lines (in the original content) where each replacement starts. */
      lines: number[];
    }
  | { ok: false; error: string };

const BOM = '\uFEFF';

/**
 * Applies one old_string -> new_string edit to `content` (decoded text; a leading BOM is kept).
 * Keeps the content's line endings and its final newline as they were. All or nothing: on
 * failure nothing is changed and `error` says how to fix the call.
 */
export function applyEdit(content: string, edit: EditRequest): EditOutcome {
  const bom = content.startsWith(BOM) ? BOM : '';
  const body = content.slice(bom.length);
  const oldString = toLF(edit.oldString);
  const newString = toLF(edit.newString);
  if (oldString === newString) return { ok: false, error: noOpEdit };
  if (oldString === '') {
    if (body.trim() !== '') return { ok: false, error: emptyOldString(readSource(body).lines.length) };
    return { ok: true, content: bom + edit.newString, replacements: 1, strategy: 'exact', lines: [1] };
  }
  const source = readSource(body);
  const found = findMatches(source, oldString, newString);
  if (found.kind === 'refused') return { ok: false, error: found.reason };
  if (found.kind === 'none') return { ok: false, error: notFound(source, oldString) };
  const lines = found.matches.map((match) => match.line);
  if (lines.length > 1 && !edit.replaceAll) return { ok: false, error: ambiguousMatch(found.strategy, lines) };
  const result = applySplices(source, found.matches.flatMap((match) => match.splices));
  if (result === body) return { ok: false, error: unchangedFile(lines[0]) };
  if (result.trim() === '') return { ok: false, error: wouldEmptyFile };
  return { ok: true, content: bom + result, replacements: lines.length, strategy: found.strategy, lines };
}

export type MultiEditOutcome =
  | { ok: true; content: string; replacements: number; strategies: MatchStrategy[] }
  | { ok: false; error: string; failedEdit: number };

/** Applies edits one after another, each to the result of the last; if any fails, none applies. */
export function applyEdits(content: string, edits: readonly EditRequest[]): MultiEditOutcome {
  if (edits.length === 0) return { ok: false, error: 'No edits were given.', failedEdit: 0 };
  let current = content;
  let replacements = 0;
  const strategies: MatchStrategy[] = [];
  for (const [index, edit] of edits.entries()) {
    const outcome = applyEdit(current, edit);
    if (!outcome.ok) {
      const where = edits.length > 1 ? `Edit ${index + 1} of ${edits.length}: ` : '';
      const after = index > 0 ? ' (Line numbers count the earlier edits as made.)' : '';
      return { ok: false, error: `${where}${outcome.error}${after} No edit was applied.`, failedEdit: index };
    }
    current = outcome.content;
    replacements += outcome.replacements;
    strategies.push(outcome.strategy);
  }
  return { ok: true, content: current, replacements, strategies };
}
