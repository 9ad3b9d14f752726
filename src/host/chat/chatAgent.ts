// One chat: the conversation record sent to the model and saved after every step, and the
// running turn. Events from runAgent are recorded (saved) and go into the transcript (and so to
// the webview) as they come; every write the agent proposes is checkpointed first. Stop aborts
// the turn's signal; New Chat starts a new record (the old one stays in the history); opening a
// saved conversation shows it and continues it. A turn from an earlier chat never writes into
// the chat shown now.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { Message, UserMessage } from '../../agent/conversation';
import { imageDataUrl, type UserImage } from '../../agent/images/userImage';
import type { AgentEvent, DoneReason, Usage } from '../../agent/events';
import { ContextManager } from '../../agent/context/contextManager';
import { newRecord, type ConversationRecord } from '../../agent/history/conversationRecord';
import { ConversationRecorder } from '../../agent/history/conversationRecorder';
import type { LoadedConversation } from '../../agent/history/conversationStore';
import { runAgent, type AgentOptions } from '../../agent/loop';
import { recordingWorkspace } from '../../agent/recordingWorkspace';
import { priceFor } from '../../agent/usage/pricing';
import type { Model, ToolSpec } from '../../agent/model';
import type { MeterView } from '../../protocol/messages';
import type { ModeId } from '../../agent/modes/chatMode';
import type { ChatHistory } from '../history/chatHistory';
import { shownUserMessage, transcriptOf } from './conversationTranscript';
import { forEditor } from './editorErrors';
import { readSettings } from '../settings/settings';
import type { HeldNotes } from './heldNotes';
import type { Transcript } from './transcript';

export interface Turn {
  /** What the model gets: the user's words and the attached content. */
  content: string;
  /** What the chat shows. */
  display: string;
  attachments: string[];
  /** Images that go with the message (checked already). */
  images?: UserImage[];
  options: Omit<AgentOptions, 'signal' | 'context'>;
  /** The model's context window (contextWindowFor with the user's overrides). */
  window: number;
  /** Built once, for the first turn of a chat. */
  systemPrompt: () => Promise<string>;
  /** Where the requests go, for the log (never the key). */
  endpoint: string;
  /** Send the conversation as it is again (after a failed request): no new user message. */
  retry?: boolean;
}

export class ChatAgent {
  private record: ConversationRecord = newRecord(randomUUID(), []);
  private recorder: ConversationRecorder;
  private controller: AbortController | undefined;
  private generation = 0;
  /** Settles once the conversation open when the window closed is back (or there was none). */
  readonly restored: Promise<void>;
  /** Kept across turns while the model and its window stay, so each request grows only by appending. */
  private context: { manager: ContextManager; model: string } | undefined;
  /** What the server reported for the latest request (not saved: the meter's detail). */
  private lastRequest: Usage | undefined;
  /** Told when another conversation is shown (its staged changes come back with it). */
  onConversationShown: (conversation: ConversationRecord) => void = () => {};

  constructor(
    private readonly transcript: Transcript,
    private readonly history: ChatHistory,
    private readonly log: vscode.LogOutputChannel,
    private readonly onBusyChange: (busy: boolean) => void,
    /** The usage, the context or the changed files may have changed: the meter and the list are posted again. */
    private readonly onMeterChange: () => void = () => {},
  ) {
    this.recorder = this.recorderFor(this.record);
    this.restored = this.restoreLast();
  }

  get busy(): boolean {
    return this.controller !== undefined;
  }

  /** Whether the conversation waits for a reply the model never gave: it ends with the user's words, tool results or a cut-off reply. */
  get canRetry(): boolean {
    const last = this.record.messages.at(-1);
    return !this.busy && last !== undefined && (last.role === 'user' || last.role === 'tool' || (last.role === 'assistant' && last.interrupted === true));
  }

  /** The conversation the chat shows: messages, usage totals, checkpoints. Saved with save(). */
  get conversation(): ConversationRecord {
    return this.record;
  }

  /** The conversation's mode: which tools its model is offered. */
  get mode(): ModeId {
    return this.record.mode ?? 'agent';
  }

  /** Kept in the conversation, so it comes back with it; saved now once the conversation is in the history. */
  setMode(mode: ModeId): void {
    if (mode === 'agent') delete this.record.mode;
    else this.record.mode = mode;
    if (this.record.messages.length > 0) void this.recorder.save();
  }

  /** Saves the conversation now (after the saves already queued). */
  save(): Promise<void> {
    return this.recorder.save();
  }

  /** Ouro's note to the model, outside a turn: the next request carries it (after a reload too). */
  addNote(note: UserMessage): void {
    if (this.controller || this.record.messages.length === 0) return;
    this.record.messages.push(note);
    void this.recorder.save();
  }

  /**
   * Tells the model what the person did (kept or undid staged changes): into the conversation at
   * once, saved with it; during a turn, held for the turn's next step (or the next message).
   */
  tell(text: string, held: HeldNotes): void {
    held.add(text);
    if (!this.controller && this.record.messages.length) {
      const note = held.takeMessage();
      if (note) this.addNote(note);
    }
  }

  /** Runs the turn; how it ended (undefined: it did not start, or another chat is shown now). */
  async run(turn: Turn): Promise<DoneReason | undefined> {
    if (this.controller) return undefined;
    let ended: DoneReason | undefined;
    const controller = new AbortController();
    const generation = this.generation;
    const current = () => generation === this.generation;
    const record = this.record;
    const recorder = this.recorder;
    this.controller = controller;
    this.onBusyChange(true);
    // The system prompt comes first in a new conversation.
    const messageIndex = Math.max(1, record.messages.length);
    const images = turn.images?.length ? { images: turn.images.map(imageDataUrl) } : {};
    if (!turn.retry) this.transcript.add({ type: 'user', id: randomUUID(), text: turn.display, attachments: turn.attachments, messageIndex, ...images });
    const context = this.contextFor(turn.options.model, turn.window);
    try {
      if (record.messages.length === 0) record.messages.push({ role: 'system', content: await turn.systemPrompt() });
      // What the user typed is kept when the content would show otherwise (a prompt file's expansion).
      if (!turn.retry) {
        const display = shownUserMessage({ content: turn.content }).text === turn.display ? undefined : turn.display;
        recorder.startTurn(turn.content, turn.options.model.name, { display, images: turn.images });
      }
      await recorder.save();
      this.onMeterChange();
      const workspace = recordingWorkspace(turn.options.workspace, { checkpoints: record.checkpoints, messages: () => record.messages, save: () => recorder.save() });
      for await (const event of runAgent(record, { ...turn.options, workspace, context, signal: controller.signal })) {
        if (event.type === 'compacted') record.context = context.state;
        // Saved before it is shown, and to its own conversation even after New Chat.
        await recorder.observe(event);
        if (!current()) continue;
        if (event.type === 'done') ended = event.reason;
        if (event.type === 'steer') this.showSteer(event.text, record.messages.length - 1);
        else this.showEvent(event, turn.endpoint);
      }
      const turnUsage = record.turns.at(-1)?.usage;
      if (current() && turnUsage?.requests) this.transcript.add({ type: 'turnUsage', usage: turnUsage });
    } catch (error) {
      // runAgent reports failures as events; this is the last line of defence.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`the agent loop failed: ${message}`);
      if (current()) {
        ended = 'error';
        this.transcript.add({ type: 'agent', event: { type: 'error', message } });
        this.transcript.add({ type: 'agent', event: { type: 'done', reason: 'error', message } });
      }
    } finally {
      record.context = context.state;
      await recorder.save();
      if (this.controller === controller) this.controller = undefined;
      if (current()) this.onBusyChange(false);
    }
    return ended;
  }

  /** A message sent while the loop worked, now delivered: the user's, where it went in (the loop has just appended it). */
  private showSteer(text: string, messageIndex: number): void {
    this.log.info(`delivered what was sent while working (${text.length} characters)`);
    this.transcript.add({ type: 'user', id: randomUUID(), text, attachments: [], messageIndex });
  }

  stop(): void {
    this.controller?.abort();
  }

  /**
   * "Compact now": summarises all but the latest exchange and says so in the chat, or says why
   * there was nothing to do. Runs as a turn of its own: Stop cancels it, Send waits for it.
   */
  async compact(model: Model, window: number, specs: readonly ToolSpec[]): Promise<void> {
    if (this.controller) return;
    const record = this.record;
    if (!record.messages.some((message) => message.role === 'user')) {
      this.transcript.add({ type: 'notice', text: 'Nothing to compact: the conversation has not started.' });
      return;
    }
    const controller = new AbortController();
    const generation = this.generation;
    const recorder = this.recorder;
    this.controller = controller;
    this.onBusyChange(true);
    try {
      const context = this.contextFor(model, window);
      const { compaction } = await context.compactNow(record.messages, specs, controller.signal);
      if (compaction) {
        record.context = context.state;
        await recorder.observe({ type: 'compacted', compaction });
      }
      if (generation !== this.generation) return;
      if (compaction) this.showEvent({ type: 'compacted', compaction }, model.name);
      else if (controller.signal.aborted) this.transcript.add({ type: 'notice', text: 'Compaction stopped.' });
      else this.transcript.add({ type: 'notice', text: 'Nothing to compact yet: only the latest exchange is in the conversation.' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`compaction failed: ${message}`);
      if (generation === this.generation) this.transcript.add({ type: 'agent', event: { type: 'error', message: `Could not compact the conversation: ${message}` } });
    } finally {
      if (this.controller === controller) this.controller = undefined;
      if (generation === this.generation) this.onBusyChange(false);
    }
  }

  /**
   * The conversation's usage and the next request's size by part: `attached` is the text the
   * pending attachments add to the next message, counted apart; `chosen`, the model the next
   * message goes to (counted with its tokenizer and window, before it was ever asked), and the
   * system prompt a new conversation would start with.
   */
  async meter(specs: readonly ToolSpec[], rules?: string, attached = '', chosen?: { model: Model; window: number; opening?: string }): Promise<MeterView> {
    const view: MeterView = { usage: this.record.usage, ...(this.lastRequest ? { lastRequest: this.lastRequest } : {}) };
    // While a turn runs, its own manager measures; between turns, the model chosen now does.
    if (chosen && !this.busy) this.contextFor(chosen.model, chosen.window);
    if (!this.context) return view;
    const tokens = await this.context.manager.count(attached);
    const messages: readonly Message[] = this.record.messages.length === 0 && chosen?.opening ? [{ role: 'system', content: chosen.opening }] : this.record.messages;
    return { ...view, context: await this.context.manager.breakdown(messages, specs, rules), ...(tokens ? { attached: tokens } : {}) };
  }

  /** The same manager while the model and its window stay; a new one, from where compaction stands, when they change. */
  private contextFor(model: Model, window: number): ContextManager {
    if (this.context?.manager.window !== window || this.context.model !== model.name) {
      this.context = { manager: new ContextManager({ model, window, state: this.record.context }), model: model.name };
    }
    return this.context.manager;
  }

  /** Logs an event of the chat shown now, passes it to the webview and notes what the meter shows. */
  private showEvent(event: AgentEvent, endpoint: string): void {
    if (event.type === 'usage') this.lastRequest = event.usage;
    this.logEvent(event, endpoint);
    this.transcript.add({ type: 'agent', event: forEditor(event, endpoint) });
    if (event.type === 'usage' || event.type === 'compacted' || event.type === 'tool_result' || event.type === 'done') this.onMeterChange();
  }

  /** Stops any turn and starts a new, empty conversation in the same mode; the old one stays in the history. */
  reset(): void {
    const mode = this.record.mode;
    this.show({ conversation: { ...newRecord(randomUUID(), []), ...(mode ? { mode } : {}) }, repairs: [] });
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
    this.context = undefined;
    this.lastRequest = undefined;
    this.onConversationShown(conversation);
    const notices = repairs.length ? [{ type: 'notice' as const, text: `Loaded after an interruption: ${repairs.join('; ')}.` }] : [];
    this.transcript.replace([...transcriptOf(conversation.messages, randomUUID, conversation.turns), ...notices]);
    this.onBusyChange(false);
    this.onMeterChange();
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
      pricing: (model) => priceFor(model, readSettings().pricing),
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
