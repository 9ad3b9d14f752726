// What the model picker says about each model, and the cache behind its list.
import { strict as assert } from 'node:assert';
import { ModelCatalog } from '../../../src/llm/modelCatalog';
import { describeFacts, modelFacts, readPerModelSettings } from '../../../src/llm/modelFacts';
import type { ListOptions, ModelListing } from '../../../src/llm/modelList';

describe('model facts', () => {
  it('takes each fact from the user setting first, then the server, then the tables', () => {
    const listed = { id: 'openai/gpt-4.1-mini', contextWindow: 1_000_000, price: { input: 0.5, output: 2 } };
    assert.deepEqual(modelFacts('openai/gpt-4.1-mini', listed, {}), { contextWindow: 1_000_000, price: { input: 0.5, output: 2 } });
    assert.deepEqual(modelFacts('openai/gpt-4.1-mini', undefined, {}), { contextWindow: 1_047_576, price: { input: 0.4, cachedInput: 0.1, output: 1.6 } });
    const settings = { contextWindow: { 'openai/gpt-4.1-mini': 64_000 }, pricing: { 'openai/gpt-4.1-mini': { input: 0, output: 0 } }, toolMode: { 'openai/gpt-4.1-mini': 'text' as const } };
    assert.deepEqual(modelFacts('openai/gpt-4.1-mini', listed, settings), { contextWindow: 64_000, price: { input: 0, output: 0 }, toolMode: 'text' });
  });

  it('says nothing it does not know about a local model', () => {
    assert.deepEqual(modelFacts('my-finetune:latest', { id: 'my-finetune:latest' }, {}), {});
    assert.equal(describeFacts({}), 'tools: auto');
  });

  it('keeps only valid entries of hand-edited settings', () => {
    const settings = readPerModelSettings({
      contextWindow: { a: 8192, b: -1, c: 'big' },
      pricing: { a: { input: 1, output: 2, cachedInput: 0.5 }, b: { input: 'x', output: 1 }, c: null },
      toolMode: { a: 'text', b: 'sometimes' },
    });
    assert.deepEqual(settings, { contextWindow: { a: 8192 }, pricing: { a: { input: 1, output: 2, cachedInput: 0.5 } }, toolMode: { a: 'text' } });
    assert.deepEqual(readPerModelSettings({ contextWindow: [1], pricing: 'no' }), { contextWindow: {}, pricing: {}, toolMode: {} });
  });

  it('reads as one short line', () => {
    assert.equal(describeFacts({ contextWindow: 128_000, price: { input: 2.5, output: 10 }, toolMode: 'native' }), '128k context · $2.50 in / $10.00 out per 1M · tools: native');
    assert.equal(describeFacts({ contextWindow: 1_047_576, price: { input: 0, output: 0 }, toolMode: 'text' }), '1.05M context · free · tools: text');
    assert.equal(describeFacts({ price: { input: 0.005, output: 0.4 } }), '$0.005 in / $0.40 out per 1M · tools: auto');
  });
});

describe('model catalog', () => {
  const endpoint: ListOptions = { baseURL: 'http://127.0.0.1:1/v1', apiKey: 'k' };
  const listed = (...ids: string[]): ModelListing => ({ kind: 'listed', models: ids.map((id) => ({ id })) });

  it('asks once for many lookers, again on refresh, and again once the list is old', async () => {
    let now = 0;
    const asked: string[] = [];
    const catalog = new ModelCatalog(async (options) => (asked.push(options.baseURL), listed('a', `n${asked.length}`)), 1000, () => now);
    const [first, second] = await Promise.all([catalog.get(endpoint), catalog.get(endpoint)]);
    assert.equal(asked.length, 1);
    assert.equal(first, second);
    assert.deepEqual(await catalog.get(endpoint, true), listed('a', 'n2'));
    now = 1500;
    assert.deepEqual(await catalog.get(endpoint), listed('a', 'n3'));
    await catalog.get({ ...endpoint, apiKey: 'other' });
    assert.equal(asked.length, 4, 'another key may see other models');
  });

  it('does not keep a failure, and turns a thrown error into one', async () => {
    let calls = 0;
    const catalog = new ModelCatalog(async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return listed('a');
    });
    assert.deepEqual(await catalog.get(endpoint), { kind: 'unreachable', message: 'boom' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(await catalog.get(endpoint), listed('a'));
  });

  it('keeps a list learnt from Test connection', async () => {
    const catalog = new ModelCatalog(async () => assert.fail('should not ask'));
    catalog.remember(endpoint, listed('from-test'));
    assert.deepEqual(await catalog.get(endpoint), listed('from-test'));
  });
});
