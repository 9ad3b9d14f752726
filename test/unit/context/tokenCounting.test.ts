// Counting tokens: the encoding for each model family, special tokens as text, the byte bound,
// and a meter that counts each message once.
import { strict as assert } from 'node:assert';
import { RequestMeter } from '../../../src/agent/context/requestSize';
import { byteCounter, encodingFor, loadTokenCounter, type TokenCounter } from '../../../src/agent/context/tokenCounter';
import { toolSpecs } from '../../../src/agent/toolSpecs';
import { createTools } from '../../../src/agent/tools/index';
import { calls, result, system, user } from './messages';

describe('token counting', function () {
  // The first load of an encoding takes seconds on a slow machine.
  this.timeout(30_000);

  it('picks cl100k for gpt-4 and gpt-3.5 and o200k for everything else', () => {
    const table: Array<[string, string]> = [
      ['gpt-4o-mini', 'o200k_base'],
      ['gpt-4.1', 'o200k_base'],
      ['gpt-5', 'o200k_base'],
      ['o3-mini', 'o200k_base'],
      ['gpt-4', 'cl100k_base'],
      ['gpt-4-turbo', 'cl100k_base'],
      ['openai/gpt-3.5-turbo', 'cl100k_base'],
      ['anthropic/claude-sonnet-4', 'o200k_base'],
      ['qwen2.5-coder:7b', 'o200k_base'],
    ];
    for (const [model, encoding] of table) assert.equal(encodingFor(model), encoding, model);
  });

  it('counts with the real tokenizer, special tokens as plain text', async () => {
    const o200k = await loadTokenCounter('gpt-4o');
    assert.equal(o200k.count('hello world'), 2);
    assert.equal(o200k.count(''), 0);
    assert.ok(o200k.count('a file about <|endoftext|> tokens') > 5);
    const cl100k = await loadTokenCounter('gpt-4');
    assert.notEqual(cl100k.count('Ünïcödé ✓ 🎉 and code: const x = () => {};'), o200k.count('Ünïcödé ✓ 🎉 and code: const x = () => {};'));
  });

  it('never counts fewer bytes than tokens', async () => {
    const o200k = await loadTokenCounter('gpt-4o');
    for (const text of ['plain words here', 'const x = () => { return a + b; };', 'ü'.repeat(100), '🎉🎉🎉', '日本語のテキスト', ' '.repeat(1000)]) {
      assert.ok(byteCounter.count(text) >= o200k.count(text), text);
    }
  });

  it('counts the tool specs once and each message once', async () => {
    const o200k = await loadTokenCounter('gpt-4o');
    const seen: string[] = [];
    const spy: TokenCounter = { count: (text) => (seen.push(text), o200k.count(text)) };
    const meter = new RequestMeter(spy);
    const specs = toolSpecs(createTools());
    const messages = [system(), user('task'), calls('a'), result('a', 'content')];
    const first = meter.request(messages, specs);
    const counted = seen.length;
    messages.push(calls('b'), result('b', 'more'));
    const second = meter.request(messages, specs);
    assert.ok(second > first);
    const newTexts = seen.slice(counted);
    assert.ok(!newTexts.some((text) => text.includes('"read_file"') && text.includes('"parameters"')), 'the specs were counted again');
    assert.ok(!newTexts.includes('task'), 'an old message was counted again');
    assert.ok(newTexts.includes('more'));
  });

  it('comes near what the request weighs as JSON on the wire', async () => {
    const o200k = await loadTokenCounter('gpt-4o');
    const meter = new RequestMeter(o200k);
    const specs = toolSpecs(createTools());
    const messages = [system('You are Ouro.'), user('fix the bug'), calls('a'), result('a', 'export const add = (a, b) => a - b;\n'.repeat(20))];
    const counted = meter.request(messages, specs);
    const specTokens = o200k.count(JSON.stringify(specs.map((spec) => ({ type: 'function', function: spec }))));
    const text = messages.reduce((sum, message) => sum + o200k.count(message.content), 0);
    assert.ok(counted > specTokens + text && counted < specTokens + text + 60, `${counted} vs ${specTokens} + ${text}`);
  });
});
