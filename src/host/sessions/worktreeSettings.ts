// `ouro.worktrees.*`: where worktree sessions are made (default: the extension's global storage)
// and which files git does not carry are copied into each.
import * as vscode from 'vscode';
import type { CopyEntry } from '../../agent/worktrees/copyFiles';
import { copyEntriesOf } from './copySetting';

export function readWorktreesFolder(globalStorage: vscode.Uri): string {
  const chosen = vscode.workspace.getConfiguration('ouro.worktrees').get<string>('folder', '').trim();
  return chosen || vscode.Uri.joinPath(globalStorage, 'worktrees').fsPath;
}

export function readWorktreeCopy(): { entries: CopyEntry[]; problems: string[] } {
  return copyEntriesOf(vscode.workspace.getConfiguration('ouro.worktrees').get<unknown>('copy'));
}
