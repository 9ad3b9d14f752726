// Turns the peers' SEARCH/REPLACE text into our edit shape: one block becomes one
// old_string/new_string edit (whole lines, each with its newline); several blocks, edits applied
// in order. A parse failure is reported as such: it tests the peer's marker syntax, not an engine.
import type { EditRequest } from '../src/agent/edits/index';

export class MarkerSyntaxError extends Error {}

function toEdit(search: readonly string[], replace: readonly string[]): EditRequest {
  const joined = (lines: readonly string[]): string => (lines.length ? `${lines.join('\n')}\n` : '');
  return { oldString: joined(search), newString: joined(replace) };
}

// Cline: "------- SEARCH" / "=======" / "+++++++ REPLACE", or the legacy "<<<<<<< SEARCH" /
// ">>>>>>> REPLACE"; any run of three or more marker characters counts.
const CLINE_SEARCH = /^(?:-{3,}|<{3,}) SEARCH>?$/;
const CLINE_SEPARATOR = /^={3,}$/;
const CLINE_REPLACE = /^(?:\+{3,}|>{3,}) REPLACE>?$/;

export function parseClineBlocks(diff: string): EditRequest[] {
  const edits: EditRequest[] = [];
  let state: 'outside' | 'search' | 'replace' = 'outside';
  let search: string[] = [];
  let replace: string[] = [];
  for (const line of diff.split('\n')) {
    if (state === 'outside') {
      if (CLINE_SEARCH.test(line)) [state, search, replace] = ['search', [], []];
      else if (line.trim() !== '') throw new MarkerSyntaxError(`text outside a block: ${JSON.stringify(line)}`);
    } else if (state === 'search') {
      if (CLINE_SEPARATOR.test(line)) state = 'replace';
      else if (CLINE_REPLACE.test(line) || CLINE_SEARCH.test(line)) throw new MarkerSyntaxError('SEARCH block without a separator');
      else search.push(line);
    } else if (CLINE_REPLACE.test(line)) {
      edits.push(toEdit(search, replace));
      state = 'outside';
    } else if (CLINE_SEARCH.test(line) || CLINE_SEPARATOR.test(line)) {
      throw new MarkerSyntaxError('unexpected marker inside REPLACE');
    } else {
      replace.push(line);
    }
  }
  if (state === 'search') throw new MarkerSyntaxError('unfinished SEARCH block');
  // A final diff may omit the last REPLACE marker; Cline closes the block itself.
  if (state === 'replace') edits.push(toEdit(search, replace.length && replace[replace.length - 1] === '' ? replace.slice(0, -1) : replace));
  if (edits.length === 0) throw new MarkerSyntaxError('no blocks');
  return edits;
}

// Roo: "<<<<<<< SEARCH", optional ":start_line:N" / ":end_line:N" and "-------", the search
// lines, "=======", the replacement, ">>>>>>> REPLACE"; anything before the first block (a file
// name) is ignored. Roo's own pattern lets each header's `\s*\n` swallow whitespace-only lines
// that follow it, so they are not part of the content; we read the format the same way.
export function parseRooBlocks(diff: string): EditRequest[] {
  const lines = diff.split('\n');
  const edits: EditRequest[] = [];
  let at = lines.findIndex((line) => line.trim() === '<<<<<<< SEARCH');
  while (at >= 0 && at < lines.length) {
    at++;
    while (/^:(start|end)_line:\s*\d+\s*$/.test(lines[at] ?? '')) at++;
    if (lines[at]?.trim() === '-------') at++;
    at = skipBlankLines(lines, at);
    const separator = lines.indexOf('=======', at);
    const end = lines.indexOf('>>>>>>> REPLACE', separator);
    if (separator < 0 || end < 0) throw new MarkerSyntaxError('block without "=======" or ">>>>>>> REPLACE"');
    const replaceStart = skipBlankLines(lines, separator + 1);
    edits.push(toEdit(lines.slice(at, separator), lines.slice(Math.min(replaceStart, end), end)));
    at = lines.findIndex((line, index) => index > end && line.trim() === '<<<<<<< SEARCH');
  }
  if (edits.length === 0) throw new MarkerSyntaxError('no blocks');
  return edits;
}

function skipBlankLines(lines: readonly string[], at: number): number {
  while (at < lines.length && lines[at].trim() === '') at++;
  return at;
}
