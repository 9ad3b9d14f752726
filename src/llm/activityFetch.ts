// A fetch that reports every sign of life from the server (so a stalled stream can be told from
// a slow one) and drops keep-alive lines the SDK would choke on.

type Fetch = typeof fetch;

/**
 * Wraps `base` so `onActivity` runs when the response headers arrive and on every body chunk,
 * SSE comments included: OpenRouter sends `: OPENROUTER PROCESSING` while a model is queued,
 * which is proof the connection is alive even though no chunk reaches us.
 */
export function fetchWithActivity(base: Fetch, onActivity: () => void): Fetch {
  return async (input, init) => {
    const response = await base(input, init);
    onActivity();
    if (!response.ok || !response.body || !isEventStream(response)) return response;
    const body = response.body.pipeThrough(watchAndFilter(onActivity));
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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

function watchAndFilter(onActivity: () => void): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const filter = (text: string): string => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    const kept = lines.filter((line) => !isDataOnlyKeepAlive(line.replace(/\r$/, '')));
    return kept.length ? `${kept.join('\n')}\n` : '';
  };
  return new TransformStream({
    transform(chunk, controller) {
      onActivity();
      const out = filter(decoder.decode(chunk, { stream: true }));
      if (out) controller.enqueue(encoder.encode(out));
    },
    flush(controller) {
      const rest = pending + decoder.decode();
      pending = '';
      if (rest && !isDataOnlyKeepAlive(rest)) controller.enqueue(encoder.encode(rest));
    },
  });
}
