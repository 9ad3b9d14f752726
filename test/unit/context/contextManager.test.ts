// The context manager against the mock server: the summarisation request, what happens when it
// fails or is cancelled, and continuing from a saved state.
import { strict as assert } from 'node:assert';
import { ContextManager } from '../../../src/agent/context/contextManager';
import { SUMMARISER_SYSTEM_PROMPT } from '../../../src/agent/context/summarise';
import { loadTokenCounter, type TokenCounter } from '../../../src/agent/context/tokenCounter';
import type { Message } from '../../../src/agent/conversation';
import { OpenAICompatibleModel } from '../../../src/llm/openaiCompatible';
import { fault, reply, stall, startMockServer, text, textReply, usage, type MockServer, type Turn } from '../../fixtures/mockOpenAI';
import { answer, calls, result, system, user } from './messages';

/** `exchanges` read_file exchanges of about 400 tokens each. */
function longHistory(exchanges = 16): Message[] {
  const messages: Message[] = [system('You are a test.'), user('Read the files and fix the bug in add.')];
  for (let i = 0; i < exchanges; i++) messages.push(calls(`c${i}`), result(`c${i}`, `// file ${i}\n${'export const value = compute(1, 2, 3);\n'.repeat(30)}`));
  return messages;
}

describe('context manager', function () {
  this.timeout(30_000);
  let server: MockServer | undefined;
  let counter: TokenCounter;
  before(async () => {
    counter = await loadTokenCounter('gpt-4o');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function managerWith(script: Turn[], window = 8_000) {
    server = await startMockServer(script);
    const model = new OpenAICompatibleModel({ baseURL: server.url, model: 'gpt-4o', maxRetries: 0, idleTimeoutMs: 5_000 });
    return new ContextManager({ model, window, counter, largeResultTokens: 10_000 });
  }

  it("counts a text with the model's tokenizer, for what is attached before it is sent", async () => {
    const manager = await managerWith([]);
    assert.equal(await manager.count('Attached: the file a.ts\nconst a = 1;'), counter.count('Attached: the file a.ts\nconst a = 1;'));
    assert.equal(await manager.count(''), 0);
  });

  it('sends the history as it is while it is under the threshold, without loading a tokenizer', async () => {
    let counted = 0;
    const spy: TokenCounter = { count: (value) => (counted++, counter.count(value)) };
    server = await startMockServer([]);
    const manager = new ContextManager({ model: new OpenAICompatibleModel({ baseURL: server.url, model: 'gpt-4o' }), window: 128_000, counter: spy });
    const messages = longHistory();
    const prepared = await manager.prepare(messages, [], new AbortController().signal);
    assert.deepEqual(prepared.messages, messages);
    assert.equal(prepared.compaction, undefined);
    assert.equal(counted, 0);
  });

  it('asks the model for a summary in a request of its own and sends it after the first user message', async () => {
    const manager = await managerWith([reply(text('Read files 0 to 15; nothing changed yet.'), usage(900, 20, { prompt_tokens_details: { cached_tokens: 100 } }))]);
    const messages = longHistory();
    const prepared = await manager.prepare(messages, [], new AbortController().signal);

    const request = server!.requests[0];
    assert.equal(request.tools, undefined);
    assert.equal(request.messages[0].content, SUMMARISER_SYSTEM_PROMPT);
    assert.match(String(request.messages[1].content), /RESULT of read_file: \/\/ file 0/);

    const compaction = prepared.compaction!;
    assert.equal(compaction.kind, 'summary');
    assert.deepEqual(compaction.usage, { promptTokens: 900, completionTokens: 20, cachedTokens: 100 });
    assert.ok(compaction.tokensAfter <= 4_000 && compaction.tokensBefore > 6_400, JSON.stringify(compaction));
    assert.deepEqual(prepared.messages.slice(0, 2), messages.slice(0, 2));
    assert.match(prepared.messages[2].content, /Read files 0 to 15; nothing changed yet\.$/);
    assert.equal(prepared.messages.at(-1), messages.at(-1));
    assert.equal(manager.state.summary?.through, messages.length - (prepared.messages.length - 3));
  });

  it('summarises a middle too long for one request in parts, each continuing the summary so far', async () => {
    const manager = await managerWith([textReply('Part one: read files 0 to 9.'), textReply('Parts one and two: read files 0 to 15.')], 5_000);
    const prepared = await manager.prepare(longHistory(12), [], new AbortController().signal);
    assert.equal(server!.requests.length, 2);
    assert.doesNotMatch(String(server!.requests[0].messages[1].content), /<summary>/);
    assert.match(String(server!.requests[1].messages[1].content), /<summary>\nPart one: read files 0 to 9\.\n<\/summary>/);
    assert.match(prepared.messages[2].content, /Parts one and two: read files 0 to 15\.$/);
    assert.equal(prepared.compaction?.summaryError, undefined);
  });

  it('cuts a summary that runs far past its room', async () => {
    const manager = await managerWith([textReply(`Summary. ${'Every detail at length. '.repeat(2000)}`)]);
    const prepared = await manager.prepare(longHistory(), [], new AbortController().signal);
    assert.match(prepared.messages[2].content, /\[The summary was cut here: it ran past the room it had\.\]$/);
    assert.ok(prepared.compaction!.tokensAfter < 8_000 * 0.8, JSON.stringify(prepared.compaction));
  });

  it('puts a plain list of what was left out in place of a summary the model failed to write', async () => {
    const manager = await managerWith([fault(500, { message: 'the summariser is down' })]);
    const prepared = await manager.prepare(longHistory(), [], new AbortController().signal);
    const compaction = prepared.compaction!;
    assert.equal(compaction.kind, 'summary');
    assert.match(compaction.summaryError ?? '', /500|down/);
    assert.match(prepared.messages[2].content, /the user wrote|you called read_file \{"path":"c0\.ts"\}/);
    assert.ok(compaction.tokensAfter < compaction.tokensBefore);
  });

  it('changes nothing when cancelled while the summary is being written', async () => {
    const manager = await managerWith([reply(text('Half a sum'), stall())]);
    const controller = new AbortController();
    const messages = longHistory();
    const preparing = manager.prepare(messages, [], controller.signal);
    while (server!.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const prepared = await preparing;
    assert.equal(prepared.compaction, undefined);
    assert.deepEqual(prepared.messages, messages);
    assert.deepEqual(manager.state, { trimmed: [] });
  });

  it('continues from a saved state: a new manager sends what the old one would have', async () => {
    const manager = await managerWith([textReply('Summary one.')]);
    const messages = longHistory();
    await manager.prepare(messages, [], new AbortController().signal);
    messages.push(calls('n'), result('n', 'short'));
    const saved = JSON.parse(JSON.stringify(manager.state));
    const again = new ContextManager({ model: new OpenAICompatibleModel({ baseURL: server!.url, model: 'gpt-4o' }), window: 8_000, counter, state: saved });
    const [old, fresh] = await Promise.all([manager.prepare(messages, [], new AbortController().signal), again.prepare(messages, [], new AbortController().signal)]);
    assert.equal(JSON.stringify(fresh.messages), JSON.stringify(old.messages));
    assert.equal(fresh.compaction, undefined);
    assert.equal(server!.requests.length, 1);
  });

  it('compacts on demand below the threshold ("compact now")', async () => {
    const manager = await managerWith([textReply('Everything so far.')], 100_000);
    const messages = [system(), user('task'), calls('a'), result('a', 'x'.repeat(2000)), answer('done'), user('next'), calls('b'), result('b', 'y')];
    assert.equal((await manager.prepare(messages, [], new AbortController().signal)).compaction, undefined);
    const forced = await manager.compactNow(messages, [], new AbortController().signal);
    assert.equal(forced.compaction?.kind, 'summary');
    assert.equal(forced.compaction?.summarisedMessages, 4);
  });

  it('sends a result too large for the window cut down, even in the latest exchange', async () => {
    const manager = await managerWith([textReply('Asked for a big file.')]);
    const messages = [system(), user('read the log'), calls('log'), result('log', Array.from({ length: 5000 }, (_, i) => `${i + 1} | entry number ${i + 1}`).join('\n'))];
    const prepared = await manager.prepare(messages, [], new AbortController().signal);
    const sent = prepared.messages.at(-1)!;
    assert.match(sent.content, /\[Cut to fit the model's context window: \d+ of the 5000 lines of this read_file result are left out here/);
    assert.ok(counter.count(prepared.messages.map((message) => message.content).join('\n')) < 8_000 * 0.8);
    assert.equal(messages[3].content.split('\n').length, 5000, 'the history keeps the whole result');
  });

  it('breaks the next request down into system prompt, rules, tool specs, history and tool results', async () => {
    server = await startMockServer([]);
    const manager = new ContextManager({ model: new OpenAICompatibleModel({ baseURL: server.url, model: 'gpt-4o' }), window: 128_000, counter });
    const rules = 'Always run npm test after an edit.';
    const messages = [system(`You are Ouro.\n\nProject rules:\n${rules}`), user('task'), calls('a'), result('a', 'some file content')];
    const specs = [{ name: 'read_file', description: 'Read a file.', parameters: { type: 'object', properties: { path: { type: 'string' } } } }];
    const parts = await manager.breakdown(messages, specs, rules);
    assert.equal(parts.window, 128_000);
    assert.equal(parts.rules, counter.count(rules));
    assert.ok(parts.systemPrompt > 0 && parts.toolSpecs > 10 && parts.toolResults > 4 && parts.history > 4);
    assert.equal(parts.systemPrompt + parts.rules + parts.toolSpecs + parts.history + parts.toolResults, parts.total);
  });
});
