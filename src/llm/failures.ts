// Sorts what went wrong with one request into: ask again, ask again without stream_options,
// or give up with a message a person can act on.
import { APIConnectionError, APIError } from 'openai';
import { EmptyStreamError, StreamReportedError } from './chunkReader';
import { parseRetryAfter } from './retry';
import { isTransientStreamError } from './wireQuirks';

/** Thrown by the client itself when no byte arrived for the idle timeout. */
export class StalledStreamError extends Error {
  constructor(readonly idleMs: number) {
    super(`no data for ${idleMs < 10_000 ? (idleMs / 1000).toFixed(1) : Math.round(idleMs / 1000)} s`);
    this.name = 'StalledStreamError';
  }
}

export type Failure =
  | { kind: 'retry'; message: string; status?: number; retryAfterMs?: number }
  | { kind: 'stalled'; message: string }
  | { kind: 'drop_stream_options'; message: string }
  | { kind: 'echo_reasoning'; message: string }
  | { kind: 'drop_temperature'; message: string }
  | { kind: 'fatal'; message: string; status?: number };

export interface FailureContext {
  baseURL: string;
  model: string;
  hasApiKey: boolean;
  sentStreamOptions: boolean;
  echoedReasoning: boolean;
  /** A temperature was sent (reasoning models refuse one). */
  sentTemperature?: boolean;
}

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529]);

export function classifyFailure(err: unknown, ctx: FailureContext): Failure {
  if (err instanceof StalledStreamError) return { kind: 'stalled', message: `${ctx.baseURL} stalled: ${err.message}` };
  if (err instanceof StreamReportedError) {
    const status = typeof err.error.code === 'number' ? err.error.code : undefined;
    const message = `${ctx.baseURL} reported an error mid-stream: ${err.message}`;
    return isTransientStreamError(err.error) ? { kind: 'retry', message, status } : { kind: 'fatal', message, status };
  }
  if (err instanceof EmptyStreamError) return { kind: 'retry', message: `${ctx.baseURL}: ${err.message}` };
  if (err instanceof APIConnectionError) return { kind: 'retry', message: `Could not reach ${ctx.baseURL}: ${rootCause(err)}` };
  if (err instanceof APIError && typeof err.status === 'number') return classifyStatus(err, err.status, ctx);
  if (err instanceof APIError) {
    // The SDK throws `{"error": {...}}` chunks as an APIError without a status.
    return classifyFailure(new StreamReportedError({ message: serverMessage(err), code: errorCode(err) }), ctx);
  }
  if (isConnectionLevel(err)) return { kind: 'retry', message: `The connection to ${ctx.baseURL} broke: ${rootCause(err)}` };
  if (err instanceof SyntaxError) return { kind: 'fatal', message: `${ctx.baseURL} sent a chunk that is not JSON: ${err.message}` };
  return { kind: 'fatal', message: err instanceof Error ? err.message : String(err) };
}

function classifyStatus(err: APIError, status: number, ctx: FailureContext): Failure {
  const detail = serverMessage(err);
  // Mistral answers 422, Ollama, LM Studio and several gateways 400, to `stream_options`.
  if ((status === 400 || status === 422) && ctx.sentStreamOptions && /stream_options|include_usage/i.test(`${detail} ${JSON.stringify(err.error ?? '')}`)) {
    return { kind: 'drop_stream_options', message: detail };
  }
  // OpenAI's reasoning models: "Unsupported parameter: 'temperature' is not supported with this model."
  if ((status === 400 || status === 422) && ctx.sentTemperature && /temperature/i.test(`${detail} ${JSON.stringify(err.error ?? '')}`)) return { kind: 'drop_temperature', message: detail };
  // DeepSeek's thinking mode: "The `reasoning_content` in the thinking mode must be passed back to the API."
  if (status === 400 && !ctx.echoedReasoning && /reasoning_content/.test(detail)) return { kind: 'echo_reasoning', message: detail };
  if (RETRYABLE_STATUS.has(status) || status >= 500) {
    const what = status === 429 ? 'Rate limited by' : 'Server error from';
    return { kind: 'retry', status, message: `${what} ${ctx.baseURL} (${status}): ${detail}`, retryAfterMs: parseRetryAfter(err.headers) };
  }
  return { kind: 'fatal', status, message: explainStatus(status, detail, ctx) };
}

function explainStatus(status: number, detail: string, ctx: FailureContext): string {
  const where = `--api-key or OPENAI_API_KEY for the CLI, Ouro's API key setting in VS Code`;
  switch (status) {
    case 401:
      return ctx.hasApiKey
        ? `The API key was refused by ${ctx.baseURL} (401: ${detail}). Set a valid key: ${where}.`
        : `${ctx.baseURL} needs an API key (401: ${detail}). Set one: ${where}.`;
    case 403:
      return `${ctx.baseURL} refused access (403: ${detail}). The key may not be allowed to use the model "${ctx.model}".`;
    case 404:
      return `Not found at ${ctx.baseURL} (404: ${detail}). Check the base URL (it usually ends in /v1) and the model name "${ctx.model}".`;
    default:
      return `${ctx.baseURL} rejected the request (${status}: ${detail}).`;
  }
}

/** The server's own words from an error body, else the SDK's message without the status. */
export function serverMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string' && body.message) return body.message;
  return err.message.replace(/^\d{3}\s+/, '') || 'no details';
}

function errorCode(err: APIError): number | string | undefined {
  const code = (err.error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

/** Socket-level failures surface from undici as TypeError("terminated" / "fetch failed") with a coded cause. */
function isConnectionLevel(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return true;
    if (/^(terminated|fetch failed|other side closed)$/i.test(e.message)) return true;
  }
  return false;
}

/** The most specific message in an error's cause chain ("connect ECONNREFUSED 127.0.0.1:9"). */
function rootCause(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  for (let e: unknown = err instanceof Error ? err.cause : undefined, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message) message = e.message;
  }
  return message;
}
