// How real servers stream, replayed by the mock server over loopback HTTP: each test names the
// provider whose behaviour (documented, or reported by its users) it reproduces.
import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/agent/conversation';
import { comment, delay, delta, exactly, fault, finish, raw, reasoning, reply, text, textReply, toolCall, usage } from '../../fixtures/mockOpenAI';
import { collect, fastModel, useMockServer } from './streamHelpers';

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => raw({ id: 'x', object: 'chat.completion.chunk', choices, ...extra });

describe('OpenAI-compatible client: how providers really stream', () => {
  const serve = useMockServer();

  it('OpenAI: one call streamed in pieces, then a usage chunk with empty choices', async () => {
    const server = await serve([
      reply(toolCall('read_file', { path: 'src/a.ts' }, { id: 'call_abc', pieces: 4 }), usage(120, 15, { prompt_tokens_details: { cached_tokens: 64 } })),
    ]);
    const result = await collect(fastModel(server.url));
    assert.deepEqual(result.finish, { reason: 'tool_calls', toolCalls: [{ id: 'call_abc', name: 'read_file', arguments: '{"path":"src/a.ts"}' }] });
    assert.deepEqual(result.usage, { promptTokens: 120, completionTokens: 15, cachedTokens: 64 });
    assert.equal(result.chunks.filter((c) => c.type === 'usage').length, 1);
  });

  it('OpenAI: parallel calls with interleaved indices', async () => {
    const head = (index: number, id: string, name: string) => delta({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' } }] });
    const args = (index: number, piece: string) => delta({ tool_calls: [{ index, function: { arguments: piece } }] });
    const server = await serve([reply(head(0, 'a', 'read_file'), head(1, 'b', 'read_file'), args(1, '{"path":"b"}'), args(0, '{"path":"a"}'))]);
    const result = await collect(fastModel(server.url));
    assert.deepEqual(result.finish?.toolCalls.map((call) => [call.id, call.arguments]), [['a', '{"path":"a"}'], ['b', '{"path":"b"}']]);
  });

  it('Gemini: parallel calls whole in one chunk without index, ended with finish_reason "stop"', async () => {
    const calls = [
      { id: 'function-call-1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } },
      { id: 'function-call-2', type: 'function', function: { name: 'read_file', arguments: '{"path":"b"}' } },
    ];
    const server = await serve([reply(delta({ role: 'assistant', tool_calls: calls }), finish('stop'))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.finish?.reason, 'tool_calls');
    assert.deepEqual(result.finish?.toolCalls.map((call) => call.id), ['function-call-1', 'function-call-2']);
  });

  it('Gemini through OpenAI-compatible proxies: every parallel call on index 0', async () => {
    const server = await serve([reply(toolCall('read_file', { path: 'a' }, { id: 'p1' }), toolCall('list_files', { path: '.' }, { id: 'p2' }))]);
    const result = await collect(fastModel(server.url));
    assert.deepEqual(result.finish?.toolCalls.map((call) => [call.id, call.name]), [['p1', 'read_file'], ['p2', 'list_files']]);
  });

  it('Ollama: a whole call in one chunk, arguments as an object, finish_reason "stop"', async () => {
    const server = await serve([reply(delta({ tool_calls: [{ index: 0, id: 'call_x1', function: { name: 'read_file', arguments: { path: 'a.ts' } } }] }), finish('stop'))]);
    const result = await collect(fastModel(server.url));
    assert.deepEqual(result.finish, { reason: 'tool_calls', toolCalls: [{ id: 'call_x1', name: 'read_file', arguments: '{"path":"a.ts"}' }] });
  });

  it('Mistral: a whole call with a 9-character id, kept as sent', async () => {
    const server = await serve([reply(toolCall('read_file', { path: 'a' }, { id: 'D681PevKs' }))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.finish?.toolCalls[0].id, 'D681PevKs');
  });

  it('vLLM: calls without id get unique generated ids', async () => {
    const server = await serve([reply(toolCall('read_file', { path: 'a' }, { id: null, index: 0 }), toolCall('read_file', { path: 'b' }, { id: null, index: 1 }))]);
    const ids = (await collect(fastModel(server.url))).finish?.toolCalls.map((call) => call.id) ?? [];
    assert.equal(ids.length, 2);
    assert.notEqual(ids[0], ids[1]);
    for (const id of ids) assert.match(id, /^call_[a-z0-9]+$/);
  });

  it('LM Studio: an empty id and a phantom call with no name are handled', async () => {
    const server = await serve([reply(toolCall('read_file', { path: 'a' }, { id: '' }), delta({ tool_calls: [{ index: 1, id: '', type: 'function' }] }))]);
    const calls = (await collect(fastModel(server.url))).finish?.toolCalls ?? [];
    assert.equal(calls.length, 1);
    assert.ok(calls[0].id.startsWith('call_'));
  });

  it('llama.cpp (before mid-2025): the name repeated on every delta makes one call', async () => {
    const piece = (args: string) => delta({ tool_calls: [{ index: 0, function: { name: 'read_file', arguments: args } }] });
    const server = await serve([reply(piece(''), piece('{"path":'), piece('"a"}'))]);
    const calls = (await collect(fastModel(server.url))).finish?.toolCalls ?? [];
    assert.deepEqual(calls.map((call) => [call.name, call.arguments]), [['read_file', '{"path":"a"}']]);
  });

  it('DeepSeek: reasoning_content is thinking, not answer text; cache hits count as cached tokens', async () => {
    const server = await serve([reply(reasoning(['Let me ', 'think.']), text('The answer.'), usage(50, 9, { prompt_cache_hit_tokens: 32, prompt_cache_miss_tokens: 18 }))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.reasoning, 'Let me think.');
    assert.equal(result.text, 'The answer.');
    assert.equal(result.usage?.cachedTokens, 32);
  });

  it('DeepSeek thinking mode: once it streamed reasoning_content, thinking goes back with the tool call', async () => {
    const server = await serve([reply(reasoning(['Read it first.']), toolCall('read_file', { path: 'a' }, { id: 'd1' })), textReply('done')]);
    const model = fastModel(server.url);
    const first = await collect(model);
    const messages: Message[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: '', reasoning: first.reasoning, toolCalls: first.finish?.toolCalls },
      { role: 'tool', toolCallId: 'd1', name: 'read_file', content: 'x' },
    ];
    await collect(model, { messages });
    assert.equal(server.requests[1].messages[1].reasoning_content, 'Read it first.');
  });

  it('DeepSeek thinking mode: a 400 asking for reasoning_content is answered by asking again with it', async () => {
    const demand = 'The `reasoning_content` in the thinking mode must be passed back to the API.';
    const server = await serve([fault(400, { message: demand }), textReply('thanks')]);
    const messages: Message[] = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: '', reasoning: 'earlier thought', toolCalls: [{ id: 'd1', name: 'read_file', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'd1', name: 'read_file', content: 'x' },
    ];
    const result = await collect(fastModel(server.url), { messages });
    assert.equal(result.text, 'thanks');
    assert.deepEqual(server.requests.map((body) => body.messages[1].reasoning_content), [undefined, 'earlier thought']);
  });

  it('llama.cpp, vLLM and LM Studio without a reasoning parser: <think> in the content is thinking', async () => {
    const server = await serve([reply(text('<think>', 'Check the', ' file.</th', 'ink>\n\n', 'It is fine.'))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.reasoning, 'Check the file.');
    assert.equal(result.text, 'It is fine.');
  });

  it('vLLM (0.10 and later), OpenRouter and Ollama: `reasoning` is thinking too', async () => {
    const server = await serve([reply(reasoning(['hmm'], 'reasoning'), text('done'))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.reasoning, 'hmm');
    assert.equal(result.text, 'done');
  });

  it('vLLM compatibility shim: the same thinking in both fields is shown once', async () => {
    const server = await serve([reply(delta({ reasoning: 'once', reasoning_content: 'once' }), text('ok'))]);
    assert.equal((await collect(fastModel(server.url))).reasoning, 'once');
  });

  it('vLLM continuous usage stats: running totals on every chunk count once, the last', async () => {
    const withUsage = (content: string, completion: number) => chunk([{ index: 0, delta: { content }, finish_reason: null }], { usage: { prompt_tokens: 10, completion_tokens: completion } });
    const server = await serve([reply(withUsage('a', 1), withUsage('b', 2), withUsage('c', 3))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.chunks.filter((c) => c.type === 'usage').length, 1);
    assert.deepEqual(result.usage, { promptTokens: 10, completionTokens: 3 });
  });

  it('Gemini: usage on the last chunk together with the finish reason', async () => {
    const server = await serve([exactly(text('hi'), chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { usage: { prompt_tokens: 7, completion_tokens: 1 } }), raw('[DONE]'))]);
    const result = await collect(fastModel(server.url));
    assert.deepEqual(result.usage, { promptTokens: 7, completionTokens: 1 });
    assert.equal(result.finish?.reason, 'stop');
  });

  it('Azure: a first chunk with empty choices and prompt_filter_results, and a content-filter chunk without delta', async () => {
    const filter = { hate: { filtered: false, severity: 'safe' } };
    const server = await serve([
      reply(
        chunk([], { prompt_filter_results: [{ prompt_index: 0, content_filter_results: filter }] }),
        text('Hello'),
        chunk([{ index: 0, finish_reason: null, content_filter_results: filter, content_filter_offsets: { check_offset: 5 } }]),
      ),
    ]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'Hello');
    assert.equal(result.finish?.reason, 'stop');
  });

  it('OpenRouter: ": OPENROUTER PROCESSING" comments are skipped and keep a slow stream alive', async () => {
    // Each gap is well under the idle timeout; all of them together are well over it.
    const keepAlive = [delay(150), comment('OPENROUTER PROCESSING')];
    const server = await serve([reply(keepAlive, keepAlive, keepAlive, keepAlive, keepAlive, keepAlive, keepAlive, keepAlive, text('worth the wait'))]);
    const result = await collect(fastModel(server.url, { idleTimeoutMs: 700 }));
    assert.equal(result.text, 'worth the wait');
    assert.equal(result.retries.length, 0);
  });

  it('gateways that send keep-alives as data lines ("data:", "data: :ping") do not break the stream', async () => {
    const server = await serve([reply(raw(''), text('a'), raw(':ping'), raw('keep-alive'), text('b'))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'ab');
    assert.equal(result.error, undefined);
  });

  it('a stream that ends after its finish chunk without [DONE] is complete', async () => {
    const server = await serve([exactly(text('fine'), finish('stop'))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'fine');
    assert.equal(result.finish?.reason, 'stop');
  });

  it('finish_reason "length" inside a call comes through with the cut-off call', async () => {
    const server = await serve([reply(toolCall('write_file', '{"path":"a","content":"lorem ip', { id: 'w1' }), finish('length'))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.finish?.reason, 'length');
    assert.equal(result.finish?.toolCalls[0].arguments, '{"path":"a","content":"lorem ip');
  });

  it('proxies in front of Anthropic say "max_tokens" for the length limit', async () => {
    const server = await serve([reply(text('cut'), finish('max_tokens'))]);
    assert.equal((await collect(fastModel(server.url))).finish?.reason, 'length');
  });
});
