// The peers' recorded edit cases (bench/edit-cases, Apache-2.0, see its README), each turned
// into a run of our engine, or set aside with the reason it does not apply to edit_file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, type EditRequest } from '../src/agent/edits/index';
import { MarkerSyntaxError, parseClineBlocks, parseRooBlocks } from './editBlocks';

export const CASES_DIR = join(__dirname, 'edit-cases');

interface RawCase {
  id: string;
  format: string;
  original?: string;
  edit?: string;
  search?: string;
  replace?: string;
  params?: {
    oldString?: string;
    newString?: string;
    replaceAll?: boolean;
    edits?: Array<{ old_string: string; new_string: string; replace_all?: boolean }>;
    isFinal?: boolean;
    startLine?: number | null;
  } | null;
  expected?: string | null;
  expectError?: boolean;
}

export type PeerCase =
  | { id: string; file: string; applicable: true; original: string; edits: EditRequest[]; expected: string | null }
  | { id: string; file: string; applicable: false; reason: string };

export type PeerResult = { id: string; file: string; passed: boolean; detail: string };

const NOT_APPLICABLE: Record<string, string> = {
  'roo-multi-search-replace-marker-validation': "Roo's marker sequencing",
  'aider-editblock-parse': "Aider's reply parser",
  'aider-full-edit': "Aider's reply parser and file handling",
  'aider-find_filename': "Aider's file-name finder",
  'aider-strip_quoted_wrapping': "Aider's quote stripping",
};

export function loadPeerCases(dir = CASES_DIR): PeerCase[] {
  const cases: PeerCase[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: RawCase[] };
    for (const entry of raw.cases) cases.push(toPeerCase(file, entry));
  }
  return cases;
}

function toPeerCase(file: string, entry: RawCase): PeerCase {
  const { id } = entry;
  const setAside = (reason: string): PeerCase => ({ id, file, applicable: false, reason });
  if (NOT_APPLICABLE[entry.format]) return setAside(NOT_APPLICABLE[entry.format]);
  if (entry.params?.isFinal === false) return setAside('a partial, still-streaming diff');
  const expected = entry.expectError ? null : entry.expected ?? null;
  const original = entry.original ?? '';
  try {
    return { id, file, applicable: true, original, edits: editsOf(entry), expected };
  } catch (err) {
    if (err instanceof MarkerSyntaxError && entry.expectError) return setAside('malformed SEARCH/REPLACE markers');
    throw err;
  }
}

function editsOf(entry: RawCase): EditRequest[] {
  switch (entry.format) {
    case 'cline-search-replace':
      return parseClineBlocks(entry.edit ?? '');
    case 'roo-multi-search-replace':
      return parseRooBlocks(entry.edit ?? '');
    case 'aider-replace-chunk':
      return [{ oldString: entry.search ?? '', newString: entry.replace ?? '' }];
    case 'continue-find-and-replace':
      return [{ oldString: entry.params?.oldString ?? '', newString: entry.params?.newString ?? '', replaceAll: entry.params?.replaceAll ?? false }];
    case 'continue-multi-edit':
      return (entry.params?.edits ?? []).map((edit) => ({ oldString: edit.old_string, newString: edit.new_string, replaceAll: edit.replace_all ?? false }));
    default:
      throw new Error(`unknown case format ${entry.format} (${entry.id})`);
  }
}

export function runPeerCase(peerCase: Extract<PeerCase, { applicable: true }>): PeerResult {
  const outcome = applyEdits(peerCase.original, peerCase.edits);
  const { id, file } = peerCase;
  if (peerCase.expected === null) {
    return { id, file, passed: !outcome.ok, detail: outcome.ok ? 'applied, but the peer refuses it' : 'refused' };
  }
  if (!outcome.ok) return { id, file, passed: false, detail: `refused: ${outcome.error.split('\n')[0]}` };
  const passed = outcome.content === peerCase.expected;
  return { id, file, passed, detail: passed ? outcome.strategies.join('+') : `got ${JSON.stringify(outcome.content)}` };
}
