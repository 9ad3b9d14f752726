// One interface for every model client. The loop sees only this; the OpenAI-compatible client
// (and later vscode.lm) implement it.
import type { Message, ToolCall } from './conversation';
import type { Usage } from './events';

/** A tool as the model sees it: the JSON schema is generated from the tool's zod schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  messages: Message[];
  tools: ToolSpec[];
  signal: AbortSignal;
  /** Caps the reply (a probe's); unset, the server's own limit applies. */
  maxTokens?: number;
}

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';

export type ModelChunk =
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  /** Retrying before any token arrived (429, 5xx, connection error, stalled stream). */
  | { type: 'retry'; attempt: number; delayMs: number; message: string }
  | { type: 'usage'; usage: Usage }
  /** The last chunk of a successful stream: the assembled tool calls and why it stopped. */
  | { type: 'finish'; reason: FinishReason; toolCalls: ToolCall[] };

/** A failure the model client could not recover from; `status` is the HTTP status if any. */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** Text that had already streamed when the failure happened. */
    readonly partialText = '',
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** What a cancelled stream throws: the signal's reason, or an AbortError. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The request was cancelled', 'AbortError');
}

export interface Model {
  readonly name: string;
  stream(request: ModelRequest): AsyncIterable<ModelChunk>;
}
