// search_files for the VS Code workspace: the ripgrep VS Code ships (through the shared runner)
// when the folder is on the local disk, else a search over vscode.workspace.fs that uses the
// same pattern rules, glob filter and match collector, so both answer alike.
import * as vscode from 'vscode';
import { globFilter } from '../../agent/workspace/globs';
import type { IgnoreRules } from '../../agent/workspace/ignoreRules';
import { compileSearchPattern } from '../../agent/workspace/nodeSearch';
import { findRipgrep, searchWithRipgrep } from '../../agent/workspace/ripgrep';
import { MatchCollector, MAX_SEARCH_FILE_BYTES, type EngineQuery, type EngineResult, type SearchScope } from '../../agent/workspace/searchEngine';
import { walkWorkspaceFolder } from './fsWalk';

/** VS Code's own rg: unpacked from the asar in packaged builds, plain in others. */
export async function vscodeRipgrep(): Promise<string | undefined> {
  const root = vscode.env.appRoot;
  const unpacked = `${root}/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg${process.platform === 'win32' ? '.exe' : ''}`;
  const plain = `${root}/node_modules/@vscode/ripgrep/bin/rg${process.platform === 'win32' ? '.exe' : ''}`;
  const first = await findRipgrep(unpacked);
  return first === unpacked ? first : findRipgrep(plain);
}

export interface FolderSearch {
  folder: vscode.Uri;
  scope: SearchScope;
  /** For the fallback: the rules with the start's parent ignore files added. */
  rules: () => IgnoreRules;
}

export async function searchFolder(search: FolderSearch, query: EngineQuery): Promise<{ result: EngineResult; engine: string }> {
  if (search.folder.scheme === 'file') {
    const rg = await vscodeRipgrep();
    if (rg) return { result: await searchWithRipgrep(rg, search.scope, query), engine: 'ripgrep' };
  }
  return { result: await searchWithWorkspaceFs(search, query), engine: 'node' };
}

async function searchWithWorkspaceFs(search: FolderSearch, query: EngineQuery): Promise<EngineResult> {
  const regex = compileSearchPattern(query.pattern, query.caseSensitive);
  const globs = globFilter(query.globs);
  const { folder, scope } = search;
  const files: string[] = [];
  const start = scope.relative === '' ? folder : vscode.Uri.joinPath(folder, scope.relative);
  if ((await vscode.workspace.fs.stat(start)).type === vscode.FileType.File) {
    files.push(scope.relative);
  } else {
    await walkWorkspaceFolder({
      folder,
      start: scope.relative,
      rules: search.rules(),
      recursive: true,
      signal: query.signal,
      skipFolder: (relative) => globs.excludesFolder(relative),
      onEntry: (entry) => {
        if (entry.kind === 'file' && globs.includesFile(entry.relative) && scope.allows(entry.relative)) files.push(entry.relative);
      },
    });
  }
  const collector = new MatchCollector(query);
  for (const file of files) {
    if (collector.full) break;
    if (query.signal?.aborted) throw query.signal.reason;
    const text = await readSearchable(vscode.Uri.joinPath(folder, file));
    if (text === undefined) continue;
    collector.startFile();
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((raw, index) => {
      if (collector.full) return;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (regex.test(line)) collector.match(file, index + 1, line);
      else if (query.context > 0) collector.contextLine(index + 1, line);
    });
  }
  return { matches: collector.matches, total: collector.total, totalIsLowerBound: collector.full };
}

/** Text of a file ripgrep would search too: not too large, not binary. */
async function readSearchable(uri: vscode.Uri): Promise<string | undefined> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_SEARCH_FILE_BYTES) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
