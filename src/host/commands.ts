// The `ouro.*` commands: palette, context menus, the diff editor's title bar, the keybinding.
import * as vscode from 'vscode';
import type { ApiKeyStore } from './settings/apiKeyStore';
import { fileAttachment, selectionAttachments, type AttachmentStore } from './chat/attachments';
import type { ChatController } from './chat/chatController';
import type { ChatAgent } from './chat/chatAgent';
import type { ChatViewProvider } from './chat/chatViewProvider';
import type { PendingDecisions } from './chat/decisions';
import type { ModelControls } from './models/modelControls';
import type { ExportFormat, HistoryActions } from './history/historyActions';
import { toolCallIdOf } from './review/proposalFileSystem';

export interface CommandDeps {
  view: ChatViewProvider;
  controller: ChatController;
  agent: ChatAgent;
  decisions: PendingDecisions;
  attachments: AttachmentStore;
  apiKeys: ApiKeyStore;
  history: HistoryActions;
  searchKeys: ApiKeyStore;
  log: vscode.LogOutputChannel;
  models: ModelControls;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { view, controller, agent, decisions, attachments, apiKeys, searchKeys, history, log, models } = deps;
  const register = (id: string, run: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${id} failed: ${message}`);
        void vscode.window.showErrorMessage(`Ouro: ${message}`);
      }
    });

  return [
    register('ouro.newChat', () => controller.newChat()),
    register('ouro.stop', () => agent.stop()),
    // With the key as an argument (scripts, tests) nothing is asked; the result says what changed.
    register('ouro.setApiKey', (key?: string) => (typeof key === 'string' ? apiKeys.set(key) : apiKeys.prompt())),
    register('ouro.setSearchApiKey', (key?: string) => (typeof key === 'string' ? searchKeys.set(key) : searchKeys.prompt())),
    register('ouro.focusChat', () => view.reveal()),
    register('ouro.chooseModel', () => models.choose()),
    register('ouro.testConnection', () => models.testConfigured()),
    register('ouro.showHistory', async () => {
      await view.reveal();
      await history.show('');
    }),
    // With a format and a file as arguments (scripts, tests) no dialog is shown.
    register('ouro.exportConversation', (format?: ExportFormat, target?: vscode.Uri) => history.exportCurrent(format, target)),
    register('ouro.importConversation', (source?: vscode.Uri) => history.importFrom(source)),
    register('ouro.askAboutFile', async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      const uris = selected?.length ? selected : [clicked ?? vscode.window.activeTextEditor?.document.uri].filter((uri): uri is vscode.Uri => uri !== undefined);
      if (uris.length === 0) return void vscode.window.showInformationMessage('Ouro: open or select a file to ask about.');
      for (const uri of uris) {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.Directory) continue;
        attachments.add(await fileAttachment(uri));
      }
      await view.reveal();
    }),
    register('ouro.askAboutSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      const selected = editor ? selectionAttachments(editor) : [];
      if (selected.length === 0) return void vscode.window.showInformationMessage('Ouro: select some lines to ask about.');
      for (const attachment of selected) attachments.add(attachment);
      await view.reveal();
    }),
    register('ouro.acceptProposal', (uri?: vscode.Uri) => {
      const id = proposalTarget(decisions, uri);
      if (id) decisions.decide(id, { accepted: true });
    }),
    register('ouro.rejectProposal', async (uri?: vscode.Uri) => {
      const id = proposalTarget(decisions, uri);
      if (!id) return;
      const reason = await vscode.window.showInputBox({
        title: 'Undo all changes',
        prompt: 'Why? Ouro reads this (optional; Escape keeps the proposal open).',
        ignoreFocusOut: true,
      });
      if (reason !== undefined) decisions.decide(id, { accepted: false, reason: reason.trim() || undefined });
    }),
  ];
}

/** The proposal a title-bar button or the palette means: the diff (or new file) in view, else the latest. */
function proposalTarget(decisions: PendingDecisions, uri: vscode.Uri | undefined): string | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const inView = tab instanceof vscode.TabInputTextDiff ? tab.modified : tab instanceof vscode.TabInputText ? tab.uri : undefined;
  const candidates = [uri, inView];
  for (const candidate of candidates) {
    const id = candidate && toolCallIdOf(candidate);
    if (id && decisions.has(id)) return id;
  }
  const latest = decisions.latest('edit')?.toolCallId;
  if (!latest) void vscode.window.showInformationMessage('Ouro: no proposal is waiting for a decision.');
  return latest;
}
