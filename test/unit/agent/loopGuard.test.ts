// The loop guard through the real loop: the same call a third time in a row and the same failing
// edit twice get a note to change approach; a fourth identical call is not run and ends the turn.
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callKey, canonicalJson } from '../../../src/agent/loopGuard';
import { createTools } from '../../../src/agent/tools/index';
import { reply, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { echo, eventsOf, lastEvent, newConversation, useHarness } from './loopHelpers';

const NOTE = /^You have called echo with the same arguments 3 times in a row; doing it again will not give anything new\. Change approach/;

describe('agent loop: the loop guard', () => {
  const harness = useHarness();

  it('notes the third identical call in a row, key order and spacing aside, on its result', async () => {
    const h = await harness([
      reply(...toolCall('echo', { text: 'hi', n: 1 })),
      reply(...toolCall('echo', '{"n": 1,  "text": "hi"}')),
      reply(...toolCall('echo', '{"text":"hi","n":1}')),
      textReply('I will stop asking.'),
    ]);
    const events = await h.run(newConversation(), { tools: [echo] });
    const reminders = eventsOf(events, 'reminder');
    assert.equal(reminders.length, 1);
    assert.match(reminders[0].text, NOTE);
    // The model read it with the third result, as Ouro's note, on its next request.
    const lastResult = h.server.requests[3].messages.at(-1);
    assert.equal(lastResult?.role, 'tool');
    assert.match(String(lastResult?.content), /\n\n\[Note from Ouro\] You have called echo with the same arguments 3 times in a row/);
    assert.equal(eventsOf(events, 'tool_result').length, 3);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('does not run a fourth identical call, answers it, and ends the turn saying why', async () => {
    const call = () => reply(...toolCall('echo', { text: 'again' }));
    const h = await harness([call(), call(), call(), reply(...toolCall('echo', { text: 'again' }), ...toolCall('echo', { text: 'other' }, { index: 1 })), textReply('Back on track.')]);
    const conversation = newConversation();
    const events = await h.run(conversation, { tools: [echo] });
    const results = eventsOf(events, 'tool_result');
    assert.deepEqual(
      results.map((result) => result.isError),
      [false, false, false, true],
    );
    assert.match(results[3].content, /Not run: you called echo with the same arguments 4 times in a row\. Ouro stopped the turn here/);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop', message: 'Stopped: the model called echo with the same arguments 4 times in a row.' });
    assert.equal(h.server.requests.length, 4);
    // Every call has its one result, the one after the stop too: the conversation can go on.
    const tools = conversation.messages.filter((message) => message.role === 'tool');
    assert.equal(tools.length, 5);
    assert.match(String(tools[4].content), /Not run: Ouro stopped the turn before this call/);
    // The strict mock server takes the conversation as it stands for the next message.
    conversation.messages.push({ role: 'user', content: 'try another way' });
    assert.deepEqual(lastEvent(await h.run(conversation, { tools: [echo] })), { type: 'done', reason: 'stop' });
    assert.equal(h.server.requests.length, 5);
  });

  it('counts afresh when the arguments change', async () => {
    const h = await harness([
      reply(...toolCall('echo', { text: 'a' })),
      reply(...toolCall('echo', { text: 'a' })),
      reply(...toolCall('echo', { text: 'b' })),
      reply(...toolCall('echo', { text: 'a' })),
      reply(...toolCall('echo', { text: 'a' })),
      textReply('Done.'),
    ]);
    const events = await h.run(newConversation(), { tools: [echo] });
    assert.deepEqual(eventsOf(events, 'reminder'), []);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
    assert.equal(h.server.requests.length, 6);
  });

  it('notes the same failing edit the second time it fails, not a failing edit made once', async () => {
    const edit = { path: 'a.txt', old_string: 'missing', new_string: 'x' };
    const h = await harness([reply(...toolCall('edit_file', edit)), reply(...toolCall('read_file', { path: 'a.txt' })), reply(...toolCall('edit_file', edit)), textReply('It does not apply.')]);
    await writeFile(join(h.folder, 'a.txt'), 'hello\n');
    const events = await h.run(newConversation(), { tools: createTools() });
    const results = eventsOf(events, 'tool_result');
    assert.deepEqual(
      results.map((result) => result.isError),
      [true, false, true],
    );
    const reminders = eventsOf(events, 'reminder');
    assert.equal(reminders.length, 1);
    assert.match(reminders[0].text, /^edit_file failed again with the same arguments as before\. It will keep failing: read the file again/);
    assert.match(String(h.server.requests[3].messages.at(-1)?.content), /\[Note from Ouro\] edit_file failed again/);
  });
});

describe('canonicalJson', () => {
  it('is the same for the same value whatever the key order, nested too', () => {
    assert.equal(canonicalJson({ b: [1, { y: 2, x: null }], a: 'é' }), canonicalJson(JSON.parse('{ "a": "é", "b": [1, {"x": null, "y": 2}] }')));
    assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}');
    assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
  });

  it('keys a call by its tool and canonical arguments, keeping a long one as a hash', () => {
    const call = (name: string, args: string) => ({ id: 'c', name, arguments: args });
    assert.equal(callKey(call('read_file', '{"path":"a","offset":1}')), callKey(call('read_file', '{ "offset": 1, "path": "a" }')));
    assert.notEqual(callKey(call('read_file', '{"path":"a"}')), callKey(call('list_files', '{"path":"a"}')));
    const big = callKey(call('write_file', JSON.stringify({ path: 'a', content: 'x'.repeat(10_000) })));
    assert.equal(big.length, 44);
    assert.notEqual(big, callKey(call('write_file', JSON.stringify({ path: 'a', content: 'y'.repeat(10_000) }))));
  });
});
