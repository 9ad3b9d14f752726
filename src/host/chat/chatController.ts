// What the chat view's messages do. One exhaustive switch: a new message type does not compile
// until it is handled here.
import * as vscode from 'vscode';
import { buildSystemPrompt } from '../../agent/prompt';
import { loadProjectRules } from '../../agent/rules/projectRules';
import { ChatHooks } from './chatHooks';
import { SkillLibrary } from '../../agent/skills/skillLibrary';
import { homeSkillReader, workspaceSkillReaders } from '../../agent/skills/skillReaders';
import { createTools } from '../../agent/tools/index';
import type { Model } from '../../agent/model';
import type { Message } from '../../agent/conversation';
import { searchConfig, type SearchConfig } from '../../agent/web/searchApi';
import type { FetchPolicy } from '../../agent/web/webPolicy';
import type { HostState, SetupState, WebviewMessage } from '../../protocol/messages';
import type { ApiKeyStore } from '../settings/apiKeyStore';
import { alwaysAllowedNote, refusedAllowRules } from '../terminal/alwaysAllow';
import { attachmentLabel, composeUserMessage } from './attachmentText';
import type { AttachmentStore } from './attachments';
import type { ChatAgent } from './chatAgent';
import { ChatToolSource, listSkills } from './chatToolSource';
import { approverFor, chatTool, questionAsker } from './chatTools';
import type { ChatViewProvider } from './chatViewProvider';
import type { PendingDecisions } from './decisions';
import type { DiffReview } from '../review/diffReview';
import { isConfigured, resolveEndpoint } from '../models/endpointConfig';
import type { FileChanges } from '../review/fileChanges';
import type { HistoryActions } from '../history/historyActions';
import { createChatModel } from '../models/modelFactory';
import type { ModelControls } from '../models/modelControls';
import { addCommandAllowRules, readReviewFlow, readSettings, saveModelChoice } from '../settings/settings';
import type { Transcript } from './transcript';
import { chatCommandRunner, noSandboxNotice } from '../terminal/chatCommandRunner';
import { VsCodeDiagnostics } from '../review/vscodeDiagnostics';
import { lateProblemsNote } from '../review/lateProblems';
import type { VsCodeWorkspace } from '../workspace/vscodeWorkspace';
import type { StagedReview } from '../staged/stagedReview';
import { withPropose } from '../../agent/workspace/withPropose';
import type { Workspace } from '../../agent/workspace/workspace';
import type { HeldNotes } from './heldNotes';
import { STAGED_NOTE } from '../../protocol/notes';
import type { ChatMcpServers } from '../mcp/chatMcpServers';
import type { ModeId } from '../../agent/modes/chatMode';
import { messageInMode, modeTools, type ResolvedMode } from '../../agent/modes/customMode';
import { ChatModes } from './chatModes';
import { namedToolSource } from '../../agent/prompts/promptTools';
import { SlashCommands, type MessageOverride } from './slashCommands';
import { parseSlash } from './slashCommandLine';
import { ChatSteering } from './chatSteering';
import type { UserImage } from '../../agent/images/userImage';
import { ChatImages } from './chatImages';
import { ChatMentions } from './chatMentions';
import { ChatMeter } from './chatMeter';
import { chatChecks } from './chatChecks';
import type { LastTerminalCommands } from '../terminal/lastTerminalCommands';
import { conversationKey, type TryNWays } from '../sessions/tryNWays';
import { handleComposerMenu, type ComposerMenuMessage } from './composerMenu';
import { showPath, type ShownLines } from './showPath';
import { lockedWrites, type WorkspaceWriteLock } from '../../agent/sessions/writeLock';

/** The chat's turn, as the workspace's write lock knows it. */
const CHAT_WRITER = 'the chat';
const WAITING_TO_WRITE = 'Waiting: another session is writing in this workspace. Ouro goes on once it is done (or press Stop).';

/** What carrying out a plan says to the model, in Agent mode. */
const CARRY_OUT_PLAN = 'Carry out the plan.';

export interface ChatControllerDeps {
  view: ChatViewProvider;
  agent: ChatAgent;
  transcript: Transcript;
  decisions: PendingDecisions;
  attachments: AttachmentStore;
  apiKeys: ApiKeyStore;
  searchKeys: ApiKeyStore;
  workspace: VsCodeWorkspace;
  review: DiffReview;
  history: HistoryActions;
  changes: FileChanges;
  log: vscode.LogOutputChannel;
  models: ModelControls;
  /** Review at the end: the staged layer the agent writes into. */
  staged: StagedReview;
  /** What the model hears with its next request. */
  notes: HeldNotes;
  mcp: ChatMcpServers;
  /** The "Ouro MCP" output channel. */
  mcpLog: vscode.OutputChannel;
  /** What each terminal ran last, for @terminal. */
  terminalCommands: LastTerminalCommands;
  /** Try N ways from the composer and its cards. */
  tries: TryNWays;
  /** Shared with the sessions that run here: the chat's turn holds it from its first write to its end. */
  writeLock: WorkspaceWriteLock;
  /** The composer's menu: the words as a session in the background, in a new worktree or here. */
  startSession(prompt: string, where: 'worktree' | 'here'): Promise<void>;
}

/** The model the settings name, ready to be asked, with what the chat needs to know about it. */
interface ChatModel {
  model: Model;
  window: number;
  /** Where the requests go, for the log (never the key). */
  endpoint: string;
}

export class ChatController {
  /** The chat's tools and skills, from its first message until New Chat. */
  private toolset: { tools: ChatToolSource; skills: SkillLibrary } | undefined;
  /** Whether this chat was told that commands run without a sandbox. */
  private sandboxNoticeShown = false;
  private readonly hooks = new ChatHooks((text) => this.deps.transcript.add({ type: 'notice', text }));

  private readonly slash: SlashCommands;
  private readonly modes: ChatModes;
  private readonly queued: ChatSteering;
  private readonly mentions: ChatMentions;
  private readonly images: ChatImages;
  private readonly meter: ChatMeter;

  constructor(private readonly deps: ChatControllerDeps) {
    this.queued = new ChatSteering(
      () => void this.pushState(),
      (text) => deps.view.post({ type: 'queuedBack', text }),
    );
    this.modes = new ChatModes(deps.workspace, (line) => deps.log.warn(line));
    this.meter = new ChatMeter({ ...deps, modes: this.modes });
    this.images = new ChatImages({ agent: deps.agent, transcript: deps.transcript, log: deps.log, send: (text, retry, override) => this.sending(text, retry, override) });
    this.mentions = new ChatMentions(deps.workspace, deps.attachments, (message) => deps.view.post(message), deps.terminalCommands);
    this.slash = new SlashCommands(
      deps.workspace,
      {
        newChat: () => this.newChat(),
        compact: () => this.compact(),
        undoLast: () => this.restoring(() => this.undoLast()),
        chooseModel: () => deps.models.choose(),
        setMode: (mode) => this.setMode(mode),
        send: (text, override) => this.sending(text, false, override),
        notice: (text) => deps.transcript.add({ type: 'notice', text }),
        tryWays: (attempts, text) => this.composerMenu({ type: 'tryWays', attempts, text }),
      },
      (line) => deps.log.warn(line),
      deps.mcp,
    );
  }

  /** The file watcher saw a change under .ouro/tools/, .ouro/skills/ or .ouro/modes/ (the switcher lists the modes again). */
  ouroFolderChanged(what: 'tools' | 'skills' | 'modes'): void {
    if (what === 'tools') this.toolset?.tools.toolsChanged();
    else if (what === 'skills') this.toolset?.tools.skillsChanged();
    else void this.pushState();
  }

  handle(message: WebviewMessage): void {
    const { agent, decisions, attachments, apiKeys } = this.deps;
    switch (message.type) {
      case 'ready':
        void this.postSnapshot();
        void this.postMcpServers();
        return;
      case 'send':
        void this.received(message.text, message.images);
        return;
      case 'stop':
        agent.stop();
        this.queued.returnAll();
        return;
      case 'newChat':
        this.newChat();
        return;
      case 'accept':
        if (!decisions.choose(message.toolCallId, message.choice)) this.deps.log.warn(`ignored an accept for ${message.toolCallId}: nothing waits on it with that choice`);
        return;
      case 'reject':
        decisions.decide(message.toolCallId, { accepted: false, reason: message.reason });
        return;
      case 'alwaysAllow':
        void this.alwaysAllow(message.toolCallId, message.rules);
        return;
      case 'answer':
        decisions.answer(message.toolCallId, message.text);
        return;
      case 'showDiff':
        void this.deps.review.show(message.toolCallId);
        return;
      case 'setApiKey':
        void apiKeys.prompt();
        return;
      case 'saveSetup': {
        const provider = message.provider ?? 'openai';
        // VS Code's models need no URL: the one set for the endpoint stays for later.
        void saveModelChoice({ provider, model: message.model.trim(), ...(provider === 'openai' ? { baseUrl: message.baseUrl.trim() } : {}) });
        return;
      }
      case 'testConnection':
        void this.deps.models.testSetup({ provider: message.provider, baseUrl: message.baseUrl.trim(), model: message.model.trim() });
        return;
      case 'chooseModel':
        void this.deps.models.choose();
        return;
      case 'removeAttachment':
        attachments.remove(message.id);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text);
        return;
      case 'openFile':
        void this.openFile(message.path, message);
        return;
      case 'searchHistory':
        void this.deps.history.show(message.query);
        return;
      case 'openConversation':
        void this.deps.history.open(message.id);
        return;
      case 'renameConversation':
        void this.deps.history.rename(message.id);
        return;
      case 'deleteConversation':
        void this.deps.history.remove(message.id);
        return;
      case 'compact':
        void this.compact();
        return;
      case 'undoSince':
        void this.restoring(() => this.deps.changes.undoSince(message.messageIndex));
        return;
      case 'openChange':
        void this.restoring(() => this.deps.changes.openDiff(message.path));
        return;
      case 'errorAction':
        void this.errorAction(message.action);
        return;
      case 'revertFile':
        void this.restoring(() => this.deps.changes.revert(message.path));
        return;
      case 'setMcpServerEnabled':
        void this.deps.mcp.setEnabled(message.name, message.enabled);
        return;
      case 'trustMcpServer':
        void this.deps.mcp.trust(message.name);
        return;
      case 'showMcpLog':
        this.deps.mcpLog.show(true);
        return;
      case 'setMode':
        this.setMode(message.mode);
        return;
      case 'carryOutPlan':
        void this.carryOutPlan();
        return;
      case 'sendWithoutImages':
        void this.images.sendWithout();
        return;
      case 'listModes':
        void this.pushState();
        return;
      case 'removeQueued':
        this.queued.remove(message.id);
        return;
      case 'listSlashCommands':
        void this.slash.views().then(({ commands, problems }) => this.deps.view.post({ type: 'slashCommands', commands, problems }));
        return;
      case 'listMentions':
      case 'addMention':
      case 'dropMentions':
      case 'addUrlMention':
      case 'addEditorMention':
      case 'listSymbols':
        void this.mentions.handle(message);
        return;
      // The session list's (chatSessions.ts sees every message first).
      case 'viewSession':
      case 'stopSession':
        return;
      case 'tryWays':
      case 'tryAvailability':
      case 'tryAction':
      case 'newSession':
        void this.composerMenu(message);
        return;
      default: {
        const _exhaustive: never = message;
        return _exhaustive;
      }
    }
  }

  private composerMenu(message: ComposerMenuMessage): Promise<void> {
    const { tries, startSession, transcript, view, attachments } = this.deps;
    return handleComposerMenu(message, {
      tries,
      startSession,
      post: (reply) => view.post(reply),
      notice: (text) => transcript.add({ type: 'notice', text }),
      withMentions: async (text) => composeUserMessage(text, await this.mentions.current(attachments.take())),
    });
  }

  /** Switches the conversation's mode; its next message is offered the mode's tools. */
  setMode(mode: ModeId): void {
    if (mode === this.deps.agent.mode) return;
    this.deps.agent.setMode(mode);
    this.deps.log.info(`mode: ${mode}`);
    void this.pushState();
    this.refreshMeter();
  }

  /** The plan Plan mode wrote, carried out in Agent mode. */
  private async carryOutPlan(): Promise<void> {
    if (this.deps.agent.busy) return;
    this.setMode('agent');
    await this.sending(CARRY_OUT_PLAN);
  }

  newChat(): void {
    this.queued.returnAll();
    this.deps.decisions.rejectAll('The user started a new chat.');
    this.deps.workspace.lateProblems.clear();
    this.deps.agent.reset();
    this.toolset = undefined;
    this.sandboxNoticeShown = false;
    this.meter.rules = undefined;
    void this.postSnapshot();
  }

  /** The whole chat to the webview, once the conversation open before a reload is back; then its meter. */
  async postSnapshot(): Promise<void> {
    await this.deps.agent.restored;
    const transcript = this.deps.transcript.all();
    this.deps.view.post({ type: 'snapshot', transcript: [...transcript, ...this.deps.tries.shown(conversationKey(this.deps.agent.conversation), transcript)], state: await this.hostState() });
    this.refreshMeter();
  }

  /** The MCP server list, read from the files as they are now (nothing is started). */
  async postMcpServers(): Promise<void> {
    this.deps.view.post({ type: 'mcpServers', servers: await this.deps.mcp.views() });
  }

  /** Posts the usage, the context meter and the changed files, once for any number of changes in a row. */
  refreshMeter(): void {
    this.meter.refresh();
  }

  /** Tells the webview what changed outside it: busy, settings, the key, attachments. */
  async pushState(): Promise<void> {
    this.deps.view.post({ type: 'state', ...(await this.hostState()) });
    // A model, mode or key chosen now changes what the next request would hold.
    this.refreshMeter();
  }

  async hostState(): Promise<HostState> {
    const connection = this.deps.models.connection;
    return { busy: this.deps.agent.busy, setup: await this.setupState(), ...(connection ? { connection } : {}), attachments: this.deps.attachments.views(), mode: this.deps.agent.mode, customModes: await this.modes.views(), queued: this.queued.views() };
  }

  private async setupState(): Promise<SetupState> {
    const settings = readSettings();
    const endpoint = resolveEndpoint(settings, process.env, await this.deps.apiKeys.stored());
    const configured = settings.provider === 'vscode-lm' || isConfigured(endpoint);
    return { configured, provider: settings.provider, baseUrl: endpoint.baseURL ?? '', model: endpoint.model, hasApiKey: endpoint.apiKey !== undefined };
  }

  /** What the user sent: a command (`/name`) is run, anything else is sent; while Ouro works, queued for its next step. */
  private async received(text: string, pasted: readonly string[] = []): Promise<void> {
    if (this.deps.agent.busy) return this.steer(text);
    const images = this.images.checked(pasted);
    // A message with images is sent as it is: a command takes none. Nothing is left to send when every image was refused.
    if (images.length > 0) return this.sending(text, false, undefined, images);
    if (pasted.length > 0 && !text.trim()) return;
    try {
      if (await this.slash.run(text)) return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`the command failed: ${message}`);
      this.deps.transcript.add({ type: 'agent', event: { type: 'error', message: `${text.split(/\s/, 1)[0]} failed: ${message}` } });
      return;
    }
    await this.sending(text);
  }

  /** Queues a message sent while Ouro works; a command is not queued: it is for the chat as it is when it runs. */
  private steer(text: string): void {
    if (!text.trim()) return;
    if (parseSlash(text)) {
      this.deps.transcript.add({ type: 'notice', text: `Ouro is still working: send ${text.split(/\s/, 1)[0]} again once it is done (or press Stop).` });
      return;
    }
    this.deps.log.info(`message queued while working (${text.length} characters)`);
    this.queued.add(text);
  }

  /** send(), with any failure before the turn starts logged and shown: a message is never dropped unseen. */
  private async sending(text: string, retry = false, override?: MessageOverride, images: UserImage[] = []): Promise<void> {
    this.deps.log.info(retry ? 'retrying the last request' : `message received (${text.length} characters${images.length ? `, ${images.length} image${images.length === 1 ? '' : 's'}` : ''})`);
    try {
      await this.send(text, retry, override, images);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`the message could not be sent: ${error instanceof Error ? (error.stack ?? message) : message}`);
      this.deps.transcript.add({ type: 'agent', event: { type: 'error', message: `The message could not be sent: ${message}` } });
    } finally {
      this.deps.writeLock.release(CHAT_WRITER);
    }
  }

  /**
   * Sends the user's words, or with `retry` the conversation as it stands (after a failed request).
   * `override`: a prompt file's message, its text, mode, tools and model for this message only.
   */
  private async send(text: string, retry = false, override?: MessageOverride, images: UserImage[] = []): Promise<void> {
    const { agent, decisions, attachments, workspace } = this.deps;
    await agent.restored;
    if (agent.busy) {
      this.deps.log.warn('a message arrived while a turn was running; it was not sent');
      this.deps.transcript.add({ type: 'notice', text: 'Ouro is still working: send that again once it is done (or press Stop).' });
      return;
    }
    const settings = readSettings();
    const mode = await this.modeFor(override?.mode ?? agent.mode);
    const chat = await this.chatModel(override?.model ?? mode.custom?.model);
    const search = searchConfig(settings.searxngUrl, (await this.deps.searchKeys.stored()) ?? process.env.BRAVE_API_KEY);
    const commands = await chatCommandRunner();
    const checks = await chatChecks(workspace, mode.base === 'agent');
    // A second Send while the keys and the runner were read must not take the attachments of the first.
    if (!chat || agent.busy) return;
    if (images.length > 0 && this.images.holdIfTextOnly(chat.model.name, await this.deps.models.listed(chat.model.name), text, override)) return;
    const attached = retry ? [] : await this.mentions.current(attachments.take());
    const toolset = (this.toolset ??= this.startChat(settings.fetch, search));
    const notice = this.sandboxNoticeShown ? undefined : noSandboxNotice(commands.isolation?.());
    if (notice) {
      this.sandboxNoticeShown = true;
      this.deps.transcript.add({ type: 'notice', text: notice });
    }
    const hooks = await this.hooks.forMessage(commands, workspace, agent.conversation.id);
    // Problems reported after an edit's result went back, and not yet told mid-turn.
    const late = workspace.lateProblems.take();
    if (late.length > 0 && !retry && agent.conversation.messages.length > 0) agent.conversation.messages.push(lateProblemsNote(late));
    const note = this.deps.notes.takeMessage();
    if (note) agent.addNote(note);
    // Review at the end: the agent writes into the staged layer and works on. Changes staged
    // before the flow was switched back still make a command ask first.
    const staged = this.deps.staged.workspace;
    const staging = readReviewFlow() === 'end' ? staged : undefined;
    const tools = modeTools(mode, this.deps.notes.withSource(this.deps.mcp.withTools(toolset.tools.forStep)));
    const ended = await agent.run({
      retry,
      content: messageInMode(mode, composeUserMessage(override?.content ?? text, attached)),
      display: text,
      endpoint: chat.endpoint,
      window: chat.window,
      attachments: attached.map(attachmentLabel),
      images,
      systemPrompt: () => this.systemPrompt(toolset.skills, search),
      options: {
        model: chat.model,
        // The mode filters last, so no MCP or self-made tool slips past it.
        tools: override?.tools ? namedToolSource(override.tools, tools) : tools,
        workspace: staging ? this.stagedCards(staging) : lockedWrites(workspace, this.deps.writeLock, CHAT_WRITER, { onWait: () => this.deps.transcript.add({ type: 'notice', text: WAITING_TO_WRITE }) }),
        ...(staging || staged.pending().length ? { staged } : {}),
        approver: approverFor(decisions, `approval-${Date.now()}`),
        maxSteps: settings.maxSteps,
        commands,
        diagnostics: new VsCodeDiagnostics(workspace),
        asker: questionAsker(decisions),
        hooks,
        remindOpenPlanItems: mode.base === 'agent',
        steering: this.queued.steering,
        checks,
      },
    });
    if (images.length > 0) this.images.afterTurn(chat.model.name);
    const next = this.queued.afterTurn(ended);
    if (next !== undefined) await this.sending(next);
  }

  /** The staged layer, each staged write's card saying so. */
  private stagedCards(staging: Workspace): Workspace {
    return withPropose(staging, async (proposal, signal) => {
      const outcome = await staging.propose(proposal, signal);
      if (outcome.status === 'accepted' && outcome.staged) this.deps.decisions.announce(proposal.toolCallId, true, STAGED_NOTE);
      return outcome;
    });
  }

  private async errorAction(action: 'retry' | 'openSettings' | 'testConnection'): Promise<void> {
    switch (action) {
      case 'retry':
        await this.deps.agent.restored;
        if (this.deps.agent.canRetry) return this.sending('', true);
        this.deps.transcript.add({ type: 'notice', text: 'Nothing to retry: the conversation is not waiting for a reply.' });
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:ouro-dev.ouro');
        return;
      case 'testConnection':
        return this.deps.models.testConfigured();
      default: {
        const _exhaustive: never = action;
        return _exhaustive;
      }
    }
  }

  /** Undo, revert and their diffs: a failure is shown, never lost. */
  private async restoring(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`restoring files: ${message}`);
      void vscode.window.showErrorMessage(`Ouro: ${message}`);
    }
  }

  /** The mode a message is sent in; Agent, and the chat told why, when a custom mode's file is gone or broken. */
  private async modeFor(id: ModeId): Promise<ResolvedMode> {
    const mode = await this.modes.resolve(id);
    if (mode) return mode;
    this.deps.transcript.add({ type: 'notice', text: `The mode "${id}" is not there any more (.ouro/modes/${id}.md is gone or has a problem: see the Ouro log): this message is sent in Agent mode.` });
    return { base: 'agent' };
  }

  /** /undo: the changes made for the latest message the user sent. */
  private async undoLast(): Promise<void> {
    const messages = this.deps.agent.conversation.messages;
    let index = messages.length - 1;
    const sentByUser = (message: Message) => message.role === 'user' && !message.note;
    while (index >= 0 && !sentByUser(messages[index])) index--;
    if (index < 0) this.deps.transcript.add({ type: 'notice', text: 'Nothing to undo: no message was sent yet.' });
    else await this.deps.changes.undoSince(index);
  }

  private async compact(): Promise<void> {
    const chat = await this.chatModel();
    if (!chat) return;
    await this.deps.agent.compact(chat.model, chat.window, await this.meter.specs());
    // What was sent while it compacted goes now (Stop gave it back already).
    const next = this.queued.afterTurn('stop');
    if (next !== undefined) await this.sending(next);
  }

  /** The configured model (or `model` at the same endpoint); undefined, and the chat told what to do, when there is none. */
  private async chatModel(model?: string): Promise<ChatModel | undefined> {
    const { transcript, log } = this.deps;
    const settings = { ...readSettings(), ...(model ? { model } : {}) };
    const choice = await createChatModel(settings, await this.deps.apiKeys.stored(), (line) => log.info(line));
    if (choice.kind === 'notConfigured') {
      transcript.add({ type: 'agent', event: { type: 'error', message: choice.reason } });
      await this.pushState();
      return undefined;
    }
    return { model: choice.model, window: choice.window, endpoint: choice.endpoint };
  }

  private startChat(fetch: FetchPolicy, search: SearchConfig | undefined): { tools: ChatToolSource; skills: SkillLibrary } {
    const { workspace, decisions, log } = this.deps;
    const skills = new SkillLibrary([...workspaceSkillReaders(workspace), homeSkillReader()]);
    const tools = new ChatToolSource({
      workspace,
      skills,
      builtIn: (available) => createTools({ skills: available, fetch, search }),
      forChat: (tool) => chatTool(tool, decisions, () => readSettings().autoApproveReads),
      lateNotes: () => workspace.lateProblems.take(),
      onProblem: (problem) => log.warn(`tools: ${problem}`),
    });
    return { tools, skills };
  }

  /**
   * The prompt with the project's rules (AGENTS.md, .ouro/rules/) and the skills, read when a
   * chat starts; the chat shows what was loaded.
   */
  private async systemPrompt(skillLibrary: SkillLibrary, search: SearchConfig | undefined): Promise<string> {
    const { workspace, log, transcript } = this.deps;
    const rules = await loadProjectRules(workspace);
    const skills = await listSkills(skillLibrary);
    const problems = [...rules.problems, ...skills.problems];
    if (rules.files.length > 0) log.info(`rules: ${rules.files.map((file) => file.path + (file.truncated ? ' (cut)' : '')).join(', ')}`);
    for (const problem of problems) log.warn(problem);
    if (rules.files.length + skills.skills.length + problems.length > 0) {
      const loaded = rules.files.map((file) => ({ path: file.path, truncated: file.truncated }));
      transcript.add({ type: 'projectContext', rules: loaded, skills: skills.skills.map((skill) => skill.name), problems });
    }
    this.meter.rules = rules.text;
    return buildSystemPrompt({ folders: workspace.folders, os: process.platform, shell: vscode.env.shell || undefined, rules: rules.text, skills: skills.skills, webSearch: search !== undefined });
  }

  /** Adds the allow rules the card offered to the settings, then runs the command. */
  private async alwaysAllow(toolCallId: string, rules: string[]): Promise<void> {
    const { decisions, log } = this.deps;
    const refused = refusedAllowRules(decisions.get(toolCallId), rules);
    if (refused) {
      log.warn(`Always allow refused: ${refused}`);
      return;
    }
    try {
      await addCommandAllowRules(rules);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`could not add allow rules: ${message}`);
      void vscode.window.showErrorMessage(`Ouro could not add the allow rule to the settings: ${message}`);
      decisions.remind(toolCallId);
      return;
    }
    log.info(`allow rules added: ${rules.join(', ')}`);
    decisions.decide(toolCallId, { accepted: true, reason: alwaysAllowedNote(rules) });
  }

  private openFile(path: string, lines: ShownLines): Promise<void> {
    const { workspace } = this.deps;
    // A mentioned folder's chip shows the folder in the explorer.
    return showPath(async () => ({ uri: await workspace.uriOf(path), directory: (await workspace.stat(path))?.type === 'directory' }), lines);
  }
}
