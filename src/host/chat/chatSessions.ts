// The chat view's session list: the worktree sessions with their state (the Sessions view's rows,
// sent whenever they change) and, when the person picks one, its conversation, live while it
// runs (from the runner's events). While the person looks at a session, what the view sends is
// that session's: Stop stops it, Allow / Deny answer its approval, Send is a follow-up once it
// has finished, a file link opens the worktree's file. Everything else goes on to the chat,
// whose own turn never stops for this.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { parseConversation } from '../../agent/history/conversationFile';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import type { HostMessage, TranscriptMessage, WebviewMessage } from '../../protocol/messages';
import type { WorktreeRunner } from '../sessions/newSession';
import { transcriptFile } from '../sessions/sessionRunner';
import { viewOf } from '../sessions/sessionRows';
import type { SessionsView } from '../sessions/sessionsView';
import { transcriptOf } from './conversationTranscript';
import { showPath, type ShownLines } from './showPath';
import { Transcript } from './transcript';

const ROWS_DELAY_MS = 100;

/** What a session's view does not offer: they act on the chat's own conversation. */
const CHAT_ONLY = new Set<WebviewMessage['type']>(['undoSince', 'showDiff', 'errorAction', 'answer', 'sendWithoutImages', 'compact', 'carryOutPlan', 'revertFile']);

export interface ChatSessionsDeps {
  sessions: SessionsView;
  runner: WorktreeRunner;
  post(message: HostMessage): void;
  log: vscode.LogOutputChannel;
}

export class ChatSessions implements vscode.Disposable {
  /** The session the chat view shows, if not the chat. */
  private viewing: string | undefined;
  /** The conversations of the sessions this window ran, as they came. */
  private readonly live = new Map<string, Transcript>();
  /** The sessions that run here, in the workspace, as the rows last said. */
  private hereBranches = new Set<string>();
  private rowsTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ChatSessionsDeps) {
    this.disposables = [deps.runner.onDidEvent(({ branch, message }) => this.received(branch, message)), deps.sessions.onDidRefresh(() => this.scheduleRows())];
  }

  /** True when the message was the session list's, or the shown session's; false: the chat's. */
  handle(message: WebviewMessage): boolean {
    switch (message.type) {
      case 'ready':
        // A reloaded view starts on the chat.
        this.viewing = undefined;
        this.scheduleRows();
        return false;
      case 'viewSession':
        void this.show(message.branch);
        return true;
      case 'stopSession':
        this.stop(message.branch);
        return true;
      default:
        break;
    }
    const branch = this.viewing;
    if (!branch) return false;
    switch (message.type) {
      case 'accept':
      case 'alwaysAllow':
      case 'reject':
        if (!this.deps.runner.answer(branch, message.type !== 'reject')) this.deps.log.warn(`session ${branch}: nothing waits for an answer`);
        return true;
      case 'stop':
        this.stop(branch);
        return true;
      case 'send':
        void this.followUp(branch, message.text);
        return true;
      case 'openFile':
        // A session here works in the workspace: the chat opens its files.
        if (this.hereBranches.has(branch)) return false;
        void this.openFile(branch, message.path, message);
        return true;
      default:
        return CHAT_ONLY.has(message.type);
    }
  }

  /** The chat view shows this session in the chat's place (one just started from its composer). */
  showSession(branch: string): void {
    void this.show(branch);
  }

  private async show(branch: string | undefined): Promise<void> {
    this.viewing = branch;
    if (!branch) return;
    const transcript = this.live.get(branch)?.all() ?? (await this.saved(branch));
    if (this.viewing === branch) this.deps.post({ type: 'sessionView', branch, transcript });
  }

  /** A file link in a worktree session's conversation: the worktree's file, not the workspace's. */
  private openFile(branch: string, path: string, lines: ShownLines): Promise<void> {
    return showPath(async () => {
      const sessions = await this.deps.sessions.required();
      const files = new NodeWorkspace((await sessions.get(branch)).root);
      return { uri: vscode.Uri.file(await files.absolutePath(path)), directory: (await files.stat(path))?.type === 'directory' };
    }, lines);
  }

  private stop(branch: string): void {
    if (!this.deps.runner.stop(branch)) void vscode.window.showInformationMessage(`Ouro: ${branch} is not running in this window.`);
  }

  private async followUp(branch: string, text: string): Promise<void> {
    if (this.deps.runner.isRunning(branch)) {
      this.tell(branch, 'The session is still working: stop it or wait for it to finish, then send your follow-up.');
      this.deps.post({ type: 'queuedBack', text });
      return;
    }
    try {
      const sessions = await this.deps.sessions.required();
      if (!this.live.has(branch)) this.transcriptOf(branch).replace(await this.saved(branch));
      await this.deps.runner.followUp(sessions, branch, text);
    } catch (error) {
      this.tell(branch, `The follow-up was not sent: ${error instanceof Error ? error.message : String(error)}`);
      this.deps.post({ type: 'queuedBack', text });
    }
  }

  /** A line from Ouro in the session's conversation. */
  private tell(branch: string, text: string): void {
    this.received(branch, { type: 'notice', text });
  }

  private received(branch: string, message: TranscriptMessage): void {
    this.transcriptOf(branch).add(shown(message));
  }

  private transcriptOf(branch: string): Transcript {
    let transcript = this.live.get(branch);
    if (!transcript) {
      transcript = new Transcript((message) => {
        if (this.viewing === branch) this.deps.post({ type: 'sessionMessage', branch, message });
      });
      this.live.set(branch, transcript);
    }
    return transcript;
  }

  /** The conversation saved beside the session's record, or a line saying there is none. */
  private async saved(branch: string): Promise<TranscriptMessage[]> {
    const sessions = await this.deps.sessions.sessions();
    const text = sessions instanceof Error ? undefined : await readFile(transcriptFile(sessions, branch), 'utf8').catch(() => undefined);
    if (text === undefined) return [{ type: 'notice', text: 'This session has no saved conversation: it was not started from the editor.' }];
    try {
      const record = parseConversation(text);
      return transcriptOf(record.messages, randomUUID, record.turns).map(shown);
    } catch (error) {
      return [{ type: 'notice', text: `Its conversation could not be read: ${error instanceof Error ? error.message : String(error)}` }];
    }
  }

  private scheduleRows(): void {
    clearTimeout(this.rowsTimer);
    this.rowsTimer = setTimeout(() => void this.postRows(), ROWS_DELAY_MS);
  }

  private async postRows(): Promise<void> {
    const rows = await this.deps.sessions.listRows().catch((error: Error) => (this.deps.log.warn(`sessions: ${error.message}`), []));
    this.hereBranches = new Set(rows.filter((row) => row.here).map((row) => row.branch));
    this.deps.post({ type: 'sessions', rows: rows.map(viewOf) });
  }

  dispose(): void {
    clearTimeout(this.rowsTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A session's user message has no "Undo since": that undoes the chat's changes. */
function shown(message: TranscriptMessage): TranscriptMessage {
  if (message.type !== 'user' || message.messageIndex === undefined) return message;
  const { messageIndex: _index, ...rest } = message;
  return rest;
}
