import assert from 'node:assert/strict';
import { contextWindowFor } from '../../../src/agent/context/contextWindows';
import { priceFor } from '../../../src/agent/usage/pricing';
import { contextWindowOverrides, pricingOverrides } from '../../../src/host/models/modelOverrides';

describe('Per-model settings (ouro.contextWindow, ouro.pricing)', () => {
  it('keeps positive whole windows and drops the rest, entry by entry', () => {
    assert.deepEqual(contextWindowOverrides({ 'qwen2.5-coder:7b': 32768, big: 1e6 + 0.5, zero: 0, text: '8k', '': 100, neg: -5 }), {
      'qwen2.5-coder:7b': 32768,
      big: 1_000_000,
    });
    assert.deepEqual(contextWindowOverrides('8192'), {});
    assert.deepEqual(contextWindowOverrides([4096]), {});
    assert.deepEqual(contextWindowOverrides(null), {});
  });

  it('keeps prices with input and output, cachedInput only when it is a price', () => {
    assert.deepEqual(
      pricingOverrides({
        mine: { input: 0.5, output: 1.5 },
        cached: { input: 1, output: 2, cachedInput: 0.1 },
        badCache: { input: 1, output: 2, cachedInput: 'cheap' },
        free: { input: 0, output: 0 },
        noOutput: { input: 1 },
        negative: { input: -1, output: 1 },
        flat: 3,
      }),
      {
        mine: { input: 0.5, output: 1.5 },
        cached: { input: 1, output: 2, cachedInput: 0.1 },
        badCache: { input: 1, output: 2 },
        free: { input: 0, output: 0 },
      },
    );
  });

  it('overrides the built-in tables for the model named', () => {
    const windows = contextWindowOverrides({ 'gpt-4o': 50_000 });
    assert.equal(contextWindowFor('gpt-4o', windows), 50_000);
    assert.equal(contextWindowFor('gpt-4o-mini', windows), 50_000, 'a key is also a prefix');
    assert.equal(contextWindowFor('claude-sonnet-4', windows), 200_000);
    const prices = pricingOverrides({ 'mock-model': { input: 1, output: 2 } });
    assert.deepEqual(priceFor('mock-model', prices), { input: 1, output: 2 });
    assert.equal(priceFor('mock-model'), undefined);
  });
});
