// The Sessions view's commands: each takes the tree's row, or (from the command palette) asks
// which session with a quick pick. Failures are shown, never thrown into the void.
import * as vscode from 'vscode';
import type { WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import { applySession, discardSession, openWorktree, reviewSession } from './sessionActions';
import type { SessionRow } from './sessionRows';
import { lookOf } from './sessionRows';
import type { SessionsView } from './sessionsView';
import type { WorktreeRunner } from './newSession';
import type { TryNWays } from './tryNWays';
import type { HereSessions } from './hereSession';
import type { BaseContent } from './baseContent';

type Action = (sessions: WorktreeSessions, branch: string) => Promise<unknown>;

export function registerSessionCommands(view: SessionsView, runner: WorktreeRunner, tries: TryNWays, here: HereSessions, documents: BaseContent, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const folder = () => vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file')?.uri;
  const onSession = (action: Action) => async (row?: SessionRow) => {
    try {
      const sessions = await view.required();
      const branch = row?.branch ?? (await pickSession(view));
      if (!branch) return;
      await action(sessions, branch);
    } catch (error) {
      shown(log)(error);
    } finally {
      view.refresh();
    }
  };
  return [
    vscode.commands.registerCommand('ouro.sessions.refresh', () => view.reload()),
    vscode.commands.registerCommand('ouro.sessions.new', () => runner.startFromPrompt().catch(shown(log))),
    vscode.commands.registerCommand('ouro.sessions.newHere', () => here.startFromPrompt().catch(shown(log))),
    vscode.commands.registerCommand('ouro.sessions.tryN', () => tries.fromPalette().catch(shown(log))),
    vscode.commands.registerCommand('ouro.sessions.transcript', onSession((sessions, branch) => runner.showTranscript(sessions, branch))),
    vscode.commands.registerCommand('ouro.sessions.review', onSession(reviewSession)),
    vscode.commands.registerCommand(
      'ouro.sessions.apply',
      onSession(async (sessions, branch) => {
        const workspace = folder();
        if (!workspace) throw new Error('open a folder to apply a session to');
        await applySession(sessions, branch, workspace, documents);
      }),
    ),
    vscode.commands.registerCommand('ouro.sessions.open', onSession(openWorktree)),
    vscode.commands.registerCommand('ouro.sessions.discard', onSession(discardSession)),
    vscode.commands.registerCommand(
      'ouro.sessions.stop',
      onSession(async (_sessions, branch) => {
        if (!runner.stop(branch)) throw new Error(`${branch} is not running in this window`);
      }),
    ),
  ];
}

async function pickSession(view: SessionsView): Promise<string | undefined> {
  await view.getChildren();
  if (view.rows.length === 0) {
    void vscode.window.showInformationMessage('Ouro: there are no worktree sessions.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    view.rows.map((row) => ({ label: row.title, description: lookOf(row).description, detail: row.branch, branch: row.branch })),
    { placeHolder: 'Which session?' },
  );
  return picked?.branch;
}

function shown(log: vscode.LogOutputChannel): (error: unknown) => void {
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`sessions: ${message}`);
    void vscode.window.showErrorMessage(`Ouro: ${message}`);
  };
}
