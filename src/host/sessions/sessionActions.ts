// What the person does with a worktree session: review its change file by file in diff editors,
// apply it onto the workspace (three-way; on a conflict, only with their say-so and with markers
// in every conflicting file, never half), open its worktree in a new window, or discard it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConflictedFile } from '../../agent/worktrees/applyChange';
import type { WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import { conflictPrompt } from './applyConflicts';
import { absentUri, baseUri, type BaseContent } from './baseContent';

/** Opens a diff editor per changed file: the base commit's version ↔ the worktree's file. */
export async function reviewSession(sessions: WorktreeSessions, branch: string): Promise<number> {
  const session = await sessions.get(branch);
  const diff = await sessions.diff(branch);
  if (diff.files.length === 0) {
    void vscode.window.showInformationMessage(`Ouro: ${session.branch} has changed no file.`);
    return 0;
  }
  const root = sessions.repository.root;
  for (const [index, file] of diff.files.entries()) {
    const left = file.kind === 'added' ? absentUri(file.path) : baseUri(root, diff.base, file.path);
    const right = file.kind === 'deleted' ? absentUri(file.path) : vscode.Uri.file(path.join(session.folder, ...file.path.split('/')));
    const title = `${file.path} (${file.kind === 'added' ? 'new in' : file.kind === 'deleted' ? 'deleted in' : 'base ↔'} ${session.branch})`;
    // The first takes the editor; the rest open as tabs behind it, in order.
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false, preserveFocus: index > 0 });
  }
  return diff.files.length;
}

/**
 * Applies it whole, or (after a conflict and the person's yes) with conflict markers, or not at
 * all. Each conflicting file opens in the merge editor (the workspace's version, the session's,
 * their base) when `documents` can serve the three; otherwise as text with its markers.
 */
export async function applySession(sessions: WorktreeSessions, branch: string, workspaceFolder: vscode.Uri, documents?: BaseContent): Promise<'applied' | 'markers' | 'cancelled'> {
  const first = await sessions.apply(branch);
  if (first.applied) {
    const written = first.files.filter((file) => file.outcome !== 'unchanged').length;
    void vscode.window.showInformationMessage(`Ouro: applied ${branch} to the workspace (${written} file${written === 1 ? '' : 's'}).`);
    return 'applied';
  }
  const prompt = conflictPrompt(branch, first.conflicts);
  const action = 'Apply with Conflict Markers';
  const choice = await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, ...(prompt.markersPossible ? [action] : []));
  if (choice !== action) return 'cancelled';
  const second = await sessions.apply(branch, { onConflict: 'markers' });
  const conflicted = second.files.filter((file) => file.outcome === 'conflict').map((file) => file.path);
  for (const file of conflicted) {
    const output = vscode.Uri.joinPath(workspaceFolder, ...file.split('/'));
    const conflict = first.conflicts.find((candidate) => candidate.path === file);
    if (!(documents && conflict && (await openMergeEditor(documents, branch, conflict, output)))) await vscode.window.showTextDocument(output, { preview: false });
  }
  void vscode.window.showWarningMessage(`Ouro: applied ${branch} with conflict markers in ${conflicted.join(', ')}: resolve them in the editor.`);
  return 'markers';
}

/**
 * VS Code's merge editor on a file written with markers: the workspace's version before the
 * apply, the session's, and their base, served read-only. False where a side is not text or the
 * editor has no merge editor (the command is VS Code's own, not part of the stable API).
 */
async function openMergeEditor(documents: BaseContent, branch: string, conflict: ConflictedFile, output: vscode.Uri): Promise<boolean> {
  const { base, ours, theirs } = conflict;
  if (base === undefined || ours === undefined || theirs === undefined) return false;
  try {
    await vscode.commands.executeCommand('_open.mergeEditor', {
      base: documents.show(`base/${conflict.path}`, base),
      input1: { uri: documents.show(`workspace/${conflict.path}`, ours), title: 'Workspace', description: 'as it was before the apply' },
      input2: { uri: documents.show(`${branch}/${conflict.path}`, theirs), title: branch, description: "the session's change" },
      output,
    });
    return true;
  } catch {
    return false;
  }
}

export async function openWorktree(sessions: WorktreeSessions, branch: string): Promise<void> {
  const session = await sessions.get(branch);
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(session.root), { forceNewWindow: true });
}

/** After a modal yes: removes the worktree, its branch and its record. */
export async function discardSession(sessions: WorktreeSessions, branch: string): Promise<boolean> {
  const session = await sessions.get(branch);
  const action = 'Discard';
  const choice = await vscode.window.showWarningMessage(`Discard the session "${session.title}"?`, { modal: true, detail: `Its worktree (${session.folder}) and its branch ${session.branch} are removed, with every change not applied.` }, action);
  if (choice !== action) return false;
  await sessions.discard(branch);
  await closeTabsUnder(session.folder);
  return true;
}

/** Closes the editors (its review's diffs among them) showing files of a worktree that is gone. */
export async function closeTabsUnder(folder: string): Promise<void> {
  const inside = (uri: vscode.Uri | undefined) => {
    const relative = uri?.scheme === 'file' ? path.relative(folder, uri.fsPath) : '..';
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputTextDiff) return inside(input.modified) || inside(input.original);
    return input instanceof vscode.TabInputText && inside(input.uri);
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
