// The agent loop end to end: real HTTP to the strict mock server, real files in a temp folder.
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { breakConnection, delta, fault, finish, reasoning, reply, text, textReply, toolCall, usage, type MockRequest } from '../../fixtures/mockOpenAI';
import { eventsOf, lastEvent, newConversation, useHarness } from './loopHelpers';

describe('agent loop', () => {
  const harness = useHarness();

  it('runs a tool call, sends its result back and ends on the text answer', async () => {
    const h = await harness([reply(toolCall('echo', { text: 'pong' }, { id: 'c1', pieces: 3 })), textReply('It said pong.')]);
    const conversation = newConversation();
    const events = await h.run(conversation);
    assert.deepEqual(events.map((event) => event.type), ['step', 'tool_call', 'tool_result', 'step', 'text', 'done']);
    assert.deepEqual(eventsOf(events, 'tool_result')[0], { type: 'tool_result', id: 'c1', name: 'echo', content: 'pong', isError: false });
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
    assert.deepEqual(conversation.messages.slice(2), [
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'echo', arguments: '{"text":"pong"}' }] },
      { role: 'tool', toolCallId: 'c1', name: 'echo', content: 'pong' },
      { role: 'assistant', content: 'It said pong.' },
    ]);
    const sent = h.server.requests[1].messages;
    assert.deepEqual(sent[sent.length - 1], { role: 'tool', tool_call_id: 'c1', name: 'echo', content: 'pong' });
  });

  it('sends the tool specs generated from the zod schemas', async () => {
    const h = await harness([textReply('hi')]);
    await h.run(newConversation());
    const echoSpec = h.server.requests[0].tools?.find((tool) => tool.function.name === 'echo');
    assert.deepEqual(echoSpec, {
      type: 'function',
      function: { name: 'echo', description: 'Echo the text back.', parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
    });
  });

  it('runs parallel calls in order and answers every one before asking again', async () => {
    const h = await harness([
      reply(toolCall('echo', { text: 'a' }, { id: 'p1', index: 0 }), toolCall('echo', { text: 'b' }, { id: 'p2', index: 1 })),
      textReply('both done'),
    ]);
    const events = await h.run(newConversation());
    assert.deepEqual(eventsOf(events, 'tool_result').map((result) => [result.id, result.content]), [['p1', 'a'], ['p2', 'b']]);
    assert.deepEqual(h.server.requests[1].messages.slice(-2).map((message) => message.tool_call_id), ['p1', 'p2']);
  });

  it('keeps generated ids consistent between the events and what goes back to the server', async () => {
    const h = await harness([reply(toolCall('echo', { text: 'x' }, { id: null })), textReply('ok')]);
    const events = await h.run(newConversation());
    const id = eventsOf(events, 'tool_call')[0].call.id;
    assert.match(id, /^call_/);
    assert.equal(eventsOf(events, 'tool_result')[0].id, id);
    const sent = h.server.requests[1].messages;
    assert.equal(sent[sent.length - 2].tool_calls?.[0].id, id);
    assert.equal(sent[sent.length - 1].tool_call_id, id);
  });

  for (const [what, call, pattern] of [
    ['arguments that are not JSON', toolCall('echo', '{"text": "unterminated'), /not a JSON object \(.*JSON.*\)\. Call it again with valid JSON/],
    ['arguments that are a JSON array', toolCall('echo', '["x"]'), /not a JSON object \(got an array\)/],
    ['a field of the wrong type', toolCall('echo', { text: 5 }), /Invalid arguments for echo: text: Invalid input: expected string, received number/],
    ['a missing field', toolCall('echo', {}), /Invalid arguments for echo: text: missing \(expected string\)/],
    ['an unknown tool', toolCall('nope', {}), /There is no tool named "nope"\. The tools are: echo, slow, stubborn, explode, save, shell\./],
    ['a tool that throws', toolCall('explode', {}), /explode failed: boom/],
  ] as const) {
    it(`answers ${what} with an error result and goes on`, async () => {
      const h = await harness([reply(call), textReply('I see my mistake.')]);
      const conversation = newConversation();
      const events = await h.run(conversation);
      const [result] = eventsOf(events, 'tool_result');
      assert.equal(result.isError, true);
      assert.match(result.content, pattern);
      assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
      assert.equal(conversation.messages[3].role, 'tool');
      assert.equal(h.server.requests.length, 2);
    });
  }

  it('Gemini 3: sends the thought signature of a call back with it on the next request', async () => {
    const signature = { google: { thought_signature: 'CiQB0e2Kb==' } };
    const call = { id: 'function-call-1', type: 'function', function: { name: 'echo', arguments: '{"text":"x"}' }, extra_content: signature };
    const h = await harness([reply(delta({ role: 'assistant', tool_calls: [call] }), finish('stop')), textReply('ok')]);
    await h.run(newConversation());
    const sent = h.server.requests[1].messages;
    assert.deepEqual(sent[sent.length - 2].tool_calls, [call]);
  });

  it('takes arguments a model double-encoded as a JSON string', async () => {
    const h = await harness([reply(toolCall('echo', JSON.stringify(JSON.stringify({ text: 'inner' })))), textReply('ok')]);
    const events = await h.run(newConversation());
    assert.deepEqual(eventsOf(events, 'tool_result').map((result) => [result.content, result.isError]), [['inner', false]]);
  });

  it('does not run a call cut off by the token limit, tells the model, and goes on', async () => {
    const h = await harness([reply(toolCall('save', '{"path":"big.txt","content":"lorem ips'), finish('length')), textReply('I will write it in parts.')]);
    const events = await h.run(newConversation());
    const [result] = eventsOf(events, 'tool_result');
    assert.match(result.content, /Not run: your reply reached the output token limit/);
    assert.equal(eventsOf(events, 'approval_request').length, 0, 'the write was never proposed');
    await assert.rejects(readFile(join(h.folder, 'big.txt')));
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('stops after maxSteps, leaving every call answered', async () => {
    const again = () => reply(toolCall('echo', { text: 'again' }));
    const h = await harness([again(), again(), again(), again()]);
    const conversation = newConversation();
    const events = await h.run(conversation, { maxSteps: 3 });
    assert.deepEqual(eventsOf(events, 'step').map((step) => step.step), [1, 2, 3]);
    assert.equal(lastEvent(events)?.type, 'done');
    assert.equal((lastEvent(events) as { reason: string }).reason, 'max_steps');
    assert.equal(conversation.messages[conversation.messages.length - 1].role, 'tool');
    assert.equal(h.server.requests.length, 3);
  });

  it('shows reasoning deltas as reasoning, not text, and keeps them apart in the conversation', async () => {
    const h = await harness([reply(reasoning(['Think', 'ing.']), text('Answer.'))]);
    const conversation = newConversation();
    const events = await h.run(conversation);
    assert.deepEqual(eventsOf(events, 'reasoning').map((event) => event.delta), ['Think', 'ing.']);
    assert.deepEqual(eventsOf(events, 'text').map((event) => event.delta), ['Answer.']);
    assert.deepEqual(conversation.messages[2], { role: 'assistant', content: 'Answer.', reasoning: 'Thinking.' });
  });

  it('passes usage on, from a usage chunk with empty choices', async () => {
    const h = await harness([reply(text('hi'), usage(30, 2))]);
    const events = await h.run(newConversation());
    assert.deepEqual(eventsOf(events, 'usage'), [{ type: 'usage', usage: { promptTokens: 30, completionTokens: 2 } }]);
  });

  it('passes retries on and finishes once the endpoint recovers', async () => {
    const h = await harness([fault(500), textReply('recovered')]);
    const events = await h.run(newConversation());
    assert.equal(eventsOf(events, 'retry').length, 1);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('ends the turn with an error event and done "error" when the endpoint refuses the key', async () => {
    const h = await harness([textReply('never')], { expectedApiKey: 'sk-right' });
    const conversation = newConversation();
    const events = await h.run(conversation);
    const [error] = eventsOf(events, 'error');
    assert.equal(error.status, 401);
    assert.match(error.message, /API key/);
    assert.equal(lastEvent(events)?.type, 'done');
    assert.equal((lastEvent(events) as { reason: string }).reason, 'error');
    assert.equal(conversation.messages.length, 2, 'nothing was added');
  });

  it('keeps text from a stream that broke, marked interrupted, and the next turn is accepted', async () => {
    const h = await harness([reply(text('Partial ', 'answ'), breakConnection()), (request: MockRequest) => textReply(`seen ${request.body.messages.length} messages`)]);
    const conversation = newConversation();
    const events = await h.run(conversation);
    assert.equal((lastEvent(events) as { reason: string }).reason, 'error');
    assert.deepEqual(conversation.messages[2], { role: 'assistant', content: 'Partial answ', interrupted: true });
    conversation.messages.push({ role: 'user', content: 'go on' });
    const next = await h.run(conversation);
    assert.deepEqual(lastEvent(next), { type: 'done', reason: 'stop' });
    assert.equal(conversation.messages[conversation.messages.length - 1].content, 'seen 4 messages');
  });

  it('asks again without streaming after an empty streamed reply, and runs the call that comes back', async () => {
    const h = await harness([reply(delta({ content: '' })), reply(toolCall('echo', { text: 'found' }, { id: 'u1' })), textReply('done')]);
    const events = await h.run(newConversation());
    assert.deepEqual(h.server.requests.map((request) => request.stream ?? false), [true, false, true]);
    assert.deepEqual(eventsOf(events, 'tool_result').map((result) => [result.id, result.content]), [['u1', 'found']]);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('ends on a reply that is empty also without streaming, and tells the model on its next request', async () => {
    const h = await harness([reply(delta({ content: '' })), reply(finish('stop')), textReply('Sorry, here it is.')]);
    const conversation = newConversation();
    const events = await h.run(conversation);
    assert.equal(h.server.requests.length, 2);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop', message: 'The model sent back an empty reply: no text and no tool call. Send your message again, or choose another model.' });
    assert.deepEqual(conversation.messages.at(-1), { role: 'user', content: '[Note from Ouro] Your last reply was empty: no text and no tool call. Answer in text, or call a tool.', note: true });
    conversation.messages.push({ role: 'user', content: 'again please' });
    await h.run(conversation);
    // One user message: chat templates that want turns to alternate refuse two in a row.
    assert.deepEqual(h.server.requests[2].messages.slice(1), [
      { role: 'user', content: 'go\n\n[Note from Ouro] Your last reply was empty: no text and no tool call. Answer in text, or call a tool.\n\nagain please' },
    ]);
  });

  describe('approvals', () => {
    it('reports a write the workspace accepted as approval events around the tool result', async () => {
      const h = await harness([reply(toolCall('save', { path: 'notes.txt', content: 'hello' }, { id: 'w1' })), textReply('saved')], { approve: 'edits' });
      const events = await h.run(newConversation());
      const types = events.map((event) => event.type);
      assert.deepEqual(types.slice(types.indexOf('tool_call'), types.indexOf('tool_result') + 1), ['tool_call', 'approval_request', 'approval_result', 'tool_result']);
      assert.deepEqual(eventsOf(events, 'approval_request')[0], { type: 'approval_request', id: 'w1', toolCallId: 'w1', kind: 'edit', title: 'notes.txt', detail: 'save: 5 characters', lines: { added: 1, removed: 0 } });
      assert.deepEqual(eventsOf(events, 'approval_result')[0], { type: 'approval_result', id: 'w1', approved: true });
      assert.equal(await readFile(join(h.folder, 'notes.txt'), 'utf8'), 'hello');
    });

    it('reports a write the policy refused, with the reason, and writes nothing', async () => {
      const h = await harness([reply(toolCall('save', { path: 'notes.txt', content: 'hello' })), textReply('ok')], { approve: 'none' });
      const events = await h.run(newConversation());
      const [result] = eventsOf(events, 'approval_result');
      assert.equal(result.approved, false);
      assert.match(result.reason ?? '', /--approve edits/);
      assert.equal(eventsOf(events, 'tool_result')[0].isError, true);
      await assert.rejects(readFile(join(h.folder, 'notes.txt')));
    });

    it('reports an execute approval asked of the approver', async () => {
      const h = await harness([reply(toolCall('shell', { command: 'make' }, { id: 'x1' })), textReply('ok')]);
      const approver = { approve: async () => ({ approved: false, reason: 'not today' }) };
      const events = await h.run(newConversation(), { approver });
      assert.deepEqual(eventsOf(events, 'approval_request')[0], { type: 'approval_request', id: 'x1', toolCallId: 'x1', kind: 'execute', title: 'make' });
      assert.deepEqual(eventsOf(events, 'approval_result')[0], { type: 'approval_result', id: 'x1', approved: false, reason: 'not today' });
      assert.equal(eventsOf(events, 'tool_result')[0].content, 'Error: refused: not today');
    });
  });
});
