// Small readers for the parts of a streamed chunk that servers disagree on. Each names who
// does what, so a new quirk has an obvious home.
import type { Usage } from '../agent/events';
import type { FinishReason } from '../agent/model';

/**
 * Thinking text: DeepSeek, LM Studio and older vLLM send `reasoning_content`; OpenRouter, Ollama
 * and vLLM since 0.10 send `reasoning`. vLLM's compatibility shim sends both with the same text,
 * so only one is read.
 */
export function reasoningDelta(delta: Record<string, unknown>): string {
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) return delta.reasoning_content;
  if (typeof delta.reasoning === 'string') return delta.reasoning;
  return '';
}

/** Maps every finish reason seen in the wild onto ours; proxies in front of Anthropic say `max_tokens`/`end_turn`. */
export function normaliseFinishReason(raw: unknown): FinishReason | 'error' | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  switch (raw) {
    case 'stop':
    case 'end_turn':
    case 'eos':
    case 'stop_sequence':
      return 'stop';
    case 'tool_calls':
    case 'function_call':
    case 'tool_use':
      return 'tool_calls';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    // OpenRouter ends a stream whose upstream failed with `finish_reason: "error"`.
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

/**
 * Token counts from a chunk's `usage`, or undefined when it has none. Cached prompt tokens are
 * `prompt_tokens_details.cached_tokens` (OpenAI, Azure, vLLM) or `prompt_cache_hit_tokens` (DeepSeek).
 */
export function readUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const usage = raw as Record<string, unknown>;
  const prompt = usage.prompt_tokens;
  const completion = usage.completion_tokens;
  if (typeof prompt !== 'number' && typeof completion !== 'number') return undefined;
  const details = usage.prompt_tokens_details as Record<string, unknown> | undefined;
  const cached = details?.cached_tokens ?? usage.prompt_cache_hit_tokens;
  return {
    promptTokens: typeof prompt === 'number' ? prompt : 0,
    completionTokens: typeof completion === 'number' ? completion : 0,
    ...(typeof cached === 'number' && cached > 0 ? { cachedTokens: cached } : {}),
  };
}

export interface ChunkError {
  message: string;
  code?: number | string;
}

/**
 * An error reported inside a 200 stream. OpenAI, OpenRouter and SGLang send `{"error": {...}}`
 * (the SDK throws on those itself); vLLM sends `{"object": "error", "message": ..., "code": ...}`,
 * which the SDK passes through as if it were a chunk.
 */
export function errorInChunk(chunk: Record<string, unknown>): ChunkError | undefined {
  if (chunk.object === 'error') {
    return { message: String(chunk.message ?? 'the server reported an error'), code: codeOf(chunk.code) };
  }
  const error = chunk.error;
  if (error && typeof error === 'object') {
    const body = error as Record<string, unknown>;
    return { message: String(body.message ?? 'the server reported an error'), code: codeOf(body.code) };
  }
  return undefined;
}

function codeOf(code: unknown): number | string | undefined {
  return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

/** Whether an error reported inside the stream is worth asking again for (overload, rate limit, 5xx). */
export function isTransientStreamError(error: ChunkError): boolean {
  if (typeof error.code === 'number') return error.code === 429 || error.code >= 500;
  return /overload|server_error|rate_limit|timeout|unavailable|capacity|internal/i.test(`${error.code ?? ''} ${error.message}`);
}
