import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/agent/conversation';
import { toWireMessages, toWireTools } from '../../../src/llm/wireMessages';
import { backoffDelay, parseRetryAfter } from '../../../src/llm/retry';
import { conversationProblem } from '../../fixtures/mockOpenAI';

describe('wire format of the conversation', () => {
  const conversation: Message[] = [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'read a' },
    { role: 'assistant', content: '', reasoning: 'I should read it', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a"}' }] },
    { role: 'tool', toolCallId: 'c1', name: 'read_file', content: '1 | x' },
    { role: 'assistant', content: 'It says x.', reasoning: 'easy' },
  ];

  it('sends tool calls typed "function", null content beside them, and tool results by tool_call_id with the name Gemini needs', () => {
    assert.deepEqual(toWireMessages(conversation), [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'read a' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }] },
      { role: 'tool', tool_call_id: 'c1', name: 'read_file', content: '1 | x' },
      { role: 'assistant', content: 'It says x.' },
    ]);
  });

  it('does not send reasoning back unless asked to', () => {
    assert.doesNotMatch(JSON.stringify(toWireMessages(conversation)), /reasoning|I should read it|easy/);
  });

  it('DeepSeek thinking mode: sends reasoning back as reasoning_content when asked to', () => {
    const wire = toWireMessages(conversation, { echoReasoning: true }) as Array<{ reasoning_content?: string }>;
    assert.deepEqual(wire.map((message) => message.reasoning_content), [undefined, undefined, 'I should read it', undefined, 'easy']);
  });

  it('is a conversation a strict server accepts', () => {
    assert.equal(conversationProblem(toWireMessages(conversation)), undefined);
  });

  it('leaves out an assistant message with neither text nor calls, and fills an empty tool result', () => {
    const wire = toWireMessages([
      { role: 'user', content: 'u' },
      { role: 'assistant', content: '' },
      { role: 'assistant', content: 'x', toolCalls: [{ id: 'c', name: 'n', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'c', name: 'n', content: '' },
    ]);
    assert.deepEqual(wire.map((m) => m.role), ['user', 'assistant', 'tool']);
    assert.equal((wire[1] as { content: string }).content, 'x');
    assert.equal((wire[2] as { content: string }).content, '(no output)');
  });

  it('shapes tool specs as OpenAI function tools', () => {
    const parameters = { type: 'object', properties: {} };
    assert.deepEqual(toWireTools([{ name: 't', description: 'd', parameters }]), [{ type: 'function', function: { name: 't', description: 'd', parameters } }]);
  });
});

describe('the strict mock server refuses what OpenAI refuses', () => {
  const call = (id: string) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } });

  it('a tool message answering no preceding call', () => {
    assert.match(conversationProblem([{ role: 'user', content: 'u' }, { role: 'tool', tool_call_id: 'x', content: 'r' }]) ?? '', /must be a response to a preceding message/);
  });

  it('an assistant tool call left without a result before the next message, or at the end', () => {
    const open = { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] };
    const answered = { role: 'tool', tool_call_id: 'a', content: 'r' };
    assert.match(conversationProblem([{ role: 'user', content: 'u' }, open, answered, { role: 'user', content: 'again' }]) ?? '', /missing: b/);
    assert.match(conversationProblem([{ role: 'user', content: 'u' }, open, answered]) ?? '', /missing: b/);
  });

  it('a tool call without type "function"', () => {
    assert.match(conversationProblem([{ role: 'user', content: 'u' }, { role: 'assistant', content: null, tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{}' } }] }]) ?? '', /type must be 'function'/);
  });
});

describe('retry timing', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms first', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(headers({ 'retry-after': '7' }), now), 7000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now), 30_000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '7', 'retry-after-ms': '250' }), now), 250);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(headers({}), now), undefined);
  });

  it('doubles the backoff each attempt within its ceiling, with jitter in the upper half', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 1)), [100, 200, 400, 800, 1000, 1000]);
    assert.deepEqual([1, 2, 3].map((attempt) => backoffDelay(attempt, options, () => 0)), [50, 100, 200]);
  });
});
