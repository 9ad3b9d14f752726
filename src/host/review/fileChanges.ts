// The files the agent changed in the chat's conversation, from its checkpoints: the list the chat
// shows, each file's diff against what it held before the conversation, revert per file, and
// "undo since this message". Every restore is confirmed first, in a modal that names each file
// (and warns when the user changed it since), and goes through WorkspaceEdits (undoable).
import * as vscode from 'vscode';
import { changedFiles, planRevert, planUndo, type FileCheckpoint, type RestoreStep } from '../../agent/history/checkpoints';
import type { ConversationRecord } from '../../agent/history/conversationRecord';
import type { UserMessage } from '../../agent/conversation';
import { applyRestore, type RestoreOutcome } from '../../agent/history/restoreFiles';
import { restoreNote } from '../../agent/history/restoreNote';
import { previewRestore, restoreQuestion } from '../../agent/history/restorePreview';
import type { ChangedFileView } from '../../protocol/messages';
import { currentText } from './applyProposal';
import type { BeforeContent } from './beforeContent';
import { editorFileWriter } from './editorFileWriter';

export interface ChangedConversation {
  readonly conversation: ConversationRecord;
  readonly busy: boolean;
  save(): Promise<void>;
}

export interface FileChangesDeps {
  chat: ChangedConversation;
  uriOf(path: string): Promise<vscode.Uri>;
  before: BeforeContent;
  /** A line in the chat saying what was done. */
  notice(text: string): void;
  /** The list changed. */
  changed(): void;
}

export class FileChanges {
  constructor(private readonly deps: FileChangesDeps) {}

  list(): ChangedFileView[] {
    return changedFiles(this.deps.chat.conversation.checkpoints).map((step) => ({ path: step.path, created: step.content === null }));
  }

  /** The file as it was before the conversation (empty for a file the agent created) ↔ the file now. */
  async openDiff(path: string): Promise<void> {
    const step = planRevert(this.deps.chat.conversation.checkpoints, path);
    if (!step) return;
    const before = step.content === null ? '' : step.encoding === 'base64' ? '(not a text file)' : step.content;
    const left = this.deps.before.show(path, before);
    const right = await this.deps.uriOf(path);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${path} (before Ouro ↔ now)`, { preview: true });
  }

  async revert(path: string): Promise<void> {
    const step = planRevert(this.deps.chat.conversation.checkpoints, path);
    if (!step || !(await this.confirm([step], `Revert ${path} to what it was before this conversation`, 'Revert'))) return;
    const outcomes = await applyRestore([step], editorFileWriter(this.deps.uriOf));
    this.finish(outcomes, (entry) => entry.path !== path || failed(outcomes, entry.path), restoreNote(outcomes, this.deps.chat.conversation.messages));
  }

  /** Restores every file the agent changed from message `messageIndex` on (and only those). */
  async undoSince(messageIndex: number): Promise<void> {
    const steps = planUndo(this.deps.chat.conversation.checkpoints, messageIndex);
    if (steps.length === 0) {
      this.deps.notice('Ouro changed no files since that message: nothing to undo.');
      return;
    }
    if (!(await this.confirm(steps, "Undo Ouro's changes since this message", 'Undo Changes'))) return;
    const outcomes = await applyRestore(steps, editorFileWriter(this.deps.uriOf));
    this.finish(outcomes, (entry) => entry.messageIndex < messageIndex || failed(outcomes, entry.path), restoreNote(outcomes, this.deps.chat.conversation.messages, messageIndex));
  }

  private async confirm(steps: readonly RestoreStep[], what: string, action: string): Promise<boolean> {
    if (this.deps.chat.busy) {
      void vscode.window.showInformationMessage('Ouro: wait until Ouro has finished (or stop it) before restoring files.');
      return false;
    }
    const now = new Map<string, string | undefined>();
    for (const step of steps) now.set(step.path, await currentText(await this.deps.uriOf(step.path)).catch(() => undefined));
    const { message, detail } = restoreQuestion(previewRestore(steps, now), what);
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }

  /**
   * Keeps the checkpoints `keep` says (the files not restored), adds the note the model's next
   * request carries, saves, and says what happened.
   */
  private finish(outcomes: readonly RestoreOutcome[], keep: (entry: FileCheckpoint) => boolean, note: UserMessage | undefined): void {
    const { checkpoints, messages } = this.deps.chat.conversation;
    // In place: the recording workspace holds this array.
    checkpoints.splice(0, checkpoints.length, ...checkpoints.filter(keep));
    if (note) messages.push(note);
    void this.deps.chat.save();
    const lines = outcomes.map((outcome) => (outcome.error ? `could not restore ${outcome.path}: ${outcome.error}` : `${outcome.action} ${outcome.path}`));
    this.deps.notice(`Files restored: ${lines.join('; ')}.`);
    this.deps.changed();
  }
}

function failed(outcomes: readonly RestoreOutcome[], path: string): boolean {
  return outcomes.some((outcome) => outcome.path === path && outcome.error !== undefined);
}
