// A fetch that reports every sign of life from the server (so a stalled stream can be told from
// a slow one) and drops keep-alive lines the SDK would choke on.
import type { ClientOptions } from 'openai';

type Fetch = typeof fetch;

/**
 * The request option that carries a request's activity callback: one client serves every
 * request of a model (the SDK's client is costly to build), each request with its own callback,
 * passed as `fetchOptions: activityOption(touch)`.
 */
const ON_ACTIVITY = Symbol('onActivity');

type WithActivity = RequestInit & { [ON_ACTIVITY]?: () => void };

export function activityOption(onActivity: () => void): NonNullable<ClientOptions['fetchOptions']> {
  return { [ON_ACTIVITY]: onActivity } as NonNullable<ClientOptions['fetchOptions']>;
}

/**
 * Wraps `base` so a request's activity callback runs when the response headers arrive and on
 * every body chunk, SSE comments included: OpenRouter sends `: OPENROUTER PROCESSING` while a
 * model is queued, which is proof the connection is alive even though no chunk reaches us.
 */
export function fetchWithActivity(base: Fetch): Fetch {
  return async (input, init) => {
    // fetch reads only the options it knows, so the symbol-keyed callback may ride along.
    const onActivity = (init as WithActivity | undefined)?.[ON_ACTIVITY] ?? (() => {});
    const response = await base(input, init);
    onActivity();
    if (!response.ok || !response.body || !isEventStream(response)) return response;
    // The SDK reads a stream's body by async iteration (it takes `body[Symbol.asyncIterator]` when
    // there is one), so the body it gets is a generator: a web stream of our own, or a Response
    // around one, costs a tenth of a loop step. The tests that stream through the SDK keep it true.
    Object.defineProperty(response, 'body', { value: watchAndFilter(response.body as unknown as AsyncIterable<Uint8Array>, onActivity) });
    return response;
  };
}

function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('text/event-stream');
}

/**
 * Some gateways send keep-alives as data lines (`data:`, `data: :ping`, `data: keep-alive`)
 * instead of SSE comments; the SDK hands those to JSON.parse and the whole reply fails.
 */
export function isDataOnlyKeepAlive(line: string): boolean {
  if (!line.startsWith('data:')) return false;
  const payload = line.slice(5).trim();
  return payload === '' || payload.startsWith(':') || /^(ping|keep-?alive|heartbeat)$/i.test(payload);
}

/** A line `isDataOnlyKeepAlive` may drop, anywhere in a text: most chunks have none and pass as they came. */
const MAYBE_KEEP_ALIVE = /^data:[ \t]*(?:[\r\n]|$|:|ping|keep-?alive|heartbeat)/im;

/** The body as it came, each chunk reported and keep-alive lines dropped. */
async function* watchAndFilter(body: AsyncIterable<Uint8Array>, onActivity: () => void): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const filter = (text: string): string => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    const kept = lines.filter((line) => !isDataOnlyKeepAlive(line.replace(/\r$/, '')));
    return kept.length ? `${kept.join('\n')}\n` : '';
  };
  for await (const chunk of body) {
    onActivity();
    const text = decoder.decode(chunk, { stream: true });
    // Whole lines (the last byte a newline, so the decoder holds nothing back) with nothing to drop.
    if (!pending && chunk[chunk.length - 1] === 0x0a && !MAYBE_KEEP_ALIVE.test(text)) {
      yield chunk;
      continue;
    }
    const out = filter(text);
    if (out) yield encoder.encode(out);
  }
  const rest = pending + decoder.decode();
  if (rest && !isDataOnlyKeepAlive(rest)) yield encoder.encode(rest);
}
