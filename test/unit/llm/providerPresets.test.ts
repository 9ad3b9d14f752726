// The provider table, and that each preset's URL reaches the wire the way its server wants
// (checked through the real `openai` client, its fetch swapped for one that records).
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { clientAccess, replyLimitField } from '../../../src/llm/endpointQuirks';
import { PROVIDER_PRESETS, placeholdersIn, presetById, presetForEndpoint } from '../../../src/llm/providerPresets';

/** What the client sends for one chat request: URL and headers, answered with a tiny completion. */
async function sentRequest(baseURL: string, apiKey?: string): Promise<{ url: string; headers: Headers }> {
  let seen: { url: string; headers: Headers } | undefined;
  const recording: typeof fetch = async (input, init) => {
    seen = { url: String(input), headers: new Headers(init?.headers) };
    return new Response(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] }), { headers: { 'content-type': 'application/json' } });
  };
  const client = new OpenAI({ ...clientAccess({ baseURL, apiKey }), maxRetries: 0, fetch: recording });
  await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  assert.ok(seen, 'no request was sent');
  return seen;
}

const filled = (baseUrl: string) => baseUrl.replace('{resource}', 'contoso').replace('{deployment}', 'gpt-4o-prod');

describe('provider presets', () => {
  it('lists the eight providers once each, every endpoint a valid URL once filled in', () => {
    assert.deepEqual(
      PROVIDER_PRESETS.map((preset) => preset.label),
      ['OpenAI', 'Azure OpenAI', 'OpenRouter', 'Ollama', 'LM Studio', 'vLLM', 'llama.cpp server', 'VS Code language models'],
    );
    assert.equal(new Set(PROVIDER_PRESETS.map((preset) => preset.id)).size, PROVIDER_PRESETS.length);
    for (const preset of PROVIDER_PRESETS.filter((p) => p.provider === 'openai')) {
      const url = new URL(filled(preset.baseUrl));
      assert.deepEqual(placeholdersIn(url.href), [], preset.id);
      assert.ok(preset.hint.length > 10 && preset.hint.length < 140, `${preset.id}: a one-line hint`);
    }
  });

  it('says which need a key: the clouds do, local servers do not or only when started with one', () => {
    const need = Object.fromEntries(PROVIDER_PRESETS.map((preset) => [preset.id, preset.key]));
    assert.deepEqual(need, { openai: 'required', azure: 'required', openrouter: 'required', ollama: 'none', lmstudio: 'none', vllm: 'optional', llamacpp: 'optional', 'vscode-lm': 'none' });
  });

  it('lists models where the server answers GET /models, not on an Azure deployment URL', () => {
    const lists = PROVIDER_PRESETS.filter((preset) => preset.listsModels).map((preset) => preset.id);
    assert.deepEqual(lists, ['openai', 'openrouter', 'ollama', 'lmstudio', 'vllm', 'llamacpp']);
  });

  it('local servers are on localhost at their usual ports', () => {
    const ports = Object.fromEntries(['ollama', 'lmstudio', 'vllm', 'llamacpp'].map((id) => [id, new URL(presetById(id)!.baseUrl).port]));
    assert.deepEqual(ports, { ollama: '11434', lmstudio: '1234', vllm: '8000', llamacpp: '8080' });
  });

  it('names the Azure parts the user must fill in', () => {
    assert.deepEqual(placeholdersIn(presetById('azure')!.baseUrl), ['resource', 'deployment']);
    assert.match(presetById('azure')!.baseUrl, /\?api-version=\d{4}-\d{2}-\d{2}/);
  });

  it('recognises a configured endpoint as its preset', () => {
    assert.equal(presetForEndpoint('openai', 'http://localhost:11434/v1')?.id, 'ollama');
    assert.equal(presetForEndpoint('openai', 'https://openrouter.ai/api/v1')?.id, 'openrouter');
    assert.equal(presetForEndpoint('openai', 'https://contoso.openai.azure.com/openai/deployments/x?api-version=2024-10-21')?.id, 'azure');
    assert.equal(presetForEndpoint('vscode-lm', '')?.id, 'vscode-lm');
    assert.equal(presetForEndpoint('openai', 'http://10.0.0.5:9999/v1'), undefined);
    assert.equal(presetForEndpoint('openai', 'not a url'), undefined);
  });
});

describe('endpoint quirks on the wire', () => {
  it('Azure: the key goes in the api-key header (no bearer), api-version on the request, path under the deployment', async () => {
    const sent = await sentRequest(filled(presetById('azure')!.baseUrl), 'azure-key');
    assert.equal(sent.url, 'https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21');
    assert.equal(sent.headers.get('api-key'), 'azure-key');
    assert.equal(sent.headers.get('authorization'), null);
  });

  it('everyone else: a bearer token, and the URL as given', async () => {
    for (const id of ['openai', 'openrouter', 'ollama', 'vllm']) {
      const sent = await sentRequest(presetById(id)!.baseUrl, 'k-123');
      assert.equal(sent.url, `${presetById(id)!.baseUrl}/chat/completions`, id);
      assert.equal(sent.headers.get('authorization'), 'Bearer k-123', id);
      assert.equal(sent.headers.get('api-key'), null, id);
    }
  });

  it('a query in any base URL is kept on each request instead of breaking the path', async () => {
    const sent = await sentRequest('http://127.0.0.1:9/v1?tenant=a');
    assert.equal(sent.url, 'http://127.0.0.1:9/v1/chat/completions?tenant=a');
  });

  it('caps replies with max_completion_tokens for OpenAI and Azure, max_tokens elsewhere', () => {
    assert.equal(replyLimitField('https://api.openai.com/v1'), 'max_completion_tokens');
    assert.equal(replyLimitField('https://contoso.openai.azure.com/openai/deployments/d'), 'max_completion_tokens');
    assert.equal(replyLimitField('http://localhost:11434/v1'), 'max_tokens');
    assert.equal(replyLimitField('nonsense'), 'max_tokens');
  });
});
