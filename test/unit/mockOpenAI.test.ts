// The mock server itself, read with plain fetch: the tests above trust its framing and strictness.
import { strict as assert } from 'node:assert';
import { breakConnection, comment, fault, reply, startMockServer, text, toolCall, type MockServer } from '../fixtures/mockOpenAI';

describe('mock OpenAI server', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server?.url.replace(/\/v1$/, '')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const ask = { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] };

  it('listens on 127.0.0.1 and lists a model at GET /v1/models', async () => {
    server = await startMockServer([], { model: 'tiny' });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const body = (await (await fetch(`${server.url}/models`)).json()) as { data: Array<{ id: string }> };
    assert.deepEqual(body.data.map((model) => model.id), ['tiny']);
  });

  it('lists given models (with extra fields), checks the key there too, can refuse unknown models or not list at all', async () => {
    server = await startMockServer([], { models: ['a', { id: 'b', context_length: 8192 }], expectedApiKey: 'k', rejectUnknownModels: true });
    const list = (key: string) => fetch(`${server?.url}/models`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal((await list('wrong')).status, 401);
    const body = (await (await list('k')).json()) as { data: Array<Record<string, unknown>> };
    assert.deepEqual(body.data, [{ object: 'model', owned_by: 'mock', id: 'a' }, { object: 'model', owned_by: 'mock', id: 'b', context_length: 8192 }]);
    const unknown = await post('/v1/chat/completions', { ...ask, model: 'c' }, { authorization: 'Bearer k' });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'model_not_found');
    assert.equal(server.modelListRequests(), 2);
    await server.close();
    server = await startMockServer([], { listModels: false });
    assert.equal((await fetch(`${server.url}/models`)).status, 404);
  });

  it('streams real SSE frames, one scripted turn per request, at /v1 and without it', async () => {
    server = await startMockServer([reply(comment('keep-alive'), text('Hi')), reply(toolCall('read_file', { path: 'a' }, { id: 'c1' }))]);
    const first = await post('/v1/chat/completions', ask);
    assert.equal(first.headers.get('content-type'), 'text/event-stream');
    const frames = (await first.text()).split('\n\n');
    assert.equal(frames[0], ': keep-alive');
    assert.deepEqual(JSON.parse(frames[1].replace(/^data: /, '')).choices, [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]);
    assert.equal(JSON.parse(frames[2].replace(/^data: /, '')).choices[0].finish_reason, 'stop');
    assert.deepEqual(frames.slice(3), ['data: [DONE]', '']);
    const second = await (await post('/chat/completions', ask)).text();
    assert.match(second, /"tool_calls":\[\{"index":0,"id":"c1","type":"function","function":\{"name":"read_file","arguments":"\{\\"path\\":\\"a\\"\}"\}\}\]/);
    assert.match(second, /"finish_reason":"tool_calls"/);
    assert.equal(server.requests.length, 2);
    assert.equal(server.remaining(), 0);
  });

  it('answers a fault with its status, Retry-After and an OpenAI error body', async () => {
    server = await startMockServer([fault(429, { retryAfter: 3, message: 'slow down' })]);
    const response = await post('/v1/chat/completions', ask);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '3');
    assert.equal(((await response.json()) as { error: { message: string } }).error.message, 'slow down');
  });

  it('answers 401 to a wrong key and serves the right one', async () => {
    server = await startMockServer([reply(text('ok'))], { expectedApiKey: 'sk-1' });
    assert.equal((await post('/v1/chat/completions', ask, { authorization: 'Bearer nope' })).status, 401);
    assert.equal((await post('/v1/chat/completions', ask, { authorization: 'Bearer sk-1' })).status, 200);
  });

  it('refuses with 400, without using a turn, a tool result that answers no call', async () => {
    server = await startMockServer([reply(text('ok'))]);
    const response = await post('/v1/chat/completions', { ...ask, messages: [...ask.messages, { role: 'tool', tool_call_id: 'x', content: 'r' }] });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /must be a response to a preceding message/);
    assert.equal(server.remaining(), 1);
  });

  it('hands a function turn the request and records every body', async () => {
    server = await startMockServer([(request) => reply(text(`you sent ${request.body.messages.length}`))]);
    assert.match(await (await post('/v1/chat/completions', ask)).text(), /you sent 1/);
    assert.deepEqual(server.requests, [ask]);
  });

  it('cuts the connection where the script says', async () => {
    server = await startMockServer([reply(text('a'), breakConnection())]);
    const response = await post('/v1/chat/completions', ask);
    await assert.rejects(response.text());
  });

  it('says so when the script has no turn left', async () => {
    server = await startMockServer([]);
    const response = await post('/v1/chat/completions', ask);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /no turn left for request 1/);
  });
});
