// The last resort: old_string and the file agree once every space, tab and line break is
// ignored (a model that re-wrapped or compacted the code it quotes). Only the characters it
// quoted are replaced; the file's whitespace around them stays.
import { occurrences } from './exactMatch';
import { foldTypography, isBlank, isWhitespaceCode, leadingWhitespace } from './normalise';
import { reindent } from './reindent';
import { lineAt, type Match, type SourceText } from './sourceText';

interface Stripped {
  text: string;
  /** Offset in the source text of each character of `text`. */
  offsets: Int32Array;
}

function stripWhitespace(value: string): Stripped {
  const offsets = new Int32Array(value.length);
  let kept = 0;
  for (let at = 0; at < value.length; at++) if (!isWhitespaceCode(value.charCodeAt(at))) offsets[kept++] = at;
  return { text: value.replace(/\s+/g, ''), offsets: offsets.subarray(0, kept) };
}

export function findIgnoringWhitespace(source: SourceText, oldString: string, newString: string): Match[] {
  const needle = foldTypography(oldString).replace(/\s+/g, '');
  if (needle === '') return [];
  const stripped = stripWhitespace(foldTypography(source.text));
  const body = trimMirroredEdges(oldString, newString);
  const matches: Match[] = [];
  for (const at of occurrences(stripped.text, needle)) {
    const start = stripped.offsets[at];
    const end = stripped.offsets[at + needle.length - 1] + 1;
    if (cutsWord(source.text, start, end)) continue;
    matches.push({ line: lineAt(source, start) + 1, splices: [{ start, end, text: fitIndentation(source, start, oldString, body) }] });
  }
  return matches;
}

const WORD = /[\p{L}\p{N}_$]/u;

// Without whitespace to mark them, word edges must come from the file: "a b" is not the "ab" in "table".
function cutsWord(text: string, start: number, end: number): boolean {
  return (start > 0 && WORD.test(text[start - 1]) && WORD.test(text[start]))
    || (end < text.length && WORD.test(text[end - 1]) && WORD.test(text[end]));
}

/** Drops from new_string the edge whitespace that mirrors old_string's, since the file keeps its own. */
function trimMirroredEdges(oldString: string, newString: string): string {
  const oldLead = /^\s*/.exec(oldString)?.[0] ?? '';
  const newLead = /^\s*/.exec(newString)?.[0] ?? '';
  const oldTrail = /\s*$/.exec(oldString)?.[0] ?? '';
  const newTrail = /\s*$/.exec(newString)?.[0] ?? '';
  if (newLead.length === newString.length) return '';
  let lead = 0;
  while (lead < oldLead.length && lead < newLead.length && oldLead[lead] === newLead[lead]) lead++;
  let trail = 0;
  while (trail < oldTrail.length && trail < newTrail.length && oldTrail[oldTrail.length - 1 - trail] === newTrail[newTrail.length - 1 - trail]) trail++;
  return newString.slice(lead, newString.length - trail);
}

/** When the match starts a line, later lines of new_string follow the file's indentation there. */
function fitIndentation(source: SourceText, start: number, oldString: string, body: string): string {
  const line = lineAt(source, start);
  const before = source.text.slice(source.starts[line], start);
  const lines = body.split('\n');
  const firstOldLine = oldString.split('\n').find((l) => !isBlank(l));
  if (lines.length < 2 || before.trim() !== '' || firstOldLine === undefined) return body;
  return [lines[0], ...reindent(lines.slice(1), [[leadingWhitespace(firstOldLine), before]])].join('\n');
}
