// Our conversation in the shape of VS Code's Language Model API, and picking the model ouro.model names.
import { strict as assert } from 'node:assert';
import { describeLmError } from '../../../../src/llm/languageModelApi/lmErrors';
import { lmMessagesText, toLmMessages } from '../../../../src/llm/languageModelApi/lmMessages';
import { PNG_1X1 } from '../../../fixtures/images';
import { pickLanguageModel } from '../../../../src/llm/languageModelApi/pickLanguageModel';

describe("VS Code's Language Model API mapping", () => {
  it('sends the system prompt as the first User message, calls as Assistant parts and all results of a reply in one User message', () => {
    const mapped = toLmMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'read a and b' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a"}' }, { id: 'c2', name: 'read_file', arguments: 'not json' }] },
      { role: 'tool', toolCallId: 'c1', name: 'read_file', content: 'A' },
      { role: 'tool', toolCallId: 'c2', name: 'read_file', content: '' },
      { role: 'assistant', content: 'Done.' },
    ]);
    assert.deepEqual(mapped, [
      { role: 'user', parts: [{ kind: 'text', value: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', value: 'read a and b' }] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c1', name: 'read_file', input: { path: 'a' } }, { kind: 'toolCall', callId: 'c2', name: 'read_file', input: {} }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'c1', content: 'A' }, { kind: 'toolResult', callId: 'c2', content: '(no output)' }] },
      { role: 'assistant', parts: [{ kind: 'text', value: 'Done.' }] },
    ]);
  });

  it("sends a message's images as image parts after its words, and leaves them out of the text it counts", () => {
    const mapped = toLmMessages([{ role: 'user', content: 'what is this?', images: [{ mediaType: 'image/png', data: PNG_1X1 }, { mediaType: 'image/png', data: '' }] }]);
    assert.deepEqual(mapped, [{ role: 'user', parts: [{ kind: 'text', value: 'what is this?' }, { kind: 'image', mimeType: 'image/png', data: PNG_1X1 }] }]);
    assert.equal(lmMessagesText(mapped), 'what is this?');
  });

  it('picks the model by id, then family, then name; an empty name takes the first', () => {
    const models = [
      { id: 'gpt-4.1', name: 'GPT-4.1', vendor: 'copilot', family: 'gpt-4.1', version: '1', maxInputTokens: 1 },
      { id: 'claude-sonnet-4', name: 'Claude Sonnet 4', vendor: 'copilot', family: 'claude-sonnet-4', version: '1', maxInputTokens: 1 },
    ];
    assert.equal(pickLanguageModel(models, 'claude-sonnet-4')?.id, 'claude-sonnet-4');
    assert.equal(pickLanguageModel(models, 'claude sonnet 4')?.id, 'claude-sonnet-4');
    assert.equal(pickLanguageModel(models, '')?.id, 'gpt-4.1');
    assert.equal(pickLanguageModel(models, 'o3'), undefined);
  });

  it('words each LanguageModelError code so the user knows what to do', () => {
    assert.match(describeLmError('NoPermissions', '', 'GPT'), /Manage Language Model Access/);
    assert.match(describeLmError('Blocked', 'quota', 'GPT'), /quota or rate limit/);
    assert.match(describeLmError('NotFound', '', 'GPT'), /not available any more/);
    assert.equal(describeLmError(undefined, 'boom', 'GPT'), 'The language model "GPT" failed: boom');
  });
});
