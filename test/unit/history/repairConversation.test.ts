// Repairing a conversation saved mid-step: every call answered, stray results dropped, a reply
// cut off while streaming kept, and every repaired conversation accepted by the strict server.
import { strict as assert } from 'node:assert';
import { NEVER_FINISHED, repairConversation } from '../../../src/agent/history/repairConversation';
import type { Message } from '../../../src/agent/conversation';
import { toWireMessages } from '../../../src/llm/wireMessages';
import { conversationProblem, type WireMessage } from '../../fixtures/mockOpenAI';
import { answer, calls, random, randomConversation, result, system, user } from '../context/messages';

const unanswered = (id: string): Message => ({ role: 'tool', toolCallId: id, name: 'read_file', content: NEVER_FINISHED, isError: true });
const accepted = (messages: readonly Message[]) => conversationProblem(toWireMessages(messages) as WireMessage[]);

describe('repairing a saved conversation', () => {
  it('leaves a conversation saved between steps as it is', () => {
    const messages = [system(), user('task'), calls('a'), result('a', 'x'), answer('done')];
    assert.deepEqual(repairConversation(messages), { messages, repairs: [], unchangedUpTo: 5 });
  });

  it('answers the calls a killed run never finished, after the results that did come', () => {
    const messages = [system(), user('task'), calls('a', 'b', 'c'), result('a', 'x')];
    const repaired = repairConversation(messages);
    assert.deepEqual(repaired.messages, [...messages, unanswered('b'), unanswered('c')]);
    assert.deepEqual(repaired.repairs, ['2 tool calls had no result (the call never finished)']);
    assert.equal(repaired.unchangedUpTo, 4);
    assert.equal(accepted([...repaired.messages, user('go on')]), undefined);
  });

  it('keeps a reply that was streaming as an interrupted message', () => {
    const messages = [system(), user('task')];
    const repaired = repairConversation(messages, { text: 'Let me look', reasoning: 'The user wants' });
    assert.deepEqual(repaired.messages.at(-1), { role: 'assistant', content: 'Let me look', reasoning: 'The user wants', interrupted: true });
    assert.deepEqual(repaired.repairs, ['a reply cut off while it streamed was kept as it was']);
    assert.equal(accepted([...repaired.messages, user('go on')]), undefined);
  });

  it('drops results with no call before them and second results for one call, and says where the history changed', () => {
    const messages = [system(), user('task'), result('ghost', 'x'), calls('a'), result('a', '1'), result('a', '2'), answer('ok')];
    const repaired = repairConversation(messages);
    assert.deepEqual(repaired.messages, [system(), user('task'), calls('a'), result('a', '1'), answer('ok')]);
    assert.deepEqual(repaired.repairs, ['2 tool results without a call were dropped']);
    assert.equal(repaired.unchangedUpTo, 2);
  });

  it('makes every conversation cut off at any message valid to continue', () => {
    const next = random(11);
    for (let n = 0; n < 300; n++) {
      const full = randomConversation(next, 3 + Math.floor(next() * 12));
      const cut = full.slice(0, 1 + Math.floor(next() * full.length));
      const draft = next() < 0.3 ? { text: 'partial' } : undefined;
      const repaired = repairConversation(cut, draft);
      assert.equal(accepted([...repaired.messages, user('continue')]), undefined, `case ${n}`);
      assert.deepEqual(repaired.messages.slice(0, cut.length), cut, 'a crash only ever adds at the end');
    }
  });
});
