import { strict as assert } from 'node:assert';
import type { Message, UserMessage } from '../../../src/agent/conversation';
import { toWireMessages, WireHistory } from '../../../src/llm/wireMessages';

// What a growing conversation's kept wire form must always equal: the conversion made afresh.
describe('the wire form kept between steps', () => {
  const pixel: UserMessage['images'] = [{ mediaType: 'image/png', data: 'iVBORw0KGgo=' }];

  function conversation(): Message[] {
    return [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'read a', images: pixel },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a"}' }] },
      { role: 'tool', toolCallId: 'c1', name: 'read_file', content: '1 | x' },
    ];
  }

  function sameAsFresh(history: WireHistory, messages: Message[], echoReasoning = false): void {
    // The loop sends a copy of the list each step, as the model client sees it.
    assert.deepEqual(history.convert([...messages], { echoReasoning }), toWireMessages(messages, { echoReasoning }));
  }

  it('adds what a step appended, and keeps the earlier wire messages as they were', () => {
    const messages = conversation();
    const history = new WireHistory();
    const first = history.convert([...messages]);
    messages.push({ role: 'assistant', content: 'It says x.', reasoning: 'easy' });
    const second = history.convert([...messages]);
    assert.deepEqual(second, toWireMessages(messages));
    assert.equal(second[2], first[2], 'the assistant call was not made again');
    assert.equal(first.length, 4, 'the list handed out before is not changed');
  });

  it('makes a message again when its text changed in place (a note appended to a tool result)', () => {
    const messages = conversation();
    const history = new WireHistory();
    history.convert([...messages]);
    (messages[3] as { content: string }).content += '\n\n[Note from Ouro] a.ts changed on disk.';
    sameAsFresh(history, messages);
  });

  it('joins a note beside the user words without changing the kept message, and drops it again when it is gone', () => {
    const messages: Message[] = [{ role: 'system', content: 'sys' }, { role: 'user', content: 'go' }];
    const history = new WireHistory();
    const before = history.convert([...messages]);
    messages.push({ role: 'user', content: '[Note from Ouro] a.ts was restored.', note: true });
    sameAsFresh(history, messages);
    assert.deepEqual(before[1], { role: 'user', content: 'go' }, 'the wire message handed out before is unchanged');
    messages.pop();
    messages.push({ role: 'assistant', content: 'ok' });
    sameAsFresh(history, messages);
  });

  it('joins a note beside a message with images, and sends it without them once they were taken out', () => {
    const messages = conversation().slice(0, 2);
    const history = new WireHistory();
    history.convert([...messages]);
    messages.push({ role: 'user', content: 'a note', note: true });
    sameAsFresh(history, messages);
    delete (messages[1] as UserMessage).images;
    const wire = history.convert([...messages]);
    assert.deepEqual(wire, toWireMessages(messages));
    assert.equal(typeof wire[1].content, 'string', 'the images are not sent again');
  });

  it('follows a history that was compacted (earlier messages replaced) and the reasoning setting turned on', () => {
    const messages = conversation();
    const history = new WireHistory();
    history.convert([...messages]);
    const compacted: Message[] = [messages[0], { role: 'user', content: 'Summary of the conversation so far.' }, ...messages.slice(2)];
    sameAsFresh(history, compacted);
    compacted.push({ role: 'assistant', content: 'done', reasoning: 'thought' });
    sameAsFresh(history, compacted, true);
    sameAsFresh(history, compacted, false);
  });
});
