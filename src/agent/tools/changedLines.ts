// The lines an edit changed, as they read afterwards, numbered like read_file with a little
// context: enough for the model to check its edit without reading the file again.
import { diffLines, structuredPatch } from 'diff';
import type { LineCounts } from '../events';
import { BOM } from '../workspace/text';
import { numberWidth, numberedLine } from './fileDisplay';

const CONTEXT_LINES = 2;
const MAX_LINES = 60;

export function changedLines(before: string, after: string): string {
  const patch = structuredPatch('before', 'after', stripBom(before), stripBom(after), undefined, undefined, { context: CONTEXT_LINES });
  if (patch.hunks.length === 0) return '(no lines changed)';
  const lastHunk = patch.hunks[patch.hunks.length - 1];
  const width = numberWidth(lastHunk.newStart + lastHunk.newLines);
  const out: string[] = [];
  let hidden = 0;
  for (const hunk of patch.hunks) {
    if (out.length > 0 && out.length < MAX_LINES) out.push('…');
    let lineNumber = hunk.newStart;
    for (const line of hunk.lines) {
      if (line.startsWith('-') || line.startsWith('\\')) continue;
      if (out.length < MAX_LINES) out.push(numberedLine(lineNumber, line.slice(1).replace(/\r$/, ''), width));
      else hidden++;
      lineNumber++;
    }
  }
  if (patch.hunks.every((hunk) => hunk.newLines === 0)) out.push('(the edit removed these lines; nothing stands in their place)');
  if (hidden > 0) out.push(`[${hidden} more changed lines not shown; read the file to check them.]`);
  return out.join('\n');
}

/** Lines added and removed between two versions of a file, for the reviewer (+12 −3). */
export function lineCounts(before: string, after: string): LineCounts {
  const counts = { added: 0, removed: 0 };
  for (const change of diffLines(stripBom(before), stripBom(after))) {
    if (change.added) counts.added += change.count ?? 0;
    else if (change.removed) counts.removed += change.count ?? 0;
  }
  return counts;
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}
