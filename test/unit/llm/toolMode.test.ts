import assert from 'node:assert/strict';
import { readToolModes, toolModeFor } from '../../../src/llm/toolMode';

describe('tool mode per model', () => {
  it('is native for a model the setting does not list', () => {
    assert.equal(toolModeFor({ 'qwen2.5-coder:7b': 'text' }, 'gpt-4.1'), 'native');
  });

  it('is the listed mode for a listed model, matched exactly', () => {
    const modes = { 'qwen2.5-coder:7b': 'text' } as const;
    assert.equal(toolModeFor(modes, 'qwen2.5-coder:7b'), 'text');
    assert.equal(toolModeFor(modes, 'qwen2.5-coder'), 'native');
  });

  it('does not take inherited object keys for model names', () => {
    assert.equal(toolModeFor({}, 'constructor'), 'native');
    assert.equal(toolModeFor({}, 'toString'), 'native');
  });

  it('keeps only valid entries of a hand-edited setting', () => {
    assert.deepEqual(readToolModes({ a: 'text', b: 'native', c: 'TEXT', d: 3 }), { a: 'text', b: 'native' });
    assert.deepEqual(readToolModes(['text']), {});
    assert.deepEqual(readToolModes('text'), {});
    assert.deepEqual(readToolModes(undefined), {});
  });
});
