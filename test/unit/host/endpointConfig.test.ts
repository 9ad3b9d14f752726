import assert from 'node:assert/strict';
import { isConfigured, redact, resolveEndpoint } from '../../../src/host/models/endpointConfig';

describe('resolveEndpoint', () => {
  const none = { baseUrl: '', model: '' };

  it('uses the settings when they are set', () => {
    const endpoint = resolveEndpoint({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen' }, { OPENAI_BASE_URL: 'http://env/v1', OURO_MODEL: 'env-model' }, 'sk-stored');
    assert.deepEqual(endpoint, { baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen', apiKey: 'sk-stored' });
  });

  it('falls back to OPENAI_BASE_URL, OURO_MODEL and OPENAI_API_KEY', () => {
    const endpoint = resolveEndpoint(none, { OPENAI_BASE_URL: 'http://env/v1', OURO_MODEL: 'env-model', OPENAI_API_KEY: 'sk-env' }, undefined);
    assert.deepEqual(endpoint, { baseURL: 'http://env/v1', model: 'env-model', apiKey: 'sk-env' });
  });

  it('prefers the stored key over the environment', () => {
    assert.equal(resolveEndpoint(none, { OPENAI_API_KEY: 'sk-env' }, 'sk-stored').apiKey, 'sk-stored');
  });

  it('treats blank values as unset', () => {
    const endpoint = resolveEndpoint({ baseUrl: '  ', model: ' ' }, { OURO_MODEL: 'm', OPENAI_BASE_URL: 'http://env/v1' }, '  ');
    assert.equal(endpoint.model, 'm');
    assert.equal(endpoint.baseURL, 'http://env/v1');
    assert.equal(endpoint.apiKey, undefined);
  });

  it('reads a key without a URL as an OpenAI key', () => {
    assert.equal(resolveEndpoint({ baseUrl: '', model: 'gpt-4.1-mini' }, {}, 'sk-x').baseURL, 'https://api.openai.com/v1');
  });

  it('is configured only with a model and somewhere to send it', () => {
    assert.equal(isConfigured(resolveEndpoint(none, {}, undefined)), false);
    assert.equal(isConfigured(resolveEndpoint({ baseUrl: '', model: 'm' }, {}, undefined)), false, 'no URL and no key');
    assert.equal(isConfigured(resolveEndpoint({ baseUrl: 'http://127.0.0.1:1234/v1', model: 'm' }, {}, undefined)), true, 'a local server needs no key');
    assert.equal(isConfigured(resolveEndpoint({ baseUrl: 'http://127.0.0.1:1234/v1', model: '' }, {}, 'sk')), false);
  });
});

describe('redact', () => {
  it('removes every occurrence of the key from a log line', () => {
    assert.equal(redact('Authorization: Bearer sk-secret123 (sk-secret123)', ['sk-secret123']), 'Authorization: Bearer *** (***)');
  });

  it('leaves lines alone when there is no key, or a key too short to be one', () => {
    assert.equal(redact('POST /v1/chat/completions', [undefined]), 'POST /v1/chat/completions');
    assert.equal(redact('a b c', ['a']), 'a b c');
  });
});
