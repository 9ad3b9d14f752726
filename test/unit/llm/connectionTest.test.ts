// Test connection against the mock server over real loopback HTTP: what the endpoint, the model
// and the tool probe say for each way a real server answers.
import { strict as assert } from 'node:assert';
import { testConnection, PROBE_MAX_TOKENS, PROBE_TOOL } from '../../../src/llm/connectionTest';
import { listModels } from '../../../src/llm/modelList';
import { explainNetworkError } from '../../../src/llm/networkErrors';
import { delay, fault, reply, stall, text, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { unusedPort, useMockServer } from './streamHelpers';

const MODEL = 'mock-model';

describe('Test connection', () => {
  const serve = useMockServer();

  it('a structured call: endpoint, model and native tools, from one small probe with one tool', async () => {
    const server = await serve([reply(toolCall('get_weather', { city: 'Paris' }))], { models: ['other', MODEL] });
    const report = await testConnection({ baseURL: server.url, model: MODEL });
    assert.deepEqual(
      [report.endpoint.status, report.model.status, report.tools.status, report.tools.mode],
      ['ok', 'ok', 'ok', 'native'],
    );
    assert.equal(report.endpoint.message, 'Answers; lists 2 models.');
    assert.deepEqual(report.models?.map((model) => model.id), [MODEL, 'other']);
    const probe = server.requests[0];
    assert.equal(server.requests.length, 1);
    assert.equal(probe.model, MODEL);
    assert.equal(probe.max_tokens, PROBE_MAX_TOKENS);
    assert.deepEqual(probe.tools?.map((tool) => tool.function.name), [PROBE_TOOL.name]);
  });

  it('a call written as text (<tool_call> in the reply): text mode, and it says why', async () => {
    const server = await serve([textReply('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>')]);
    const report = await testConnection({ baseURL: server.url, model: MODEL });
    assert.equal(report.tools.mode, 'text');
    assert.match(report.tools.message, /wrote its tool call as text/);
    assert.equal(report.model.status, 'ok');
  });

  it('no call at all: text mode', async () => {
    const server = await serve([textReply('It is sunny in Paris.')]);
    const report = await testConnection({ baseURL: server.url, model: MODEL });
    assert.equal(report.tools.mode, 'text');
    assert.match(report.tools.message, /without calling the tool/);
  });

  it('a reply cut at the token cap before any call leaves the mode alone', async () => {
    const server = await serve([reply(text('Let me think about which tool'), { kind: 'delta', delta: {}, finish: 'length' })]);
    const report = await testConnection({ baseURL: server.url, model: MODEL });
    assert.equal(report.tools.status, 'unknown');
    assert.equal(report.tools.mode, undefined);
  });

  it("Ollama's 400 for a model without tools: text mode", async () => {
    const server = await serve([fault(400, { message: 'registry.ollama.ai/library/gemma:2b does not support tools' })]);
    const report = await testConnection({ baseURL: server.url, model: MODEL });
    assert.equal(report.tools.mode, 'text');
    assert.match(report.tools.message, /cannot take tools/);
  });

  it('a refused key (401) fails the endpoint, says the key was refused, and sends no probe', async () => {
    const server = await serve([], { expectedApiKey: 'sk-right' });
    const report = await testConnection({ baseURL: server.url, apiKey: 'sk-wrong', model: MODEL });
    assert.equal(report.endpoint.status, 'failed');
    assert.match(report.endpoint.message, /API key was refused \(401/);
    assert.equal(report.tools.mode, undefined);
    assert.equal(server.requests.length, 0);
    const none = await testConnection({ baseURL: server.url, model: MODEL });
    assert.match(none.endpoint.message, /needs an API key/);
  });

  it('a model the endpoint does not have (404 model_not_found): the endpoint passes, the model fails, with near names', async () => {
    const server = await serve([], { models: ['qwen2.5-coder:7b', 'llama3.1:8b'], rejectUnknownModels: true });
    const report = await testConnection({ baseURL: server.url, model: 'qwen2.5-coder' });
    assert.equal(report.endpoint.status, 'ok');
    assert.equal(report.model.status, 'failed');
    assert.match(report.model.message, /does not know the model "qwen2.5-coder" \(404\)/);
    assert.equal(report.tools.mode, undefined);
  });

  it('an endpoint without GET /models (Azure deployments) is judged by the probe', async () => {
    const server = await serve([reply(toolCall('get_weather', { city: 'Paris' }))], { listModels: false });
    const report = await testConnection({ baseURL: server.url, model: MODEL });
    assert.equal(server.modelListRequests(), 1);
    assert.deepEqual([report.endpoint.status, report.model.status, report.tools.mode], ['ok', 'ok', 'native']);
    assert.equal(report.models, undefined);
  });

  it('a base URL that 404s everywhere: check the base URL', async () => {
    const server = await serve([], { listModels: false });
    const report = await testConnection({ baseURL: server.url.replace(/\/v1$/, '/wrong'), model: MODEL });
    assert.equal(report.endpoint.status, 'failed');
    assert.match(report.endpoint.message, /Check the base URL/);
  });

  it('nothing listening: says the connection was refused and to start the server', async () => {
    const port = await unusedPort();
    const report = await testConnection({ baseURL: `http://127.0.0.1:${port}/v1`, model: MODEL });
    assert.equal(report.endpoint.status, 'failed');
    assert.equal(report.endpoint.message, `Nothing is listening at 127.0.0.1:${port} (connection refused). Is the server running, on that port?`);
    assert.equal(report.model.status, 'skipped');
  });

  it('https to a server that speaks plain http: says so and suggests http://', async () => {
    const server = await serve([]);
    const report = await testConnection({ baseURL: server.url.replace('http://', 'https://'), model: MODEL });
    assert.equal(report.endpoint.status, 'failed');
    assert.match(report.endpoint.message, /^127\.0\.0\.1:\d+ does not speak TLS \(https\) there\. Try http:\/\/ instead of https:\/\/\.$/);
  });

  it('a probe with no answer in time is reported, not waited for', async () => {
    const server = await serve([reply(stall())]);
    const started = Date.now();
    const report = await testConnection({ baseURL: server.url, model: MODEL, probeTimeoutMs: 300 });
    assert.ok(Date.now() - started < 5000);
    assert.equal(report.tools.status, 'unknown');
    assert.match(report.tools.message, /No answer within/);
  });

  it('placeholders left in the URL, or no model: nothing is sent', async () => {
    const azure = await testConnection({ baseURL: 'https://{resource}.openai.azure.com/openai/deployments/{deployment}?api-version=2024-10-21', model: 'gpt-4o' });
    assert.equal(azure.endpoint.message, 'Fill in {resource} and {deployment} in the base URL first.');
    const server = await serve([]);
    const noModel = await testConnection({ baseURL: server.url, model: ' ' });
    assert.equal(noModel.model.status, 'failed');
    assert.equal(server.modelListRequests(), 0);
  });

  it('a slow but steady probe still counts', async () => {
    const server = await serve([reply(delay(150), toolCall('get_weather', { city: 'Paris' }))]);
    const report = await testConnection({ baseURL: server.url, model: MODEL, probeTimeoutMs: 5000 });
    assert.equal(report.tools.mode, 'native');
  });
});

describe('model list', () => {
  const serve = useMockServer();

  it("reads OpenRouter's context length and per-token prices, and vLLM's max_model_len", async () => {
    const server = await serve([], {
      models: [
        { id: 'openai/gpt-4.1-mini', context_length: 1_047_576, pricing: { prompt: '0.0000004', completion: '0.0000016' } },
        { id: 'Qwen/Qwen2.5-Coder-7B-Instruct', max_model_len: 32_768 },
        'plain',
      ],
    });
    const listing = await listModels({ baseURL: server.url });
    assert.deepEqual(listing, {
      kind: 'listed',
      models: [
        { id: 'openai/gpt-4.1-mini', contextWindow: 1_047_576, price: { input: 0.4, output: 1.6 } },
        { id: 'plain' },
        { id: 'Qwen/Qwen2.5-Coder-7B-Instruct', contextWindow: 32_768 },
      ],
    });
  });

  it('a 404 is "does not list", not an error', async () => {
    const server = await serve([], { listModels: false });
    assert.deepEqual(await listModels({ baseURL: server.url }), { kind: 'unlisted', message: 'GET /models answered 404' });
  });
});

describe('network errors in words', () => {
  const withCause = (code: string, message: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

  it('names DNS, TLS, resets and timeouts', () => {
    assert.match(explainNetworkError(withCause('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.example'), 'https://nowhere.example/v1', 10_000), /host name "nowhere.example" could not be resolved \(DNS: ENOTFOUND\)/);
    assert.match(explainNetworkError(withCause('CERT_HAS_EXPIRED', 'certificate has expired'), 'https://old.example/v1', 10_000), /TLS connection to old.example failed: certificate has expired \(CERT_HAS_EXPIRED\)/);
    assert.match(explainNetworkError(withCause('ECONNRESET', 'read ECONNRESET'), 'http://h:1/v1', 10_000), /h:1 closed the connection/);
    assert.match(explainNetworkError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'http://h:1/v1', 10_000), /did not answer within 10 s/);
  });
});
