import { strict as assert } from 'node:assert';
import type { ToolCall } from '../../../src/agent/conversation';
import { isTruncatedCall } from '../../../src/agent/truncatedCall';
import { normaliseArguments, ToolCallAssembler, type ToolCallDelta } from '../../../src/llm/toolCallAssembler';

function assemble(deltas: ToolCallDelta[]): ToolCall[] {
  let n = 0;
  const assembler = new ToolCallAssembler(() => `call_${++n}`);
  for (const delta of deltas) assembler.add(delta);
  return assembler.finish().toolCalls;
}

const fn = (name?: string, args?: unknown) => ({ ...(name !== undefined ? { name } : {}), ...(args !== undefined ? { arguments: args } : {}) });

const cases: Array<{ name: string; deltas: ToolCallDelta[]; calls: ToolCall[] }> = [
  {
    name: 'OpenAI: one call, id and name first, arguments in pieces',
    deltas: [
      { index: 0, id: 'call_a', type: 'function', function: fn('read_file', '') },
      { index: 0, function: fn(undefined, '{"pa') },
      { index: 0, function: fn(undefined, 'th":"a.ts"}') },
    ],
    calls: [{ id: 'call_a', name: 'read_file', arguments: '{"path":"a.ts"}' }],
  },
  {
    name: 'OpenAI: parallel calls whose deltas interleave by index',
    deltas: [
      { index: 0, id: 'a', type: 'function', function: fn('read_file', '') },
      { index: 1, id: 'b', type: 'function', function: fn('list_files', '') },
      { index: 0, function: fn(undefined, '{"path":') },
      { index: 1, function: fn(undefined, '{"path":".') },
      { index: 0, function: fn(undefined, '"x"}') },
      { index: 1, function: fn(undefined, '"}') },
    ],
    calls: [
      { id: 'a', name: 'read_file', arguments: '{"path":"x"}' },
      { id: 'b', name: 'list_files', arguments: '{"path":"."}' },
    ],
  },
  {
    name: 'Mistral and Ollama: a whole call in one delta',
    deltas: [{ index: 0, id: 'Ab12Cd34E', type: 'function', function: fn('read_file', '{"path":"a"}') }],
    calls: [{ id: 'Ab12Cd34E', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'Gemini omits index: whole parallel calls told apart by id',
    deltas: [
      { id: 'g1', type: 'function', function: fn('read_file', '{"path":"a"}') },
      { id: 'g2', type: 'function', function: fn('read_file', '{"path":"b"}') },
    ],
    calls: [
      { id: 'g1', name: 'read_file', arguments: '{"path":"a"}' },
      { id: 'g2', name: 'read_file', arguments: '{"path":"b"}' },
    ],
  },
  {
    name: 'Gemini omits index and splits arguments over later deltas',
    deltas: [{ id: 'g1', function: fn('read_file', '{"path"') }, { function: fn(undefined, ':"a"}') }],
    calls: [{ id: 'g1', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'index 0 reused for parallel calls with different ids (Gemini through proxies, some vLLM parsers)',
    deltas: [
      { index: 0, id: 'x1', function: fn('read_file', '{"path":"a"}') },
      { index: 0, id: 'x2', function: fn('list_files', '') },
      { index: 0, function: fn(undefined, '{"path":"."}') },
    ],
    calls: [
      { id: 'x1', name: 'read_file', arguments: '{"path":"a"}' },
      { id: 'x2', name: 'list_files', arguments: '{"path":"."}' },
    ],
  },
  {
    name: 'missing ids (vLLM, Ollama) are generated, one per call',
    deltas: [
      { index: 0, function: fn('read_file', '{"path":"a"}') },
      { index: 1, function: fn('read_file', '{"path":"b"}') },
    ],
    calls: [
      { id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
      { id: 'call_2', name: 'read_file', arguments: '{"path":"b"}' },
    ],
  },
  {
    name: 'an empty id (LM Studio, LiteLLM) counts as missing',
    deltas: [{ index: 0, id: '', type: 'function', function: fn('read_file', '{}') }],
    calls: [{ id: 'call_1', name: 'read_file', arguments: '{}' }],
  },
  {
    name: 'LM Studio sends name "" on the argument deltas of a call',
    deltas: [
      { index: 0, id: 'a', type: 'function', function: fn('read_file', '') },
      { index: 0, function: fn('', '{"path":') },
      { index: 0, function: fn('', '"a"}') },
    ],
    calls: [{ id: 'a', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'missing or empty type is fine',
    deltas: [
      { index: 0, id: 'a', function: fn('read_file', '{}') },
      { index: 1, id: 'b', type: '', function: fn('list_files', '{}') },
    ],
    calls: [
      { id: 'a', name: 'read_file', arguments: '{}' },
      { id: 'b', name: 'list_files', arguments: '{}' },
    ],
  },
  {
    name: 'arguments "" mean {}',
    deltas: [{ index: 0, id: 'a', type: 'function', function: fn('list_files', '') }],
    calls: [{ id: 'a', name: 'list_files', arguments: '{}' }],
  },
  {
    name: 'arguments sent as an object instead of a string',
    deltas: [{ index: 0, id: 'a', function: fn('read_file', { path: 'a.ts', start_line: 2 }) }],
    calls: [{ id: 'a', name: 'read_file', arguments: '{"path":"a.ts","start_line":2}' }],
  },
  {
    name: 'old llama.cpp repeats the name on every delta of one call',
    deltas: [
      { index: 0, id: 'a', function: fn('read_file', '') },
      { index: 0, function: fn('read_file', '{"path":') },
      { index: 0, function: fn('read_file', '"a"}') },
    ],
    calls: [{ id: 'a', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'LiteLLM in front of Bedrock numbers the first call 1',
    deltas: [
      { index: 1, id: 'tooluse_1', type: 'function', function: fn('read_file', '') },
      { index: 1, function: fn(undefined, '{"path":"a"}') },
    ],
    calls: [{ id: 'tooluse_1', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'an id that arrives after the first delta is adopted',
    deltas: [
      { index: 0, function: fn('read_file', '') },
      { index: 0, id: 'late', function: fn(undefined, '{"path":"a"}') },
    ],
    calls: [{ id: 'late', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'a server that re-ids every delta of one call keeps the first id',
    deltas: [
      { index: 0, id: 'u1', function: fn('read_file', '{"pa') },
      { index: 0, id: 'u2', function: fn(undefined, 'th":"a"}') },
    ],
    calls: [{ id: 'u1', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'LM Studio phantom call with no name and no arguments is dropped',
    deltas: [
      { index: 0, id: 'a', function: fn('read_file', '{"path":"a"}') },
      { index: 1, id: '', type: 'function' },
    ],
    calls: [{ id: 'a', name: 'read_file', arguments: '{"path":"a"}' }],
  },
  {
    name: 'no index and no id: a name starts a new call once the last one is complete',
    deltas: [
      { function: fn('read_file', '{"path":"a"}') },
      { function: fn('read_file', '{"path":"b"}') },
    ],
    calls: [
      { id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
      { id: 'call_2', name: 'read_file', arguments: '{"path":"b"}' },
    ],
  },
  {
    name: 'Gemini 3: the thought signature in extra_content is kept as provider data',
    deltas: [{ id: 'g1', type: 'function', function: fn('read_file', '{"path":"a"}'), extra_content: { google: { thought_signature: 'sig==' } } }],
    calls: [{ id: 'g1', name: 'read_file', arguments: '{"path":"a"}', providerData: { google: { thought_signature: 'sig==' } } }],
  },
  {
    name: 'Gemini 3: a metadata-only delta after the call attaches its signature to it',
    deltas: [{ id: 'g1', function: fn('read_file', '{"path":"a"}') }, { extra_content: { google: { thought_signature: 'late' } } }],
    calls: [{ id: 'g1', name: 'read_file', arguments: '{"path":"a"}', providerData: { google: { thought_signature: 'late' } } }],
  },
];

describe('tool call assembly', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(assemble(testCase.deltas), testCase.calls);
    });
  }

  it('generates ids once: finishing twice returns the same ids', () => {
    let n = 0;
    const assembler = new ToolCallAssembler(() => `call_${++n}`);
    assembler.add({ index: 0, function: { name: 'read_file', arguments: '{}' } });
    assert.deepEqual(assembler.finish().toolCalls.map((call) => call.id), ['call_1']);
    assert.deepEqual(assembler.finish().toolCalls.map((call) => call.id), ['call_1']);
  });

  for (const [sent, hasCalls, expected] of [
    ['stop', true, 'tool_calls'],
    [undefined, true, 'tool_calls'],
    ['other', true, 'tool_calls'],
    ['tool_calls', true, 'tool_calls'],
    ['length', true, 'length'],
    ['content_filter', true, 'content_filter'],
    ['stop', false, 'stop'],
    [undefined, false, 'stop'],
    ['length', false, 'length'],
  ] as const) {
    it(`finish_reason ${sent ?? '(none)'} ${hasCalls ? 'with' : 'without'} calls ends the turn as "${expected}"`, () => {
      const assembler = new ToolCallAssembler(() => 'id');
      if (hasCalls) assembler.add({ index: 0, function: { name: 'read_file', arguments: '{}' } });
      assert.equal(assembler.finish(sent).reason, expected);
    });
  }

  it('reports a call cut off by finish_reason "length" as truncated, and only that one', () => {
    const calls = assemble([
      { index: 0, id: 'a', function: fn('read_file', '{"path":"a"}') },
      { index: 1, id: 'b', function: fn('write_file', '{"path":"b","content":"lorem ips') },
    ]);
    assert.deepEqual(calls.map((call) => isTruncatedCall(call, 'length')), [false, true]);
    assert.deepEqual(calls.map((call) => isTruncatedCall(call, 'tool_calls')), [false, false]);
  });

  it('normalises "", whitespace and "null" arguments to {} and keeps real ones', () => {
    assert.deepEqual(['', '  ', 'null', '{"a":1}'].map(normaliseArguments), ['{}', '{}', '{}', '{"a":1}']);
  });
});
