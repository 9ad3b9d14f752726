// "Ouro: New Session Here": the agent in the background on the workspace itself, with the chat's
// model. Unlike a worktree session, nothing is isolated: each edit asks first (with Show Diff),
// commands run in the sandbox with the workspace as the writable folder, and its first write
// takes the workspace's write lock, shared with the chat's turn and the other sessions here.
// While another holds it, the session waits and says so in the Sessions view and in a
// notification, then goes on. Its conversation is saved under the extension's storage.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceWriteLock } from '../../agent/sessions/writeLock';
import type { Proposal } from '../../agent/workspace/workspace';
import { titleOf } from '../../agent/worktrees/branchName';
import { absentUri, type BaseContent } from './baseContent';
import type { SessionModel } from './newSession';
import type { SessionRow } from './sessionRows';
import { runSession, type SessionEnd } from './sessionRunner';
import type { SessionsView } from './sessionsView';

export const WAITING_FOR_LOCK = 'waiting: another session is writing in this workspace';

interface Running {
  row: SessionRow;
  started: number;
  ended?: number;
  controller: AbortController;
  waitingForLock: boolean;
  askingPerson: boolean;
}

export class HereSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, Running>();
  private count = 0;

  constructor(
    private readonly view: SessionsView,
    private readonly lock: WorkspaceWriteLock,
    private readonly model: SessionModel,
    private readonly log: vscode.LogOutputChannel,
    private readonly documents: BaseContent,
    /** Where their conversations are saved. */
    private readonly storage: string,
  ) {
    view.hereRows = () => this.rows();
  }

  async startFromPrompt(): Promise<void> {
    const prompt = await vscode.window.showInputBox({ title: 'New Session Here', prompt: 'What should Ouro do? It works in this workspace in the background; each edit asks you first.', ignoreFocusOut: true });
    if (!prompt?.trim()) return;
    await this.start(prompt.trim());
  }

  /** Runs it in the background; its end, once it ends. */
  async start(prompt: string): Promise<{ id: string; ended: Promise<SessionEnd> } | undefined> {
    const chosen = await this.model();
    if ('problem' in chosen) return void vscode.window.showErrorMessage(`Ouro: ${chosen.problem}`);
    const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
    if (!folder) return void vscode.window.showErrorMessage('Ouro: open a folder first.');
    const id = `here-${++this.count}-${Date.now()}`;
    const title = titleOf(prompt);
    const session: Running = { row: { branch: id, title, state: 'running', elapsed: 0, present: false, here: true }, started: Date.now(), controller: new AbortController(), waitingForLock: false, askingPerson: false };
    this.sessions.set(id, session);
    this.view.refresh();
    await mkdir(this.storage, { recursive: true });
    let lockWait: (() => void) | undefined;
    const ended = runSession({
      root: folder.uri.fsPath,
      title,
      transcript: join(this.storage, `${id}.conversation.json`),
      prompt,
      model: chosen.model,
      log: this.log,
      signal: session.controller.signal,
      waiting: (waiting) => this.update(session, { askingPerson: waiting }),
      here: {
        lock: this.lock,
        owner: `the session "${title}"`,
        waitingForLock: (waiting) => {
          if (waiting === session.waitingForLock) return;
          this.update(session, { waitingForLock: waiting });
          if (waiting) lockWait = this.announceWait(title, session.controller);
          else lockWait?.();
        },
        showDiff: (proposal) => this.showDiff(folder.uri, proposal),
      },
    }).then((end) => {
      lockWait?.();
      session.ended = Date.now();
      this.update(session, { waitingForLock: false, askingPerson: false }, end.state);
      void vscode.window.showInformationMessage(end.state === 'done' ? `Ouro: the session "${title}" (here) is done.` : `Ouro: the session "${title}" (here) failed: ${end.reason ?? 'see the Ouro log'}.`);
      return end;
    });
    return { id, ended };
  }

  rows(): SessionRow[] {
    const now = Date.now();
    return [...this.sessions.values()].reverse().map((session) => ({ ...session.row, elapsed: (session.ended ?? now) - session.started }));
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.controller.abort();
  }

  private update(session: Running, change: Partial<Pick<Running, 'waitingForLock' | 'askingPerson'>>, ended?: SessionEnd['state']): void {
    Object.assign(session, change);
    const state = ended ?? (session.askingPerson ? 'waiting' : 'running');
    const { note: _note, ...row } = session.row;
    session.row = { ...row, state, ...(session.waitingForLock && !ended ? { note: WAITING_FOR_LOCK } : {}) };
    this.view.refresh();
  }

  /** A notification while it waits for the lock (Cancel stops the session); the returned function takes it away. */
  private announceWait(title: string, controller: AbortController): () => void {
    let done!: () => void;
    const over = new Promise<void>((resolve) => (done = resolve));
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Ouro: the session "${title}" is ${WAITING_FOR_LOCK}; it goes on once that one is done.`, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      return over;
    });
    return done;
  }

  private async showDiff(folder: vscode.Uri, proposal: Proposal): Promise<void> {
    const left = proposal.original === undefined ? absentUri(proposal.path) : vscode.Uri.joinPath(folder, ...proposal.path.split('/'));
    const right = this.documents.show(proposal.path, proposal.content);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${proposal.path} (now ↔ proposed)`, { preview: true });
  }
}
