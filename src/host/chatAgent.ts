// One chat: the conversation record sent to the model and saved after every step, and the
// running turn. Events from runAgent are recorded (saved) and go into the transcript (and so to
// the webview) as they come; every write the agent proposes is checkpointed first. Stop aborts
// the turn's signal; New Chat starts a new record (the old one stays in the history); opening a
// saved conversation shows it and continues it. A turn from an earlier chat never writes into
// the chat shown now.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { AgentEvent } from '../agent/events';
import { ContextManager } from '../agent/context/contextManager';
import { contextWindowFor } from '../agent/context/contextWindows';
import { newRecord, type ConversationRecord } from '../agent/history/conversationRecord';
import { ConversationRecorder } from '../agent/history/conversationRecorder';
import type { LoadedConversation } from '../agent/history/conversationStore';
import { runAgent, type AgentOptions } from '../agent/loop';
import { recordingWorkspace } from '../agent/recordingWorkspace';
import { priceFor } from '../agent/usage/pricing';
import type { ChatHistory } from './chatHistory';
import { transcriptOf } from './conversationTranscript';
import { forEditor } from './editorErrors';
import type { Transcript } from './transcript';

export interface Turn {
  /** What the model gets: the user's words and the attached content. */
  content: string;
  /** What the chat shows. */
  display: string;
  attachments: string[];
  options: Omit<AgentOptions, 'signal' | 'context'>;
  /** Built once, for the first turn of a chat. */
  systemPrompt: () => Promise<string>;
  /** Where the requests go, for the log (never the key). */
  endpoint: string;
}

export class ChatAgent {
  private record: ConversationRecord = newRecord(randomUUID(), []);
  private recorder: ConversationRecorder;
  private controller: AbortController | undefined;
  private generation = 0;
  /** Settles once the conversation open when the window closed is back (or there was none). */
  readonly restored: Promise<void>;

  constructor(
    private readonly transcript: Transcript,
    private readonly history: ChatHistory,
    private readonly log: vscode.LogOutputChannel,
    private readonly onBusyChange: (busy: boolean) => void,
  ) {
    this.recorder = this.recorderFor(this.record);
    this.restored = this.restoreLast();
  }

  get busy(): boolean {
    return this.controller !== undefined;
  }

  /** The conversation the chat shows: messages, usage totals, checkpoints. Saved with save(). */
  get conversation(): ConversationRecord {
    return this.record;
  }

  /** Saves the conversation now (after the saves already queued). */
  save(): Promise<void> {
    return this.recorder.save();
  }

  async run(turn: Turn): Promise<void> {
    if (this.controller) return;
    const controller = new AbortController();
    const generation = this.generation;
    const current = () => generation === this.generation;
    const record = this.record;
    const recorder = this.recorder;
    this.controller = controller;
    this.onBusyChange(true);
    this.transcript.add({ type: 'user', id: randomUUID(), text: turn.display, attachments: turn.attachments });
    const context = new ContextManager({ model: turn.options.model, window: contextWindowFor(turn.options.model.name), state: record.context });
    try {
      if (record.messages.length === 0) record.messages.push({ role: 'system', content: await turn.systemPrompt() });
      recorder.startTurn(turn.content, turn.options.model.name);
      await recorder.save();
      const workspace = recordingWorkspace(turn.options.workspace, { checkpoints: record.checkpoints, messages: () => record.messages, save: () => recorder.save() });
      for await (const event of runAgent(record, { ...turn.options, workspace, context, signal: controller.signal })) {
        if (event.type === 'compacted') record.context = context.state;
        // Saved before it is shown, and to its own conversation even after New Chat.
        await recorder.observe(event);
        if (!current()) continue;
        this.logEvent(event, turn.endpoint);
        this.transcript.add({ type: 'agent', event: forEditor(event, turn.endpoint) });
      }
    } catch (error) {
      // runAgent reports failures as events; this is the last line of defence.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`the agent loop failed: ${message}`);
      if (current()) {
        this.transcript.add({ type: 'agent', event: { type: 'error', message } });
        this.transcript.add({ type: 'agent', event: { type: 'done', reason: 'error', message } });
      }
    } finally {
      record.context = context.state;
      await recorder.save();
      if (this.controller === controller) this.controller = undefined;
      if (current()) this.onBusyChange(false);
    }
  }

  stop(): void {
    this.controller?.abort();
  }

  /** Stops any turn and starts a new, empty conversation; the old one stays in the history. */
  reset(): void {
    this.show({ conversation: newRecord(randomUUID(), []), repairs: [] });
    void this.history.setCurrent(undefined);
  }

  /** Stops any turn and shows a saved conversation, to be continued. */
  open(loaded: LoadedConversation): void {
    this.show(loaded);
    void this.history.setCurrent(loaded.conversation.id);
  }

  private show({ conversation, repairs }: LoadedConversation): void {
    this.stop();
    this.controller = undefined;
    this.generation++;
    this.record = conversation;
    this.recorder = this.recorderFor(conversation);
    const notices = repairs.length ? [{ type: 'notice' as const, text: `Loaded after an interruption: ${repairs.join('; ')}.` }] : [];
    this.transcript.replace([...transcriptOf(conversation.messages, randomUUID), ...notices]);
    this.onBusyChange(false);
  }

  private async restoreLast(): Promise<void> {
    try {
      const id = this.history.currentId;
      const loaded = await this.history.openLast();
      if (id) this.log.info(loaded ? `opened conversation ${id} (${loaded.conversation.messages.length} messages)${loaded.repairs.length ? `: ${loaded.repairs.join('; ')}` : ''}` : `conversation ${id} is gone`);
      // A turn started before the saved chat was read: it is the chat now.
      if (loaded && this.record.messages.length === 0 && !this.busy) this.show(loaded);
    } catch (error) {
      this.log.warn(`could not open the last conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private recorderFor(conversation: ConversationRecord): ConversationRecorder {
    return new ConversationRecorder(conversation, {
      save: (record) => this.history.save(record),
      pricing: (model) => priceFor(model),
      onSaveError: (error) => this.log.error(`could not save the conversation: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  private logEvent(event: AgentEvent, endpoint: string): void {
    switch (event.type) {
      case 'step':
        this.log.info(`request ${event.step} to ${endpoint}: ${this.record.messages.length} messages`);
        break;
      case 'tool_call':
        this.log.info(`tool call ${event.call.name} ${event.call.arguments.slice(0, 500)}`);
        break;
      case 'tool_result':
        (event.isError ? this.log.warn : this.log.info).call(this.log, `tool result ${event.name}: ${event.isError ? 'error: ' : ''}${event.content.slice(0, 300)}`);
        break;
      case 'error':
        this.log.error(`${event.status ? `HTTP ${event.status}: ` : ''}${event.message}`);
        break;
      case 'retry':
        this.log.warn(`retry ${event.attempt} in ${event.delayMs} ms: ${event.message}`);
        break;
      case 'usage':
        this.log.debug(`usage: ${event.usage.promptTokens} prompt, ${event.usage.completionTokens} completion tokens`);
        break;
      case 'done':
        this.log.info(`turn done: ${event.reason}${event.message ? ` (${event.message})` : ''}`);
        break;
      default:
        break;
    }
  }
}
