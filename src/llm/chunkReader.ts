// Turns the chunks of one streamed chat completion into ModelChunks. Pure: no I/O, no timers.
import type { Usage } from '../agent/events';
import type { FinishReason, ModelChunk } from '../agent/model';
import { ThinkTagSplitter, type Split } from './thinkTags';
import { ToolCallAssembler, type ToolCallDelta } from './toolCallAssembler';
import { errorInChunk, normaliseFinishReason, readUsage, reasoningDelta, type ChunkError } from './wireQuirks';

/** The server reported an error inside a stream that had started with 200. */
export class StreamReportedError extends Error {
  constructor(readonly error: ChunkError) {
    super(error.message);
    this.name = 'StreamReportedError';
  }
}

/** The stream ended without a single token, tool call or finish reason. */
export class EmptyStreamError extends Error {
  constructor() {
    super('the server closed the stream without replying');
    this.name = 'EmptyStreamError';
  }
}

export class ChunkReader {
  /** The answer text so far. */
  text = '';
  /** Text or reasoning has been passed on: asking again now would show it twice. */
  shown = false;
  /** The server streams thinking as `reasoning_content` (DeepSeek's convention). */
  sawReasoningContent = false;
  private finishReason?: FinishReason;
  private usage?: Usage;
  private readonly calls: ToolCallAssembler;
  private readonly thinkTags = new ThinkTagSplitter();

  constructor(newToolCallId: () => string) {
    this.calls = new ToolCallAssembler(newToolCallId);
  }

  read(chunk: unknown): ModelChunk[] {
    if (!chunk || typeof chunk !== 'object') return [];
    const body = chunk as Record<string, unknown>;
    const error = errorInChunk(body);
    if (error) throw new StreamReportedError(error);
    // Servers that report usage on every chunk (vLLM's continuous stats) send running totals:
    // the last one wins, and it is passed on once, at the end.
    this.usage = readUsage(body.usage) ?? this.usage;
    const out: ModelChunk[] = [];
    for (const choice of firstChoices(body.choices)) {
      const delta = (choice.delta && typeof choice.delta === 'object' ? choice.delta : {}) as Record<string, unknown>;
      const reasoning = reasoningDelta(delta);
      if (reasoning) out.push({ type: 'reasoning', delta: reasoning });
      if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) this.sawReasoningContent = true;
      if (typeof delta.content === 'string' && delta.content) this.pushSplit(out, this.thinkTags.push(delta.content));
      if (Array.isArray(delta.tool_calls)) {
        for (const call of delta.tool_calls as ToolCallDelta[]) if (call && typeof call === 'object') this.calls.add(call);
      }
      const reason = normaliseFinishReason(choice.finish_reason);
      if (reason === 'error') throw new StreamReportedError({ message: 'the provider failed mid-reply (finish_reason "error")' });
      if (reason) this.finishReason = reason;
    }
    if (out.length) this.shown = true;
    return out;
  }

  /** The closing chunks once the stream ended normally: held-back text, usage if any, then the finish. */
  end(): ModelChunk[] {
    const closing: ModelChunk[] = [];
    this.pushSplit(closing, this.thinkTags.flush());
    const { reason, toolCalls } = this.calls.finish(this.finishReason);
    if (!this.finishReason && !this.shown && toolCalls.length === 0) throw new EmptyStreamError();
    if (this.usage) closing.push({ type: 'usage', usage: this.usage });
    closing.push({ type: 'finish', reason, toolCalls });
    return closing;
  }

  private pushSplit(out: ModelChunk[], split: Split): void {
    if (split.reasoning) out.push({ type: 'reasoning', delta: split.reasoning });
    if (split.text) {
      this.text += split.text;
      out.push({ type: 'text', delta: split.text });
    }
    if (split.reasoning || split.text) this.shown = true;
  }
}

/**
 * The choices for the first (and only) completion. Usage chunks have `choices: []`; Azure's
 * content-filter chunks carry a choice without `delta`; some servers leave `index` out.
 */
function firstChoices(choices: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(choices)) return [];
  return choices.filter((choice): choice is Record<string, unknown> => Boolean(choice) && typeof choice === 'object' && !(choice.index > 0));
}
