// `ouro.worktrees.*`: where worktree sessions are made (default: the extension's global storage)
// and which files git does not carry are copied into each; `ouro.tryWays.*`: how the attempts of
// "Try N ways" differ.
import * as vscode from 'vscode';
import type { AttemptVariety } from '../../agent/worktrees/bestOfN';
import type { CopyEntry } from '../../agent/worktrees/copyFiles';
import { stringsOf } from '../settings/settings';
import { copyEntriesOf } from './copySetting';

export function readWorktreesFolder(globalStorage: vscode.Uri): string {
  const chosen = vscode.workspace.getConfiguration('ouro.worktrees').get<string>('folder', '').trim();
  return chosen || vscode.Uri.joinPath(globalStorage, 'worktrees').fsPath;
}

export function readWorktreeCopy(): { entries: CopyEntry[]; problems: string[] } {
  return copyEntriesOf(vscode.workspace.getConfiguration('ouro.worktrees').get<unknown>('copy'));
}

/** The attempts' models and temperature; a value out of range is left out, as if unset. */
export function readTryWays(): AttemptVariety {
  const config = vscode.workspace.getConfiguration('ouro.tryWays');
  const models = stringsOf(config.get('models')).map((model) => model.trim()).filter(Boolean);
  const temperature = config.get<unknown>('temperature');
  const valid = typeof temperature === 'number' && temperature >= 0 && temperature <= 2;
  return { ...(models.length ? { models } : {}), ...(valid ? { temperature } : {}) };
}
