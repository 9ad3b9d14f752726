// The composition root: build the host services, wire them together, register them. No logic.
import * as vscode from 'vscode';
import { ApiKeyStore, SEARCH_KEY } from './host/settings/apiKeyStore';
import { BEFORE_SCHEME, BeforeContent } from './host/review/beforeContent';
import { AttachmentStore } from './host/chat/attachments';
import { ChatController } from './host/chat/chatController';
import { LastTerminalCommands } from './host/terminal/lastTerminalCommands';
import { ChatAgent } from './host/chat/chatAgent';
import { ChatHistory } from './host/history/chatHistory';
import { CHAT_VIEW_ID, ChatViewProvider } from './host/chat/chatViewProvider';
import { registerCommands } from './host/commands';
import { PendingDecisions } from './host/chat/decisions';
import { watchOuroFolder } from './host/workspace/ouroFolderWatcher';
import { ModelControls } from './host/models/modelControls';
import { FileChanges } from './host/review/fileChanges';
import { HistoryActions } from './host/history/historyActions';
import { HunkByHunkReview } from './host/review/hunkByHunkReview';
import { HunkLenses } from './host/review/hunkLens';
import { NewFileEditor } from './host/review/newFileEditor';
import { PROPOSAL_SCHEME, ProposalFileSystem } from './host/review/proposalFileSystem';
import { ProposalHunks } from './host/review/proposalHunks';
import { onSettingsChanged, readMcpAutoAllowReadOnly, readOfferEditorTools, readSandboxSettings, readSettings } from './host/settings/settings';
import { Transcript } from './host/chat/transcript';
import { UriHistoryStorage } from './host/history/uriHistoryStorage';
import { disposeChatCommandRunner } from './host/terminal/chatCommandRunner';
import { VsCodeWorkspace } from './host/workspace/vscodeWorkspace';
import { withPropose } from './agent/workspace/withPropose';
import { HeldNotes } from './host/chat/heldNotes';
import { StagedReview } from './host/staged/stagedReview';
import { STAGED_SCHEME, StagedContent } from './host/staged/stagedContent';
import { StagedHunkSource } from './host/staged/stagedHunkSource';
import { ChangesView } from './host/staged/changesView';
import { registerStagedCommands, trackReviewFlow } from './host/staged/stagedCommands';
import { ChatMcpServers } from './host/mcp/chatMcpServers';
import { McpSecretTokenStore } from './host/settings/mcpSecretTokenStore';
import { serverSandbox } from './agent/commands/sandbox/sandboxedServer';
import { sandboxSupport } from './agent/commands/sandbox/sandboxSupport';
import { McpInputs } from './host/mcp/mcpInputs';
import { McpMemory } from './host/mcp/mcpMemory';
import { vscodeEditorTools } from './host/mcp/vscodeEditorTools';
import { editorUserMcpFile, firstFileFolder } from './host/mcp/editorMcpPaths';
import { SessionsView } from './host/sessions/sessionsView';
import { BASE_SCHEME, BaseContent } from './host/sessions/baseContent';
import { registerSessionCommands } from './host/sessions/sessionCommands';
import { sessionModel, WorktreeRunner } from './host/sessions/newSession';
import { ChatSessions } from './host/chat/chatSessions';
import { conversationKey, TryNWays } from './host/sessions/tryNWays';
import { WorkspaceWriteLock } from './agent/sessions/writeLock';
import { HereSessions } from './host/sessions/hereSession';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Ouro', { log: true });
  const view = new ChatViewProvider(context.extensionUri, log);
  const transcript = new Transcript((message) => {
    decisions.observe(message);
    view.post(message);
  });
  const decisions = new PendingDecisions((message) => transcript.add(message));
  const proposals = new ProposalFileSystem();
  const proposalHunks = new ProposalHunks(decisions);
  const hunkLenses = new HunkLenses();
  // New files, the agent's and the staged ones, are shown as themselves, shaded as added.
  const newFiles = new NewFileEditor();
  const review = new HunkByHunkReview(proposals, decisions, log, proposalHunks, newFiles);
  const workspace = new VsCodeWorkspace(review, readSettings);
  const attachments = new AttachmentStore();
  const apiKeys = new ApiKeyStore(context.secrets);
  const searchKeys = new ApiKeyStore(context.secrets, SEARCH_KEY);
  // Conversations belong to the workspace; with no folder open, to the extension.
  const historyFolder = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'conversations');
  log.info(`conversations are saved in ${historyFolder.toString()}`);
  const history = new ChatHistory(new UriHistoryStorage(vscode.workspace.fs, historyFolder, (folder, name) => vscode.Uri.joinPath(folder, name)), context.workspaceState);
  const agent = new ChatAgent(
    transcript,
    history,
    log,
    (busy) => {
      void vscode.commands.executeCommand('setContext', 'ouro.busy', busy);
      void controller.pushState();
    },
    () => controller.refreshMeter(),
  );
  const notes = new HeldNotes();
  const staged = new StagedReview({
    commitTarget: withPropose(workspace, (proposal) => workspace.applyKept(proposal)),
    persist: (files) => {
      const record = agent.conversation;
      if (files.length) record.staged = files;
      else delete record.staged;
      void agent.save();
    },
    note: (text) => agent.tell(text, notes),
  });
  agent.onConversationShown = (conversation) => staged.load(conversation.staged);
  const changesView = new ChangesView(staged, (path) => workspace.uriOf(path), (uri) => newFiles.show(uri));
  const stagedContent = new StagedContent(staged);
  const stagedHunkSource = new StagedHunkSource(staged, (error) => void vscode.window.showErrorMessage(`Ouro: ${error instanceof Error ? error.message : String(error)}`));
  const historyActions = new HistoryActions({ history, agent, view, decisions, postSnapshot: (): Promise<void> => controller.postSnapshot() });
  const before = new BeforeContent();
  const changes = new FileChanges({
    chat: agent,
    uriOf: (path) => workspace.uriOf(path),
    before,
    notice: (text) => transcript.add({ type: 'notice', text }),
    changed: () => controller.refreshMeter(),
  });
  const models = new ModelControls(apiKeys, log, () => void controller.pushState());
  const mcpLog = vscode.window.createOutputChannel('Ouro MCP', { log: true });
  const mcp = new ChatMcpServers({
    userFile: editorUserMcpFile(context.globalStorageUri),
    folder: firstFileFolder,
    memory: new McpMemory(context.workspaceState),
    inputs: new McpInputs(context.secrets),
    log: mcpLog,
    decisions,
    autoAllowReadOnly: readMcpAutoAllowReadOnly,
    editorTools: vscodeEditorTools,
    offerEditorTools: readOfferEditorTools,
    onViews: (servers) => view.post({ type: 'mcpServers', servers }),
    connection: async () => {
      const folder = firstFileFolder();
      const support = folder && readSandboxSettings().enabled ? await sandboxSupport() : undefined;
      return {
        auth: { store: new McpSecretTokenStore(context.secrets), openBrowser: (url) => void vscode.env.openExternal(vscode.Uri.parse(url.href)) },
        ...(folder && support && support.kind !== 'none' ? { sandbox: serverSandbox({ sandbox: support, root: folder }) } : {}),
      };
    },
  });
  const terminalCommands = new LastTerminalCommands();
  const sessionsView = new SessionsView(context.globalStorageUri, log);
  const sessionDocuments = new BaseContent();
  const worktreeRunner = new WorktreeRunner(sessionsView, (variant) => sessionModel(apiKeys, log, variant), log, sessionDocuments);
  const writeLock = new WorkspaceWriteLock();
  const tries = new TryNWays({ view: sessionsView, model: worktreeRunner.model, log, post: (message) => transcript.add(message), store: context.workspaceState, conversation: () => conversationKey(agent.conversation), documents: sessionDocuments });
  const hereSessions = new HereSessions(sessionsView, writeLock, worktreeRunner.model, log, sessionDocuments, vscode.Uri.joinPath(context.globalStorageUri, 'here-sessions').fsPath);
  const controller = new ChatController({ view, agent, transcript, decisions, attachments, apiKeys, searchKeys, workspace, review, history: historyActions, changes, log, models, staged, notes, mcp, mcpLog, terminalCommands, tries, writeLock,
    startSession: async (prompt, where) => {
      if (where === 'here') return void (await hereSessions.start(prompt));
      // The chat view shows the new worktree session in its place, running.
      const branch = await worktreeRunner.startWith(prompt);
      if (branch) chatSessions.showSession(branch);
    },
  });
  const pushState = () => void controller.pushState();
  const chatSessions = new ChatSessions({ sessions: sessionsView, runner: worktreeRunner, post: (message) => view.post(message), log });
  // The session list sees each message first: while a worktree session is shown, Stop, Send and its approvals are its own.
  view.onMessage = (message) => {
    if (!chatSessions.handle(message)) controller.handle(message);
  };

  context.subscriptions.push(
    log,
    proposals,
    proposalHunks,
    review,
    hunkLenses,
    hunkLenses.add(proposalHunks),
    attachments,
    before,
    vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, before),
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.workspace.registerFileSystemProvider(PROPOSAL_SCHEME, proposals, { isCaseSensitive: true }),
    ...registerCommands({ view, controller, agent, decisions, attachments, apiKeys, searchKeys, history: historyActions, log, models }),
    attachments.onDidChange(pushState),
    attachments.onDidChange(() => controller.refreshMeter()),
    apiKeys.onDidChange(pushState),
    onSettingsChanged(pushState),
    watchOuroFolder((what) => controller.ouroFolderChanged(what)),
    changesView,
    stagedContent,
    vscode.workspace.registerTextDocumentContentProvider(STAGED_SCHEME, stagedContent),
    stagedHunkSource,
    hunkLenses.add(stagedHunkSource),
    ...registerStagedCommands(staged, changesView, log),
    trackReviewFlow((flow) => view.describe(flow === 'end' ? 'review at the end' : undefined)),
    { dispose: () => agent.stop() },
    mcp,
    mcpLog,
    { dispose: () => void disposeChatCommandRunner() },
    terminalCommands,
    sessionsView,
    vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, sessionDocuments),
    worktreeRunner,
    chatSessions,
    tries,
    hereSessions,
    ...registerSessionCommands(sessionsView, worktreeRunner, tries, hereSessions, sessionDocuments, log),
  );
}

export function deactivate(): void {}
