// What the history list and the history commands do in the editor: show the list (searched),
// open a conversation to continue it, rename and delete (after asking), export the chat as JSON
// or Markdown through a save dialog, and import a JSON export. A file that is not a conversation
// is refused with the reason, and nothing is lost.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { conversationToMarkdown } from '../../agent/history/conversationMarkdown';
import { ConversationFileError, serializeConversation } from '../../agent/history/conversationFile';
import type { ChatAgent } from '../chat/chatAgent';
import type { ChatHistory } from './chatHistory';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { PendingDecisions } from '../chat/decisions';
import { historyEntries } from './historyEntries';

export type ExportFormat = 'json' | 'markdown';

export interface HistoryActionsDeps {
  history: ChatHistory;
  agent: ChatAgent;
  view: ChatViewProvider;
  decisions: PendingDecisions;
  /** Sends the whole chat to the webview (the controller's). */
  postSnapshot(): Promise<void>;
}

export class HistoryActions {
  private query = '';

  constructor(private readonly deps: HistoryActionsDeps) {}

  /** Shows the list in the chat view (opening the view), filtered by `query`. */
  async show(query = this.query): Promise<void> {
    this.query = query;
    const { history, agent, view } = this.deps;
    await agent.restored;
    const entries = await historyEntries(history.store, query, agent.conversation.id);
    view.post({ type: 'history', query, entries });
  }

  async open(id: string): Promise<void> {
    const loaded = await this.deps.history.store.load(id);
    if (!loaded) {
      void vscode.window.showWarningMessage('Ouro: that conversation is no longer saved.');
      return this.show();
    }
    this.deps.decisions.rejectAll('The user opened another conversation.');
    this.deps.agent.open(loaded);
    await this.deps.postSnapshot();
  }

  async rename(id: string): Promise<void> {
    const { agent, history } = this.deps;
    const current = agent.conversation.id === id ? agent.conversation : (await history.store.load(id))?.conversation;
    if (!current) return this.show();
    const title = await vscode.window.showInputBox({
      title: 'Rename conversation',
      value: current.title,
      prompt: 'Empty: named after its first message again.',
    });
    if (title === undefined) return;
    if (current === agent.conversation) {
      // The chat's own record is saved after every step: renamed there, or the next save undoes it.
      current.titleSetByUser = Boolean(title.trim());
      if (title.trim()) current.title = title.trim();
      await agent.save();
    } else {
      await history.store.rename(id, title);
    }
    await this.show();
  }

  async remove(id: string): Promise<void> {
    const { agent, history } = this.deps;
    const isCurrent = agent.conversation.id === id;
    if (isCurrent && agent.busy) {
      void vscode.window.showInformationMessage('Ouro: stop the running task before deleting its conversation.');
      return;
    }
    const title = isCurrent ? agent.conversation.title : (await history.store.load(id))?.conversation.title;
    if (title === undefined) return this.show();
    const choice = await vscode.window.showWarningMessage(`Delete the conversation "${title}"?`, { modal: true, detail: 'It cannot be restored.' }, 'Delete');
    if (choice !== 'Delete') return;
    await history.store.delete(id);
    if (isCurrent) {
      agent.reset();
      await this.deps.postSnapshot();
    }
    await this.show();
  }

  /** Writes the chat's conversation to `target` (asked with a save dialog when not given); returns where. */
  async exportCurrent(format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const conversation = this.deps.agent.conversation;
    if (!conversation.messages.some((message) => message.role === 'user')) {
      void vscode.window.showInformationMessage('Ouro: this chat has nothing to export yet.');
      return undefined;
    }
    format ??= await pickFormat();
    if (!format) return undefined;
    target ??= await vscode.window.showSaveDialog({
      title: 'Export conversation',
      defaultUri: vscode.Uri.joinPath(baseFolder(), `${fileNameFor(conversation.title)}.${format === 'json' ? 'json' : 'md'}`),
      filters: format === 'json' ? { 'Ouro conversation': ['json'] } : { Markdown: ['md'] },
    });
    if (!target) return undefined;
    const text = format === 'json' ? serializeConversation(conversation) : conversationToMarkdown(conversation);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Ouro: exported "${conversation.title}" to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
  }

  /** Imports a JSON export from `source` (asked when not given) as a new conversation and opens it; returns its id. */
  async importFrom(source?: vscode.Uri): Promise<string | undefined> {
    source ??= (await vscode.window.showOpenDialog({ title: 'Import conversation', canSelectMany: false, filters: { 'Ouro conversation': ['json'] }, defaultUri: baseFolder() }))?.[0];
    if (!source) return undefined;
    const name = vscode.workspace.asRelativePath(source);
    let imported;
    try {
      imported = await this.deps.history.store.importJson(new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
    } catch (error) {
      if (!(error instanceof ConversationFileError)) throw error;
      void vscode.window.showErrorMessage(`Ouro: ${name} cannot be imported: ${error.message}.`);
      return undefined;
    }
    await this.open(imported.id);
    void vscode.window.showInformationMessage(`Ouro: imported "${imported.title}".`);
    return imported.id;
  }
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'JSON', description: 'the whole conversation; Ouro can import it again', format: 'json' as const },
      { label: 'Markdown', description: 'to read or share', format: 'markdown' as const },
    ],
    { title: 'Export conversation as' },
  );
  return picked?.format;
}

function baseFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/** A file name from the title: letters, digits and dashes. */
function fileNameFor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'conversation';
}
