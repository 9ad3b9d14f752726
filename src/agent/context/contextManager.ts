// Keeps each request inside the model's window. Called by the loop before every request: while
// the request is under the threshold it is the history as it is (plus earlier compactions), so
// it grows only by appending; past the threshold it compacts once, down to the target, and says
// so. The tokenizer is loaded only when the request's byte count alone cannot settle it.
import type { Message } from '../conversation';
import type { Compaction } from '../events';
import type { Model, ToolSpec } from '../model';
import { contextBreakdown, type ContextBreakdown } from './contextBreakdown';
import { planCompaction } from './compactionPlan';
import { RequestMeter } from './requestSize';
import { emptyContextState, headLength, requestView, sentAs, type ContextState } from './requestView';
import { summarise } from './summarise';
import { byteCounter, loadTokenCounter, type TokenCounter } from './tokenCounter';

export interface ContextOptions {
  /** Writes the summaries: usually the conversation's own model. */
  model: Model;
  /** Tokens a request may hold (contextWindowFor). */
  window: number;
  /** Compact when a request would pass this share of the window. Default 0.8. */
  threshold?: number;
  /** A compaction brings the request down to this share of the window. Default 0.5. */
  target?: number;
  /** Old tool results larger than this many tokens are left out first. Default 500. */
  largeResultTokens?: number;
  /** Where a saved conversation's compactions left off. */
  state?: ContextState;
  /** Default: gpt-tokenizer in the encoding for the model's name. */
  counter?: TokenCounter;
}

export interface PreparedRequest {
  messages: Message[];
  /** Set when this request was compacted. */
  compaction?: Compaction;
}

export class ContextManager {
  private current: ContextState;
  private readonly bytes = new RequestMeter(byteCounter);
  private tokens?: Promise<{ meter: RequestMeter; counter: TokenCounter }>;

  constructor(private readonly options: ContextOptions) {
    this.current = options.state ?? emptyContextState();
  }

  /** Saved with the conversation, so that a continued conversation sends what it sent before. */
  get state(): ContextState {
    return this.current;
  }

  get window(): number {
    return this.options.window;
  }

  /** A quarter of the window, at a conservative three characters a token. */
  private get maxResultChars(): number {
    return Math.floor(this.options.window * 0.25 * 3);
  }

  /** The messages to send for `messages`, compacted first if they would pass the threshold (or if `force`). */
  /** `beforeSummary` runs just before older messages are summarised (the PreCompact hooks). */
  async prepare(messages: readonly Message[], tools: readonly ToolSpec[], signal: AbortSignal, force = false, beforeSummary?: () => Promise<void>): Promise<PreparedRequest> {
    const view = requestView(messages, this.current, this.maxResultChars);
    const threshold = this.options.window * (this.options.threshold ?? 0.8);
    if (!force && this.bytes.request(view, tools) <= threshold) return { messages: view };
    const { meter, counter } = await this.meter();
    const before = meter.request(view, tools);
    if (!force && before <= threshold) return { messages: view };

    const state = this.current;
    const target = Math.floor(this.options.window * (this.options.target ?? 0.5));
    const summaryRoom = Math.min(4000, Math.max(200, Math.floor(this.options.window * 0.05)));
    const trimmed = new Set(state.trimmed);
    const plan = planCompaction({
      messages,
      state,
      size: (index) => meter.message(sentAs(messages[index], trimmed, this.maxResultChars)),
      total: before,
      fixed: meter.request(messages.slice(0, headLength(messages)), tools),
      target,
      largeResult: this.options.largeResultTokens ?? 500,
      summaryRoom,
      force,
    });
    const report = (next: ContextState, extra: Partial<Compaction> & Pick<Compaction, 'kind'>): PreparedRequest => {
      this.current = next;
      const compacted = requestView(messages, next, this.maxResultChars);
      const compaction: Compaction = { trimmedResults: 0, summarisedMessages: 0, ...extra, tokensBefore: before, tokensAfter: meter.request(compacted, tools), window: this.options.window };
      return { messages: compacted, compaction };
    };

    if (plan.kind === 'none') return { messages: view };
    if (plan.kind === 'trim') return report({ ...state, trimmed: [...state.trimmed, ...plan.trim] }, { kind: 'trim', trimmedResults: plan.trim.length });

    const middle = messages.slice(plan.from, plan.through);
    await beforeSummary?.();
    const summary = await summarise(
      this.options.model,
      { previous: state.summary?.text, messages: middle, partTokens: Math.floor(this.options.window * 0.6), summaryTokens: summaryRoom, counter },
      signal,
    ).catch((err: unknown) => {
      if (signal.aborted) return undefined;
      throw err;
    });
    if (!summary) return { messages: view };
    const kept = new Set(messages.slice(plan.through).flatMap((message) => (message.role === 'tool' ? [message.toolCallId] : [])));
    const next: ContextState = { trimmed: state.trimmed.filter((id) => kept.has(id)), summary: { through: plan.through, text: summary.text } };
    return report(next, {
      kind: 'summary',
      summarisedMessages: middle.length,
      ...(summary.error ? { summaryError: summary.error } : {}),
      ...(summary.usage ? { usage: summary.usage } : {}),
    });
  }

  /** "Compact now": summarise all but the latest exchange, whatever the size (prepare with force). */
  compactNow(messages: readonly Message[], tools: readonly ToolSpec[], signal: AbortSignal): Promise<PreparedRequest> {
    return this.prepare(messages, tools, signal, true);
  }

  /** What the next request would hold, part by part, for the context meter. */
  async breakdown(messages: readonly Message[], tools: readonly ToolSpec[], rules?: string): Promise<ContextBreakdown & { window: number }> {
    const { meter, counter } = await this.meter();
    return { ...contextBreakdown(requestView(messages, this.current, this.maxResultChars), tools, meter, counter, rules), window: this.options.window };
  }

  /** Tokens in `text` as the meter counts them (what is attached to the next message, before it is sent). */
  async count(text: string): Promise<number> {
    return text ? (await this.meter()).counter.count(text) : 0;
  }

  private meter(): Promise<{ meter: RequestMeter; counter: TokenCounter }> {
    if (!this.tokens) {
      // Byte counts overestimate: without the tokenizer, compaction only comes early.
      const loaded = this.options.counter ? Promise.resolve(this.options.counter) : loadTokenCounter(this.options.model.name).catch(() => byteCounter);
      this.tokens = loaded.then((counter) => ({ meter: new RequestMeter(counter), counter }));
    }
    return this.tokens;
  }
}
