// The chat's queue of messages sent while Ouro works: what happens to them when the turn ends.
import { strict as assert } from 'node:assert';
import { ChatSteering } from '../../../src/host/chat/chatSteering';

function steering() {
  const given: string[] = [];
  let changes = 0;
  const chat = new ChatSteering(() => changes++, (text) => given.push(text));
  return { chat, given, changes: () => changes };
}

describe('the chat\'s queued messages', () => {
  it('after a turn that ended well, what is still queued is the next message, as one', () => {
    const { chat, given } = steering();
    chat.add('rename it');
    chat.add('and the tests');
    assert.equal(chat.afterTurn('stop'), 'rename it\n\nand the tests');
    assert.deepEqual(chat.views(), []);
    assert.deepEqual(given, []);
    assert.equal(chat.afterTurn('stop'), undefined);
  });

  for (const reason of ['cancelled', 'error', 'max_steps', undefined] as const) {
    it(`after a turn that ended "${reason ?? 'elsewhere'}", gives what is queued back to the input, unsent`, () => {
      const { chat, given } = steering();
      chat.add('one');
      chat.add('two');
      assert.equal(chat.afterTurn(reason), undefined);
      assert.deepEqual(given, ['one\n\ntwo']);
      assert.deepEqual(chat.views(), []);
    });
  }

  it('a removed message is neither sent nor given back; the view is told of each change', () => {
    const { chat, given, changes } = steering();
    chat.add('keep');
    chat.add('drop');
    chat.remove(chat.views()[1].id);
    assert.deepEqual(chat.views().map((message) => message.text), ['keep']);
    chat.returnAll();
    assert.deepEqual(given, ['keep']);
    chat.returnAll();
    assert.deepEqual(given, ['keep']);
    assert.equal(changes(), 4);
  });
});
