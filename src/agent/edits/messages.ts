// What the model reads when an edit is refused: what went wrong and what to send instead.
import { closestRegion, describeRegion } from './closestRegion';
import type { MatchStrategy } from './findMatches';
import type { SourceText } from './sourceText';

const HOW_MATCHED: Record<MatchStrategy, string> = {
  exact: '',
  indentation: ' (ignoring indentation)',
  normalised: ' (ignoring whitespace and quote style)',
  lineNumbers: ' (without the line numbers)',
  entities: ' (with HTML entities decoded)',
  elision: ' (with the elided lines)',
  whitespace: ' (ignoring all whitespace)',
};

export const noOpEdit = 'old_string and new_string are identical, so the edit would change nothing. Put the changed text in new_string.';

export function unchangedFile(line: number): string {
  return `The edit would leave the file as it is: the text at line ${line} already reads as new_string. `
    + 'The change may already be made; read the file to check.';
}

export const wouldEmptyFile = 'This edit would leave the file empty, so it was not applied. To clear a file on purpose, use write_file with empty content.';

export function emptyOldString(lineCount: number): string {
  return `old_string is empty, which only creates content in an empty file, and this file has ${lineCount} line${lineCount === 1 ? '' : 's'}. `
    + 'Put the exact text to replace in old_string, or use write_file to replace the whole file.';
}

export function ambiguousMatch(strategy: MatchStrategy, lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? `, and ${lines.length - 10} more` : '');
  return `old_string matches ${lines.length} places in the file${HOW_MATCHED[strategy]}, starting at lines ${shown}. `
    + `Add surrounding lines to old_string so it matches one place, or set replace_all to change all ${lines.length}.`;
}

export function notFound(source: SourceText, oldString: string): string {
  const region = closestRegion(source, oldString);
  if (!region) return 'old_string was not found in the file, and no part of the file looks like it. Read the file, then copy old_string from it exactly.';
  return `old_string was not found in the file.\n${describeRegion(source, region, oldString)}\nCopy old_string exactly from the file, including whitespace, and retry.`;
}
