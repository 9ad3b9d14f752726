// Ollama drops streamed tool calls for some models: the stream ends empty with "stop", while the
// same request with `stream: false` has the call. Against the mock server over real HTTP, which
// answers a non-streamed request with a whole `chat.completion` body.
import { strict as assert } from 'node:assert';
import { delta, fault, finish, reasoning, reply, textReply, toolCall, usage } from '../../fixtures/mockOpenAI';
import { collect, fastModel, useMockServer } from './streamHelpers';

const tools = [{ name: 'read_file', description: 'Read a file.', parameters: { type: 'object', properties: { path: { type: 'string' } } } }];

describe('OpenAI-compatible client: an empty streamed reply', () => {
  const serve = useMockServer();

  it('asks once more without streaming and passes on the tool call that comes back', async () => {
    const server = await serve([reply(delta({ role: 'assistant', content: '' }), usage(20, 0)), reply(toolCall('read_file', { path: 'a.ts' }, { id: 'r1' }), usage(20, 7))]);
    const result = await collect(fastModel(server.url), { tools });
    assert.deepEqual(result.finish, { reason: 'tool_calls', toolCalls: [{ id: 'r1', name: 'read_file', arguments: '{"path":"a.ts"}' }] });
    const [streamed, whole] = server.requests;
    assert.equal(streamed.stream, true);
    assert.equal(whole.stream, false);
    assert.equal(whole.stream_options, undefined);
    assert.deepEqual(whole.messages, streamed.messages);
    assert.deepEqual(whole.tools, streamed.tools);
    assert.deepEqual(result.chunks.filter((chunk) => chunk.type === 'usage').map((chunk) => chunk.usage), [
      { promptTokens: 20, completionTokens: 0 },
      { promptTokens: 20, completionTokens: 7 },
    ]);
  });

  it('passes on the text and the thinking of the reply without streaming', async () => {
    const server = await serve([reply(finish('stop')), reply(reasoning(['Look first.']), delta({ content: '<think>hm</think>It is fine.' }))]);
    const result = await collect(fastModel(server.url));
    assert.equal(result.text, 'It is fine.');
    assert.equal(result.reasoning, 'Look first.hm');
    assert.equal(result.finish?.reason, 'stop');
  });

  it('gives the empty reply when the second answer is empty too, asking only once', async () => {
    const server = await serve([reply(finish('stop')), reply(finish('stop'))]);
    const result = await collect(fastModel(server.url), { tools });
    assert.deepEqual(result.finish, { reason: 'stop', toolCalls: [] });
    assert.equal(result.error, undefined);
    assert.equal(server.requests.length, 2);
  });

  it('gives the empty reply when asking without streaming fails', async () => {
    const server = await serve([reply(finish('stop')), fault(500)]);
    const result = await collect(fastModel(server.url));
    assert.deepEqual(result.finish, { reason: 'stop', toolCalls: [] });
    assert.equal(server.requests.length, 2);
  });

  it('does not ask again after a reply with text, thinking or a call', async () => {
    for (const answer of [textReply('hi'), reply(reasoning(['thinking only'])), reply(toolCall('read_file', { path: 'a' }))]) {
      const server = await serve([answer]);
      await collect(fastModel(server.url), { tools });
      assert.equal(server.requests.length, 1);
    }
  });
});
