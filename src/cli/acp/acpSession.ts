// One editor session (`session/new`, or `session/load` of a saved one): a conversation on the
// folder the editor named, with the CLI's model, tools, command runner and hooks, saved as it goes. Each `session/prompt` runs one turn of the loop,
// streaming its events as `session/update`s; `session/cancel` is the turn's Stop. Approvals go
// to the editor as permission requests, and file contents through it where it offers that.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { RequestError, type AgentContext, type ContentBlock, type McpServer, type PromptResponse, type StopReason } from '@agentclientprotocol/sdk';
import { ContextManager } from '../../agent/context/contextManager';
import { contextWindowFor } from '../../agent/context/contextWindows';
import type { DoneReason } from '../../agent/events';
import { newRecord, type ConversationRecord } from '../../agent/history/conversationRecord';
import { ConversationRecorder } from '../../agent/history/conversationRecorder';
import type { ConversationStore } from '../../agent/history/conversationStore';
import { runAgent } from '../../agent/loop';
import { SteerQueue } from '../../agent/steering';
import type { Model } from '../../agent/model';
import type { UserAsker } from '../../agent/tools/tool';
import { priceFor } from '../../agent/usage/pricing';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import { checksForTurn } from '../../agent/checks/checksBeforeDone';
import type { CliOptions } from '../args';
import { createModel, loadProjectPrompt, startSessionTools, type Endpoint, type Output, type SessionTools } from '../sessionSetup';
import { editorFileAccess, type EditorFiles } from './clientFiles';
import { clientMcpServers } from './clientMcpServers';
import { SessionPermissions, type AskPermission } from './clientPermission';
import { promptText } from './promptText';
import { createUpdateMapper } from './sessionUpdates';

export interface SessionStart {
  cwd: string;
  options: CliOptions;
  endpoint: Endpoint;
  client: AgentContext;
  /** What the editor advertised in `initialize`. */
  fs: { readTextFile: boolean; writeTextFile: boolean };
  mcpServers: readonly McpServer[];
  stderr: Output;
  /** Where the session is saved as it goes. */
  store: ConversationStore;
  /** A saved conversation to go on with (`session/load`): it keeps its id and its system prompt. */
  saved?: ConversationRecord;
}

const STOP_REASONS: Record<Exclude<DoneReason, 'error'>, StopReason> = { stop: 'end_turn', cancelled: 'cancelled', max_steps: 'max_turn_requests' };

// ACP's stable protocol has no way to put a question to the person; the model is told so.
const NO_QUESTIONS: UserAsker = {
  ask: async () => ({ answered: false, reason: 'ask_user is not available in this editor: decide yourself, say what you assumed, and go on.' }),
};

/** What a session runs its turns with, made once in `open`. */
interface SessionParts {
  conversation: ConversationRecord;
  recorder: ConversationRecorder;
  model: Model;
  context: ContextManager;
  workspace: NodeWorkspace;
  permissions: SessionPermissions;
  tools: SessionTools;
}

/** The turn running now, if any, and its tool call running now (the loop runs them one at a time). */
interface TurnState {
  turn?: AbortController;
  currentCall?: string;
  /** The running turn's answer, which prompts sent meanwhile wait for. */
  running?: Promise<PromptResponse>;
}

export class AcpSession {
  private constructor(
    readonly id: string,
    private readonly start: SessionStart,
    private readonly parts: SessionParts,
    private readonly now: TurnState,
  ) {}

  /** Prompts sent while a turn runs, for its next step boundary. */
  private readonly steering = new SteerQueue();

  static async open(start: SessionStart): Promise<AcpSession> {
    const id = start.saved?.id ?? randomUUID();
    const { cwd, options, endpoint, client, stderr } = start;
    const allowRules = [...options.allow];
    const now: TurnState = {};
    const ask: AskPermission = async (toolCall, permissionOptions) => {
      const signal = now.turn?.signal;
      try {
        const { outcome } = await client.request('session/request_permission', { sessionId: id, toolCall, options: permissionOptions }, { cancellationSignal: signal, stopWaitingOnCancel: true });
        return outcome.outcome === 'selected' ? outcome.optionId : undefined;
      } catch (err) {
        if (signal?.aborted) return undefined;
        throw err;
      }
    };
    const permissions = new SessionPermissions({ ask, policy: options.approve, allowRules, currentCall: () => now.currentCall, absolutePath: (path) => resolve(cwd, path) });
    const editor: EditorFiles = {
      ...(start.fs.readTextFile ? { readTextFile: async (path: string) => (await client.request('fs/read_text_file', { sessionId: id, path })).content } : {}),
      ...(start.fs.writeTextFile ? { writeTextFile: async (path: string, content: string) => void (await client.request('fs/write_text_file', { sessionId: id, path, content })) } : {}),
    };
    const workspace = new NodeWorkspace(cwd, { approve: options.approve, confirm: permissions.confirmEdit, files: editorFileAccess(editor) });
    const project = await loadProjectPrompt(workspace, cwd, options, stderr);
    const model = createModel(options, endpoint);
    const conversation = start.saved ?? newRecord(id, [{ role: 'system', content: project.systemPrompt }]);
    const context = new ContextManager({ model, window: options.contextWindow ?? contextWindowFor(endpoint.model), state: conversation.context });
    const recorder = new ConversationRecorder(conversation, {
      save: (record) => start.store.save(record),
      pricing: (name) => priceFor(name),
      context,
      onSaveError: (err) => stderr.write(`ouro: could not save the session: ${err instanceof Error ? err.message : String(err)}\n`),
    });
    const tools = await startSessionTools(options, { cwd, workspace, skills: project.skills, sessionId: id, stderr, allow: allowRules, mcpServers: clientMcpServers(start.mcpServers) });
    return new AcpSession(id, start, { conversation, recorder, model, context, workspace, permissions, tools }, now);
  }

  /**
   * Runs one turn; resolves with why it stopped, or rejects with the endpoint's error. A prompt
   * sent while a turn runs joins it at its next step boundary (as the chat's steering does) and
   * is answered when that turn ends; one the turn ended without taking runs next, on its own.
   */
  async prompt(blocks: readonly ContentBlock[], requestSignal: AbortSignal): Promise<PromptResponse> {
    const text = promptText(blocks, this.start.cwd);
    for (;;) {
      const running = this.now.running;
      if (!running) {
        const turn = this.runTurn(text, requestSignal);
        this.now.running = turn;
        return turn.finally(() => {
          if (this.now.running === turn) this.now.running = undefined;
        });
      }
      const queued = this.steering.add(text);
      const withdraw = () => this.steering.remove(queued.id);
      requestSignal.addEventListener('abort', withdraw, { once: true });
      const outcome = await running.then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      );
      requestSignal.removeEventListener('abort', withdraw);
      if (requestSignal.aborted) return { stopReason: 'cancelled' };
      // Delivered: the turn it joined answers it. Not delivered: it runs once that turn is over.
      if (!this.steering.remove(queued.id)) {
        if ('error' in outcome) throw outcome.error;
        return outcome.response;
      }
    }
  }

  private async runTurn(text: string, requestSignal: AbortSignal): Promise<PromptResponse> {
    const turn = new AbortController();
    this.now.turn = turn;
    const onAbort = () => turn.abort();
    requestSignal.addEventListener('abort', onAbort, { once: true });
    const { cwd, options, client, stderr, endpoint } = this.start;
    const { conversation, recorder, model, context, workspace, permissions, tools } = this.parts;
    const toUpdates = createUpdateMapper(cwd);
    let done: { reason: DoneReason; message?: string } = { reason: 'error', message: 'the turn ended without saying why' };
    try {
      recorder.startTurn(text, endpoint.model);
      for await (const event of runAgent(conversation, {
        model,
        tools: tools.tools,
        commands: tools.commands,
        workspace,
        approver: permissions.approver,
        asker: NO_QUESTIONS,
        maxSteps: options.maxSteps,
        signal: turn.signal,
        context,
        hooks: tools.hooks,
        steering: this.steering,
        checks: await checksForTurn(workspace, { configured: options.checks ?? [], enabled: !options.noChecks, edits: (options.mode ?? 'agent') === 'agent' }),
      })) {
        await recorder.observe(event);
        if (event.type === 'tool_call') this.now.currentCall = event.call.id;
        if (event.type === 'retry') stderr.write(`retrying in ${Math.round(event.delayMs / 100) / 10}s (attempt ${event.attempt}): ${event.message}\n`);
        if (event.type === 'hook') stderr.write(`hook: ${event.text}\n`);
        if (event.type === 'done') done = event;
        for (const update of toUpdates(event)) await client.notify('session/update', { sessionId: this.id, update });
      }
    } finally {
      requestSignal.removeEventListener('abort', onAbort);
      this.now.turn = undefined;
      this.now.currentCall = undefined;
    }
    if (done.reason === 'error') throw new RequestError(-32603, done.message ?? 'the model request failed');
    return { stopReason: STOP_REASONS[done.reason] };
  }

  /** Cancels the running turn, and with it the prompts waiting to join it (ACP cancels all of a session's prompts). */
  cancel(): void {
    this.steering.take();
    this.now.turn?.abort();
  }

  async dispose(): Promise<void> {
    this.cancel();
    await this.parts.tools.dispose();
  }
}
