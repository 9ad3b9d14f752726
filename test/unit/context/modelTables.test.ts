// Window sizes and prices by model name, with the overrides settings give.
import { strict as assert } from 'node:assert';
import { contextWindowFor, DEFAULT_CONTEXT_WINDOW } from '../../../src/agent/context/contextWindows';
import { normaliseModelName } from '../../../src/agent/context/modelTable';
import { costOf, priceFor } from '../../../src/agent/usage/pricing';
import { addUsage, emptyTotals, formatUsage } from '../../../src/agent/usage/usageTotals';

describe('model tables', () => {
  it('reads a model name the way each provider spells it', () => {
    assert.equal(normaliseModelName('openai/GPT-4o'), 'gpt-4o');
    assert.equal(normaliseModelName('qwen2.5-coder:7b'), 'qwen2.5-coder');
    assert.equal(normaliseModelName('anthropic/claude-3.7-sonnet:thinking'), 'claude-3.7-sonnet');
    assert.equal(normaliseModelName(' meta-llama/llama-3.3-70b-instruct '), 'llama-3.3-70b-instruct');
  });

  it('knows the windows of common models', () => {
    const table: Array<[string, number]> = [
      ['gpt-4o-2024-08-06', 128_000],
      ['gpt-4.1-mini', 1_047_576],
      ['gpt-5', 272_000],
      ['o4-mini', 200_000],
      ['gpt-4', 8_192],
      ['anthropic/claude-sonnet-4', 200_000],
      ['claude-3-5-haiku-20241022', 200_000],
      ['google/gemini-2.5-pro', 1_048_576],
      ['deepseek-chat', 128_000],
      ['mistralai/codestral-2501', 256_000],
      ['devstral-small', 128_000],
      ['qwen2.5-coder:32b', 32_768],
      ['qwen/qwen3-coder', 262_144],
      ['llama3.1:8b', 131_072],
      ['meta-llama/llama-4-maverick', 1_048_576],
      ['my-own-finetune', DEFAULT_CONTEXT_WINDOW],
    ];
    for (const [model, window] of table) assert.equal(contextWindowFor(model), window, model);
  });

  it('lets settings override a window by exact name or by the longest prefix', () => {
    const overrides = { 'qwen2.5-coder': 16_384, 'qwen2.5-coder:32b': 65_536, 'qwen': 8_000 };
    assert.equal(contextWindowFor('qwen2.5-coder:32b', overrides), 65_536);
    assert.equal(contextWindowFor('qwen2.5-coder:7b', overrides), 16_384);
    assert.equal(contextWindowFor('qwen3:4b', overrides), 8_000);
    assert.equal(contextWindowFor('gpt-4o', overrides), 128_000);
  });

  it("takes the window a model reports of itself over the table, and the user's override over both", () => {
    assert.equal(contextWindowFor('gpt-4o', {}, 64_000), 64_000);
    assert.equal(contextWindowFor('copilot-unknown', {}, 200_000), 200_000);
    assert.equal(contextWindowFor('gpt-4o', { 'gpt-4o': 30_000 }, 64_000), 30_000);
    assert.equal(contextWindowFor('gpt-4o', {}, 0), 128_000, 'a model that reports nothing keeps the table');
  });

  it('prices common models and knows no price for local ones', () => {
    assert.deepEqual(priceFor('gpt-4o-mini'), { input: 0.15, cachedInput: 0.075, output: 0.6 });
    assert.equal(priceFor('anthropic/claude-3.7-sonnet')?.input, 3);
    assert.equal(priceFor('claude-opus-4-5-20251101')?.output, 25);
    assert.equal(priceFor('claude-opus-4-1')?.output, 75);
    assert.equal(priceFor('qwen2.5-coder:7b'), undefined);
    assert.deepEqual(priceFor('qwen2.5-coder:7b', { qwen: { input: 0, output: 0 } }), { input: 0, output: 0 });
  });

  it('bills cached prompt tokens at the cached rate', () => {
    const price = { input: 2, cachedInput: 0.5, output: 8 };
    assert.equal(costOf({ promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 0 }, price), 2);
    assert.equal(costOf({ promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 800_000 }, price), 0.2 * 2 + 0.8 * 0.5);
    assert.equal(costOf({ promptTokens: 0, completionTokens: 500_000 }, price), 4);
    assert.equal(costOf({ promptTokens: 100, completionTokens: 0, cachedTokens: 100 }, { input: 1, output: 1 }), 0.0001);
  });

  it('adds up usage and says when the cost is only a lower bound', () => {
    let totals = emptyTotals();
    totals = addUsage(totals, { promptTokens: 1000, completionTokens: 100, cachedTokens: 600 }, { input: 1, cachedInput: 0.1, output: 2 });
    totals = addUsage(totals, { promptTokens: 2000, completionTokens: 50 }, undefined);
    assert.deepEqual({ ...totals, cost: Number(totals.cost.toFixed(8)) }, { requests: 2, promptTokens: 3000, completionTokens: 150, cachedTokens: 600, cost: 0.00066, unpricedRequests: 1 });
    assert.equal(formatUsage(totals), '3,000 in (600 cached) · 150 out · ≥ $0.0007');
    assert.equal(formatUsage(addUsage(emptyTotals(), { promptTokens: 5, completionTokens: 1 }, undefined)), '5 in · 1 out');
  });
});
