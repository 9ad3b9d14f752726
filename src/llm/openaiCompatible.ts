// The model client for every OpenAI-compatible endpoint, over the official `openai` package.
// The SDK does the HTTP and SSE framing; we do the retries (its own are off), the idle timeout
// and the tool-call assembly, because real servers need more care than the SDK's helpers give.
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { abortError, ModelError, type Model, type ModelChunk, type ModelRequest } from '../agent/model';
import { activityOption, fetchWithActivity } from './activityFetch';
import { ChunkReader } from './chunkReader';
import { clientAccess, replyLimitField } from './endpointQuirks';
import { classifyFailure, StalledStreamError } from './failures';
import { backoffDelay, sleep } from './retry';
import { toWireTools, WireHistory } from './wireMessages';
import { randomTag } from './callIds';
import { chunksOfCompletion, isEmptyReply } from './unstreamedReply';

export interface OpenAICompatibleOptions {
  baseURL: string;
  apiKey?: string;
  model: string;
  /** Retries of 429, 5xx and connection errors before any token arrived. Default 4. */
  maxRetries?: number;
  /** A stream with no byte for this long is aborted and asked again once. Default 180 s (reasoning models think silently). */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** The first retry waits about this long; each later one twice as long. Default 1 s. */
  retryBaseDelayMs?: number;
  /** No wait is longer; a Retry-After beyond it is reported instead of waited for. Default 60 s. */
  maxRetryDelayMs?: number;
  /** Sampling temperature; unset, the server's default. Dropped for good if the model refuses it. */
  temperature?: number;
}

export class OpenAICompatibleModel implements Model {
  readonly name: string;
  private readonly maxRetries: number;
  private readonly idleTimeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly fetch: typeof fetch;
  private readonly log: (line: string) => void;
  /** Turned off for good once the server says it does not know `stream_options`. */
  private sendStreamOptions = true;
  /** Turned off for good once the model says it takes no temperature (reasoning models). */
  private sendTemperature = true;
  /** Turned on for good once the server shows it wants thinking back (DeepSeek). */
  private echoReasoning = false;
  private readonly idTag = randomTag();
  private idCount = 0;
  /** Built on first request and kept: the SDK's client costs a fraction of a millisecond to build. */
  private client: OpenAI | undefined;
  /** The conversation's wire form, kept between steps. */
  private readonly wire = new WireHistory();

  constructor(private readonly options: OpenAICompatibleOptions) {
    this.name = options.model;
    this.maxRetries = options.maxRetries ?? 4;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 180_000;
    this.baseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.maxDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.log = options.log ?? (() => {});
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelChunk> {
    const tools = request.tools.length ? toWireTools(request.tools) : undefined;
    let retries = 0;
    let announced = 0;
    let stallRetried = false;
    for (;;) {
      const reader = new ChunkReader(() => this.newToolCallId());
      const sentStreamOptions = this.sendStreamOptions;
      const echoedReasoning = this.echoReasoning;
      const temperature = this.sendTemperature ? this.options.temperature : undefined;
      const params: ChatCompletionCreateParamsStreaming = {
        model: this.name,
        messages: this.wire.convert(request.messages, { echoReasoning: echoedReasoning }),
        stream: true,
        ...(tools ? { tools } : {}),
        ...(temperature !== undefined ? { temperature } : {}),
        ...(sentStreamOptions ? { stream_options: { include_usage: true } } : {}),
        ...(request.maxTokens ? { [replyLimitField(this.options.baseURL)]: request.maxTokens } : {}),
      };
      try {
        const closing: ModelChunk[] = [];
        for await (const chunk of this.attempt(params, reader, request.signal)) {
          if (chunk.type === 'usage' || chunk.type === 'finish') closing.push(chunk);
          else yield chunk;
        }
        if (reader.shown || !isEmptyReply(closing)) return yield* closing;
        // The empty reply's usage was spent all the same; its finish stands if asking again fails.
        yield* closing.filter((chunk) => chunk.type === 'usage');
        return yield* await this.askWithoutStreaming(params, closing.filter((chunk) => chunk.type === 'finish'), request.signal);
      } catch (err) {
        if (request.signal.aborted) throw abortError(request.signal);
        const failure = classifyFailure(err, {
          baseURL: this.options.baseURL,
          model: this.name,
          hasApiKey: Boolean(this.options.apiKey),
          sentStreamOptions,
          echoedReasoning,
          sentTemperature: temperature !== undefined,
        });
        const status = 'status' in failure ? failure.status : undefined;
        if (reader.shown) throw new ModelError(`${failure.message} (the reply broke off; what arrived is kept)`, status, reader.text);
        if (failure.kind === 'fatal') throw new ModelError(failure.message, status);
        if (failure.kind === 'drop_stream_options') {
          this.sendStreamOptions = false;
          this.log(`${this.options.baseURL} does not take stream_options; asking again without it`);
          continue;
        }
        if (failure.kind === 'drop_temperature') {
          this.sendTemperature = false;
          this.log(`${this.name} takes no temperature; asking again without it`);
          continue;
        }
        if (failure.kind === 'echo_reasoning') {
          this.echoReasoning = true;
          this.log(`${this.options.baseURL} wants thinking sent back as reasoning_content; asking again with it`);
          continue;
        }
        if (failure.kind === 'stalled') {
          if (stallRetried) throw new ModelError(`${failure.message}, again after asking a second time`);
          stallRetried = true;
          this.log(`${failure.message}; asking again`);
          yield { type: 'retry', attempt: ++announced, delayMs: 0, message: failure.message };
          continue;
        }
        if (retries >= this.maxRetries) throw new ModelError(`${failure.message} (gave up after ${retries} retries)`, status);
        const delayMs = failure.retryAfterMs ?? backoffDelay(retries + 1, { baseDelayMs: this.baseDelayMs, maxDelayMs: this.maxDelayMs });
        if (delayMs > this.maxDelayMs) throw new ModelError(`${failure.message}; it asks to wait ${Math.ceil(delayMs / 1000)} s before trying again`, status);
        retries++;
        this.log(`${failure.message}; retry ${retries} in ${delayMs} ms`);
        yield { type: 'retry', attempt: ++announced, delayMs, message: failure.message };
        await sleep(delayMs, request.signal).catch(() => {
          throw abortError(request.signal);
        });
      }
    }
  }

  /**
   * The same request once more with `stream: false`, after a streamed reply came back empty;
   * the empty reply stands if this one fails too.
   */
  private async askWithoutStreaming(streamed: ChatCompletionCreateParamsStreaming, empty: ModelChunk[], signal: AbortSignal): Promise<ModelChunk[]> {
    this.log(`${this.options.baseURL} streamed an empty reply; asking again without streaming`);
    const { stream: _stream, stream_options: _options, ...params } = streamed;
    try {
      const completion = await this.sdk().chat.completions.create({ ...params, stream: false }, { signal });
      return chunksOfCompletion(completion, () => this.newToolCallId());
    } catch (err) {
      if (signal.aborted) throw abortError(signal);
      this.log(`asking without streaming failed: ${err instanceof Error ? err.message : String(err)}`);
      return empty;
    }
  }

  private sdk(): OpenAI {
    return (this.client ??= new OpenAI({
      ...clientAccess(this.options),
      // Never pass OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment on to other providers.
      organization: null,
      project: null,
      maxRetries: 0,
      fetch: fetchWithActivity(this.fetch),
    }));
  }

  /** One request and its stream. The idle timer is paused while the consumer holds a chunk. */
  private async *attempt(params: ChatCompletionCreateParamsStreaming, reader: ChunkReader, signal: AbortSignal): AsyncGenerator<ModelChunk> {
    const controller = new AbortController();
    const cancel = () => controller.abort(signal.reason);
    signal.addEventListener('abort', cancel, { once: true });
    let stalled: StalledStreamError | undefined;
    // Restarted on every sign of life; refresh() reuses the running timer rather than making one per chunk.
    const idle = () => setTimeout(() => {
      stalled = new StalledStreamError(this.idleTimeoutMs);
      controller.abort(stalled);
    }, this.idleTimeoutMs);
    let timer: ReturnType<typeof setTimeout> | undefined = idle();
    const pause = () => {
      clearTimeout(timer);
      timer = undefined;
    };
    const touch = () => {
      if (timer) timer.refresh();
      else timer = idle();
    };
    // Aborting makes a DOMException and wakes every listener: only a request left unfinished needs it.
    let finished = false;
    try {
      const stream = await this.sdk().chat.completions.create(params, { signal: controller.signal, fetchOptions: activityOption(touch) });
      for await (const chunk of stream) {
        const out = reader.read(chunk);
        if (!out.length) continue;
        pause();
        for (const item of out) yield item;
        touch();
      }
      finished = true;
      // The SDK ends quietly when its request is aborted: find out whether we stalled or were cancelled.
      pause();
      if (stalled) throw stalled;
      if (signal.aborted) throw abortError(signal);
      yield* reader.end();
    } catch (err) {
      throw stalled ?? err;
    } finally {
      pause();
      signal.removeEventListener('abort', cancel);
      if (!finished) controller.abort();
      if (reader.sawReasoningContent) this.echoReasoning = true;
    }
  }

  /** Unique within any conversation this client takes part in, short enough for every server. */
  private newToolCallId(): string {
    return `call_${this.idTag}${++this.idCount}`;
  }
}
