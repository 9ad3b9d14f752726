// "Ouro: New Session in a Worktree": asks for the prompt, makes the worktree (with the files
// `ouro.worktrees.copy` lists) and runs the agent there in the background with the chat's model.
// When it ends the person is told, with Review and Apply one click away. The chat stays the one
// session that works in the workspace itself.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { conversationToMarkdown } from '../../agent/history/conversationMarkdown';
import { parseConversation } from '../../agent/history/conversationFile';
import type { Model } from '../../agent/model';
import { titleOf } from '../../agent/worktrees/branchName';
import type { WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import { createChatModel } from '../models/modelFactory';
import type { ApiKeyStore } from '../settings/apiKeyStore';
import { readSettings } from '../settings/settings';
import type { BaseContent } from './baseContent';
import { inWorktree, runSession, transcriptFile, type SessionEnd } from './sessionRunner';
import type { SessionRow } from './sessionRows';
import type { SessionsView } from './sessionsView';
import { readWorktreeCopy } from './worktreeSettings';

/** The model for a new session, or why there is none. */
export type SessionModel = () => Promise<{ model: Model } | { problem: string }>;

/** The chat's model as the settings name it now. */
export async function sessionModel(apiKeys: ApiKeyStore, log: vscode.LogOutputChannel): ReturnType<SessionModel> {
  const choice = await createChatModel(readSettings(), await apiKeys.stored(), (line) => log.info(line));
  return choice.kind === 'ready' ? { model: choice.model } : { problem: choice.reason };
}

export class WorktreeRunner implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly view: SessionsView,
    readonly model: SessionModel,
    private readonly log: vscode.LogOutputChannel,
    /** Where the transcript is shown read-only. */
    private readonly documents: BaseContent,
  ) {}

  /** Asks for the prompt and starts the session; resolves once it runs (not when it ends). */
  async startFromPrompt(): Promise<void> {
    const sessions = await this.view.sessions();
    if (sessions instanceof Error) {
      void vscode.window.showErrorMessage(`Ouro: ${sessions.message}. Sessions run only here, in the chat.`);
      return;
    }
    const prompt = await vscode.window.showInputBox({ title: 'New Session in a Worktree', prompt: 'What should Ouro do? It works on a new branch in its own worktree; you review and apply the change.', ignoreFocusOut: true });
    if (!prompt?.trim()) return;
    await this.start(sessions, prompt.trim());
  }

  /** Makes the worktree and runs the session in the background; the session's end, once it ends. */
  async start(sessions: WorktreeSessions, prompt: string): Promise<{ branch: string; ended: Promise<SessionEnd> } | undefined> {
    const chosen = await this.model();
    if ('problem' in chosen) {
      void vscode.window.showErrorMessage(`Ouro: ${chosen.problem}`);
      return undefined;
    }
    const copy = readWorktreeCopy();
    for (const problem of copy.problems) void vscode.window.showWarningMessage(`Ouro: ${problem}`);
    const session = await sessions.create({ title: titleOf(prompt), copy: copy.entries });
    for (const skipped of session.notCopied) this.log.info(`session ${session.branch}: not copied: ${skipped}`);
    this.log.info(`session ${session.branch} runs in ${session.root}`);
    const controller = new AbortController();
    this.running.set(session.branch, controller);
    this.view.refresh();
    const ended = runSession({ ...inWorktree(sessions, session), prompt, model: chosen.model, log: this.log, signal: controller.signal, waiting: (waiting) => this.view.setWaiting(session.branch, waiting) }).then(async (end) => {
      this.running.delete(session.branch);
      await sessions.finish(session.branch, end.state).catch((error: Error) => this.log.warn(`session ${session.branch}: ${error.message}`));
      this.view.refresh();
      this.announce(sessions, session.branch, session.title, end);
      return end;
    });
    return { branch: session.branch, ended };
  }

  /** Opens the session's conversation as Markdown, read-only. */
  async showTranscript(sessions: WorktreeSessions, branch: string): Promise<void> {
    const session = await sessions.get(branch);
    const text = await readFile(transcriptFile(sessions, session.branch), 'utf8').catch(() => undefined);
    if (text === undefined) {
      void vscode.window.showInformationMessage(`Ouro: ${session.branch} has no saved conversation (it was not started from the editor).`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(this.documents.show(`${session.branch.replace(/^ouro\//, '')}.md`, conversationToMarkdown(parseConversation(text))));
    await vscode.window.showTextDocument(document, { preview: true });
  }

  /** Its buttons do nothing but say so once the session was discarded (the toast may outlive it). */
  private announce(sessions: WorktreeSessions, branch: string, title: string, end: SessionEnd): void {
    const row: Pick<SessionRow, 'branch'> = { branch };
    const text = end.state === 'done' ? `Ouro: the session "${title}" is done.` : `Ouro: the session "${title}" failed: ${end.reason ?? 'see its transcript'}.`;
    void vscode.window.showInformationMessage(text, 'Review', 'Apply').then(async (choice) => {
      if (!choice) return;
      if (!(await sessions.get(branch).then(() => true, () => false))) return void vscode.window.showInformationMessage(`Ouro: the session "${title}" was discarded.`);
      if (choice === 'Review') void vscode.commands.executeCommand('ouro.sessions.review', row);
      if (choice === 'Apply') void vscode.commands.executeCommand('ouro.sessions.apply', row);
    });
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
