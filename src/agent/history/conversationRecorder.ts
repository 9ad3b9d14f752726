// Saves a conversation while the loop runs, from its events: once the assistant message with
// tool calls is in (a crash mid-tool then leaves calls that loading answers), after each tool
// result, after a compaction and at the end of the turn; and a reply still streaming at most
// every `draftEveryMs`, so a crash mid-stream keeps what had arrived. Saves run one at a time, in
// order; a failed save is reported and the next one tries again.
import type { AgentEvent } from '../events';
import type { UserImage } from '../images/userImage';
import type { ContextState } from '../context/requestView';
import type { ModelPrice } from '../usage/pricing';
import { addUsage, emptyTotals, usageOf } from '../usage/usageTotals';
import { titleFor, type ConversationRecord } from './conversationRecord';

export interface RecorderOptions {
  save(conversation: ConversationRecord): Promise<void>;
  /** The price of a model (priceFor with the user's overrides), for the cost; none: tokens only. */
  pricing?: (model: string) => ModelPrice | undefined;
  /** Where compaction stands (the ContextManager); saved after each compaction. */
  context?: { readonly state: ContextState };
  /** Default 1000 ms. */
  draftEveryMs?: number;
  onSaveError?(error: unknown): void;
  now?: () => Date;
}

export class ConversationRecorder {
  private queue: Promise<void> = Promise.resolve();
  private queued = false;
  private lastSave = 0;
  private draftText = '';
  private draftReasoning = '';
  /** How many messages there were when the draft began: once its message is in, the draft is not saved again. */
  private draftAt = -1;

  constructor(
    readonly conversation: ConversationRecord,
    private readonly options: RecorderOptions,
  ) {}

  /**
   * Appends the user's message and starts counting the turn's usage. `display`: what the chat
   * shows, when not `content`; `images`: those pasted into the message.
   */
  startTurn(content: string, model?: string, { display, images = [] }: { display?: string; images?: UserImage[] } = {}): void {
    this.conversation.turns.push({ messageIndex: this.conversation.messages.length, usage: emptyTotals() });
    this.conversation.messages.push({ role: 'user', content, ...(display !== undefined ? { display } : {}), ...(images.length ? { images } : {}) });
    if (model) this.conversation.model = model;
  }

  async observe(event: AgentEvent): Promise<void> {
    const usage = usageOf(event);
    if (usage) {
      const turn = this.conversation.turns.at(-1);
      const model = this.conversation.model;
      const price = model ? this.options.pricing?.(model) : undefined;
      this.conversation.usage = addUsage(this.conversation.usage, usage, price);
      if (turn) turn.usage = addUsage(turn.usage, usage, price);
    }
    switch (event.type) {
      case 'text':
      case 'reasoning':
        if (!this.draftText && !this.draftReasoning) this.draftAt = this.conversation.messages.length;
        if (event.type === 'text') this.draftText += event.delta;
        else this.draftReasoning += event.delta;
        if (this.now() - this.lastSave >= (this.options.draftEveryMs ?? 1000)) await this.save();
        return;
      case 'step':
        this.clearDraft();
        return;
      case 'tool_call':
        // The assistant message is in the conversation now; save it once per step.
        if (this.draftText || this.draftReasoning || this.conversation.messages.at(-1)?.role === 'assistant') {
          this.clearDraft();
          await this.save();
        }
        return;
      case 'compacted':
        if (this.options.context) this.conversation.context = this.options.context.state;
        await this.save();
        return;
      case 'tool_result':
      case 'steer':
        await this.save();
        return;
      case 'done':
        this.clearDraft();
        await this.save();
        return;
      default:
        return;
    }
  }

  /** Queues a save of the conversation as it is when the save runs, and waits for it. */
  save(): Promise<void> {
    if (this.queued) return this.queue;
    this.queued = true;
    this.queue = this.queue.then(async () => {
      this.queued = false;
      this.lastSave = this.now();
      const conversation = this.conversation;
      conversation.updatedAt = new Date(this.lastSave).toISOString();
      if (!conversation.titleSetByUser) conversation.title = titleFor(conversation.messages);
      const streaming = (this.draftText || this.draftReasoning) && conversation.messages.length === this.draftAt;
      const draft = streaming ? { text: this.draftText, ...(this.draftReasoning ? { reasoning: this.draftReasoning } : {}) } : undefined;
      try {
        await this.options.save(draft ? { ...conversation, draft } : withoutDraft(conversation));
      } catch (err) {
        this.options.onSaveError?.(err);
      }
    });
    return this.queue;
  }

  private clearDraft(): void {
    this.draftText = '';
    this.draftReasoning = '';
  }

  private now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }
}

function withoutDraft(conversation: ConversationRecord): ConversationRecord {
  if (!conversation.draft) return conversation;
  const { draft: _draft, ...rest } = conversation;
  return rest;
}
