// The model client's failure handling, against the mock server over real loopback HTTP.
import { strict as assert } from 'node:assert';
import { breakConnection, comment, delay, exactly, fault, raw, reply, stall, text, textReply } from '../../fixtures/mockOpenAI';
import { collect, fastModel, unusedPort, useMockServer } from './streamHelpers';

describe('OpenAI-compatible client: failures', () => {
  const serve = useMockServer();

  it('waits as long as Retry-After says after a 429, then streams the reply', async () => {
    const server = await serve([fault(429, { retryAfter: '1', message: 'Rate limit reached' }), textReply('hello')]);
    const started = Date.now();
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'hello');
    assert.equal(result.retries.length, 1);
    assert.equal(result.retries[0].delayMs, 1000);
    assert.match(result.retries[0].message, /429.*Rate limit reached/);
    assert.ok(Date.now() - started >= 950, 'it waited for Retry-After');
    assert.equal(server.requests.length, 2);
  });

  it('retries a 500 with backoff and then streams the reply', async () => {
    const server = await serve([fault(500), fault(503), textReply('ok')]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'ok');
    assert.deepEqual(result.retries.map((retry) => retry.attempt), [1, 2]);
    assert.match(result.retries[1].message, /503/);
  });

  it('gives up after maxRetries and reports the last status', async () => {
    const server = await serve([fault(502), fault(502), fault(502)]);
    const result = await collect(fastModel(server.url, { maxRetries: 2 }));
    assert.equal(result.error?.status, 502);
    assert.match(result.error?.message ?? '', /gave up after 2 retries/);
    assert.equal(server.requests.length, 3);
  });

  it('reports a Retry-After longer than it is willing to wait instead of hanging', async () => {
    const server = await serve([fault(429, { retryAfter: '3600' })]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.error?.status, 429);
    assert.match(result.error?.message ?? '', /wait 3600 s/);
    assert.equal(server.requests.length, 1);
  });

  it('retries a refused connection, then says it could not reach the endpoint', async () => {
    const port = await unusedPort();
    const result = await collect(fastModel(`http://127.0.0.1:${port}/v1`, { maxRetries: 2 }));
    assert.equal(result.retries.length, 2);
    assert.match(result.error?.message ?? '', new RegExp(`Could not reach http://127.0.0.1:${port}/v1.*ECONNREFUSED`));
  });

  it('does not retry a 401 and says how to set the key', async () => {
    const server = await serve([textReply('never')], { expectedApiKey: 'sk-right' });
    const result = await collect(fastModel(server.url, { apiKey: 'sk-wrong' }));
    assert.equal(result.error?.status, 401);
    assert.match(result.error?.message ?? '', /API key was refused.*Incorrect API key provided.*OPENAI_API_KEY/);
    assert.equal(result.retries.length, 0);
    assert.equal(server.requests.length, 1);
  });

  it('says a key is needed when none was set and the server answers 401', async () => {
    const server = await serve([textReply('never')], { expectedApiKey: 'sk-right' });
    const result = await collect(fastModel(server.url));
    assert.match(result.error?.message ?? '', /needs an API key/);
  });

  it('sends the key it was given as a bearer token', async () => {
    const server = await serve([textReply('welcome')], { expectedApiKey: 'sk-right' });
    const result = await collect(fastModel(server.url, { apiKey: 'sk-right' }));
    assert.equal(result.text, 'welcome');
  });

  for (const [status, pattern] of [
    [400, /rejected the request \(400: mock fault 400\)/],
    [403, /refused access \(403.*model "mock-model"/],
    [404, /Not found .*\/v1.*model name "mock-model"/],
  ] as const) {
    it(`does not retry a ${status} and explains it`, async () => {
      const server = await serve([fault(status), textReply('never')]);
      const result = await collect(fastModel(server.url));
      assert.equal(result.error?.status, status);
      assert.match(result.error?.message ?? '', pattern);
      assert.equal(server.requests.length, 1);
    });
  }

  it('aborts a stream that stalls past the idle timeout and asks again once', async () => {
    const server = await serve([reply(stall()), textReply('second try')]);
    const result = await collect(fastModel(server.url, { idleTimeoutMs: 800 }));
    assert.equal(result.text, 'second try');
    assert.equal(result.retries.length, 1);
    assert.match(result.retries[0].message, /stalled/);
  });

  it('reports a stream that stalls again after the retry', async () => {
    const server = await serve([reply(stall()), reply(stall()), textReply('never')]);
    const result = await collect(fastModel(server.url, { idleTimeoutMs: 200 }));
    assert.match(result.error?.message ?? '', /stalled.*again/);
    assert.equal(server.requests.length, 2);
  });

  it('counts a server that never sends headers as stalled', async () => {
    const server = await serve([() => new Promise<never>(() => {}), textReply('answered')]);
    const result = await collect(fastModel(server.url, { idleTimeoutMs: 800 }));
    assert.equal(result.text, 'answered');
  });

  it('keeps the text when a stream stalls after text arrived, without asking again', async () => {
    const server = await serve([reply(text('Half an ans'), stall()), textReply('never')]);
    const result = await collect(fastModel(server.url, { idleTimeoutMs: 800 }));
    assert.equal(result.error?.partialText, 'Half an ans');
    assert.equal(server.requests.length, 1);
  });

  it('keeps the text when the connection breaks after text arrived', async () => {
    const server = await serve([reply(text('Hello', ' wor'), breakConnection()), textReply('never')]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'Hello wor');
    assert.equal(result.error?.partialText, 'Hello wor');
    assert.match(result.error?.message ?? '', /broke/);
    assert.equal(server.requests.length, 1);
  });

  it('asks again when the connection breaks before any text', async () => {
    const server = await serve([reply(breakConnection()), textReply('fine')]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'fine');
    assert.equal(result.retries.length, 1);
  });

  it('asks again when a 200 stream ends with nothing in it', async () => {
    const server = await serve([exactly(), textReply('something')]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'something');
  });

  it('stops at once when cancelled mid-stream', async () => {
    const server = await serve([reply(text('one'), delay(5000), text('two'))]);
    const controller = new AbortController();
    const started = Date.now();
    await assert.rejects(
      collect(fastModel(server.url), { signal: controller.signal, onChunk: (chunk) => chunk.type === 'text' && controller.abort() }),
      (err: Error) => err.name === 'AbortError',
    );
    assert.ok(Date.now() - started < 2000);
  });

  it('stops at once when cancelled while waiting to retry', async () => {
    const server = await serve([fault(429, { retryAfter: '30' }), textReply('never')]);
    const controller = new AbortController();
    const started = Date.now();
    await assert.rejects(collect(fastModel(server.url), { signal: controller.signal, onChunk: (chunk) => chunk.type === 'retry' && controller.abort() }));
    assert.ok(Date.now() - started < 2000);
    assert.equal(server.requests.length, 1);
  });

  describe('servers that refuse stream_options', () => {
    for (const [who, status, message] of [
      ['Ollama and LM Studio answer 400', 400, 'Unrecognized request argument supplied: stream_options'],
      ['Mistral answers 422', 422, "body.stream_options.include_usage: Extra inputs are not permitted"],
    ] as const) {
      it(`${who}: it asks again without stream_options, and keeps it off`, async () => {
        const server = await serve([fault(status, { message }), textReply('first'), textReply('second')]);
        const model = fastModel(server.url);
        assert.equal((await collect(model)).text, 'first');
        assert.equal((await collect(model)).text, 'second');
        assert.deepEqual(server.requests.map((body) => 'stream_options' in body), [true, false, false]);
      });
    }
  });

  describe('a temperature', () => {
    it('is sent when one is set, and not otherwise', async () => {
      const server = await serve([textReply('warm'), textReply('default')]);
      assert.equal((await collect(fastModel(server.url, { temperature: 1 }))).text, 'warm');
      assert.equal((await collect(fastModel(server.url))).text, 'default');
      assert.deepEqual(server.requests.map((body) => body.temperature), [1, undefined]);
    });

    it("a reasoning model's refusal: it asks again without it, and keeps it off", async () => {
      const server = await serve([fault(400, { message: "Unsupported parameter: 'temperature' is not supported with this model." }), textReply('first'), textReply('second')]);
      const model = fastModel(server.url, { temperature: 1 });
      assert.equal((await collect(model)).text, 'first');
      assert.equal((await collect(model)).text, 'second');
      assert.deepEqual(server.requests.map((body) => 'temperature' in body), [true, false, false]);
    });

    it('a 400 about something else is not taken for a refused temperature', async () => {
      const server = await serve([fault(400, { message: 'messages: too many' }), textReply('never')]);
      const result = await collect(fastModel(server.url, { temperature: 1 }));
      assert.match(result.error?.message ?? '', /too many/);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('errors reported inside a 200 stream', () => {
    it('OpenRouter: a transient {"error"} chunk before any text is asked again', async () => {
      const server = await serve([exactly(comment('OPENROUTER PROCESSING'), raw({ error: { code: 502, message: 'Provider returned error' } })), textReply('recovered')]);
      const result = await collect(fastModel(server.url));
      assert.equal(result.text, 'recovered');
      assert.match(result.retries[0].message, /Provider returned error/);
    });

    it('a non-transient {"error"} chunk is reported with its code as status', async () => {
      const server = await serve([exactly(raw({ error: { code: 400, message: 'context length exceeded' } })), textReply('never')]);
      const result = await collect(fastModel(server.url));
      assert.equal(result.error?.status, 400);
      assert.match(result.error?.message ?? '', /context length exceeded/);
    });

    it('vLLM: an {"object":"error"} chunk is reported, not taken for an empty chunk', async () => {
      const server = await serve([exactly(raw({ object: 'error', message: 'This model does not support tools', code: 400 }), raw('[DONE]'))]);
      const result = await collect(fastModel(server.url));
      assert.match(result.error?.message ?? '', /does not support tools/);
    });

    it('OpenRouter: finish_reason "error" after text keeps the text as partial', async () => {
      const server = await serve([reply(text('Part'), raw({ choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] }))]);
      const result = await collect(fastModel(server.url));
      assert.equal(result.error?.partialText, 'Part');
    });
  });
});
