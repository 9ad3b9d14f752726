// "Ouro: New Session in a Worktree": asks for the prompt, makes the worktree (with the files
// `ouro.worktrees.copy` lists) and runs the agent there in the background with the chat's model.
// When it ends the person is told, with Review and Apply one click away. The chat stays the one
// session that works in the workspace itself. A session can be stopped on its own, and a finished
// one can be sent a follow-up (its conversation goes on in the same worktree).
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { conversationToMarkdown } from '../../agent/history/conversationMarkdown';
import { parseConversation } from '../../agent/history/conversationFile';
import type { Model } from '../../agent/model';
import { titleOf } from '../../agent/worktrees/branchName';
import type { WorktreeSession, WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import type { ConversationRecord } from '../../agent/history/conversationRecord';
import type { TranscriptMessage } from '../../protocol/messages';
import { createChatModel } from '../models/modelFactory';
import type { ApiKeyStore } from '../settings/apiKeyStore';
import { readSettings } from '../settings/settings';
import type { BaseContent } from './baseContent';
import { inWorktree, runSession, transcriptFile, type SessionEnd } from './sessionRunner';
import type { SessionRow } from './sessionRows';
import type { SessionsView } from './sessionsView';
import { readWorktreeCopy } from './worktreeSettings';

/** The model for a new session (another model or temperature on the chat's endpoint when asked), or why there is none. */
export type SessionModel = (variant?: { model?: string; temperature?: number }) => Promise<{ model: Model } | { problem: string }>;

/** The chat's model as the settings name it now, or `variant`'s. */
export async function sessionModel(apiKeys: ApiKeyStore, log: vscode.LogOutputChannel, variant: { model?: string; temperature?: number } = {}): ReturnType<SessionModel> {
  const settings = readSettings();
  const choice = await createChatModel({ ...settings, model: variant.model ?? settings.model }, await apiKeys.stored(), (line) => log.info(line), variant.temperature);
  return choice.kind === 'ready' ? { model: choice.model } : { problem: choice.reason };
}

export class WorktreeRunner implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();
  /** Each running session's open approvals, oldest first: the chat view may answer them. */
  private readonly asks = new Map<string, Array<(allowed: boolean) => void>>();
  private readonly events = new vscode.EventEmitter<{ branch: string; message: TranscriptMessage }>();
  /** Every event of every session this window runs, as it comes. */
  readonly onDidEvent = this.events.event;

  constructor(
    private readonly view: SessionsView,
    readonly model: SessionModel,
    private readonly log: vscode.LogOutputChannel,
    /** Where the transcript is shown read-only. */
    private readonly documents: BaseContent,
  ) {}

  /** Asks for the prompt and starts the session; resolves once it runs (not when it ends). */
  async startFromPrompt(): Promise<void> {
    const sessions = await this.repository();
    if (!sessions) return;
    const prompt = await vscode.window.showInputBox({ title: 'New Session in a Worktree', prompt: 'What should Ouro do? It works on a new branch in its own worktree; you review and apply the change.', ignoreFocusOut: true });
    if (!prompt?.trim()) return;
    await this.start(sessions, prompt.trim());
  }

  /** Starts a session on `prompt` (the chat's composer); its branch once it runs. */
  async startWith(prompt: string): Promise<string | undefined> {
    const sessions = await this.repository();
    return sessions && (await this.start(sessions, prompt))?.branch;
  }

  /** The workspace's sessions, or undefined after saying why there are none. */
  private async repository(): Promise<WorktreeSessions | undefined> {
    const sessions = await this.view.sessions();
    if (!(sessions instanceof Error)) return sessions;
    void vscode.window.showErrorMessage(`Ouro: ${sessions.message}. Sessions run only here, in the chat.`);
    return undefined;
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
    return { branch: session.branch, ended: this.launch(sessions, session, prompt, chosen.model) };
  }

  /** Sends a follow-up into a finished session's conversation: it runs again in its worktree. */
  async followUp(sessions: WorktreeSessions, branch: string, prompt: string): Promise<SessionEnd | undefined> {
    if (this.running.has(branch)) throw new Error('the session is still working: stop it or wait for it to finish first');
    const text = await readFile(transcriptFile(sessions, branch), 'utf8').catch(() => undefined);
    if (text === undefined) throw new Error(`${branch} has no saved conversation to go on with`);
    const conversation = parseConversation(text);
    const chosen = await this.model();
    if ('problem' in chosen) throw new Error(chosen.problem);
    const session = await sessions.resume(branch);
    return this.launch(sessions, session, prompt, chosen.model, conversation);
  }

  isRunning(branch: string): boolean {
    return this.running.has(branch);
  }

  /** Stops one session (its changes stay for review); false when it was not running here. */
  stop(branch: string): boolean {
    const controller = this.running.get(branch);
    controller?.abort();
    return Boolean(controller);
  }

  /** Answers the session's oldest open approval (the notification then no longer decides it); false when none waits. */
  answer(branch: string, allowed: boolean): boolean {
    const settle = this.asks.get(branch)?.[0];
    settle?.(allowed);
    return Boolean(settle);
  }

  private launch(sessions: WorktreeSessions, session: WorktreeSession, prompt: string, model: Model, conversation?: ConversationRecord): Promise<SessionEnd> {
    const controller = new AbortController();
    const { branch } = session;
    this.running.set(branch, controller);
    this.view.refresh();
    const answers = (settle: (allowed: boolean) => void) => {
      this.asks.set(branch, [...(this.asks.get(branch) ?? []), settle]);
      return () => this.asks.set(branch, (this.asks.get(branch) ?? []).filter((other) => other !== settle));
    };
    const onEvent = (message: TranscriptMessage) => this.events.fire({ branch, message });
    return runSession({ ...inWorktree(sessions, session), prompt, model, conversation, log: this.log, signal: controller.signal, onEvent, answers, waiting: (waiting) => this.view.setWaiting(branch, waiting) }).then(async (end) => {
      this.running.delete(branch);
      this.asks.delete(branch);
      await sessions.finish(branch, end.state).catch((error: Error) => this.log.warn(`session ${branch}: ${error.message}`));
      this.view.refresh();
      this.announce(sessions, branch, session.title, end);
      return end;
    });
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
    const text =
      end.state === 'done' ? `Ouro: the session "${title}" is done.` : end.state === 'stopped' ? `Ouro: the session "${title}" was stopped; its changes are kept.` : `Ouro: the session "${title}" failed: ${end.reason ?? 'see its transcript'}.`;
    void vscode.window.showInformationMessage(text, 'Review', 'Apply').then(async (choice) => {
      if (!choice) return;
      if (!(await sessions.get(branch).then(() => true, () => false))) return void vscode.window.showInformationMessage(`Ouro: the session "${title}" was discarded.`);
      if (choice === 'Review') void vscode.commands.executeCommand('ouro.sessions.review', row);
      if (choice === 'Apply') void vscode.commands.executeCommand('ouro.sessions.apply', row);
    });
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.events.dispose();
  }
}
