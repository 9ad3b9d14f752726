// Planning a compaction: what is left out, where the cut falls, and that every plan yields a
// request the strict server takes.
import { strict as assert } from 'node:assert';
import { planCompaction, type PlanInput } from '../../../src/agent/context/compactionPlan';
import { emptyContextState, isSafeCut, keptFrom, requestView, sentAs, type ContextState } from '../../../src/agent/context/requestView';
import type { Message } from '../../../src/agent/conversation';
import { toWireMessages } from '../../../src/llm/wireMessages';
import { conversationProblem, type WireMessage } from '../../fixtures/mockOpenAI';
import { answer, calls, random, randomConversation, result, system, user } from './messages';

/** Sizes are characters: one token per character keeps the arithmetic visible. */
function planFor(messages: Message[], options: Partial<PlanInput> & { state?: ContextState } = {}) {
  const state = options.state ?? emptyContextState();
  const trimmed = new Set(state.trimmed);
  const size = (index: number) => sentAs(messages[index], trimmed).content.length + 4;
  const view = requestView(messages, state);
  const total = view.reduce((sum, message) => sum + message.content.length + 4, 0);
  return planCompaction({ messages, state, size, total, fixed: 100, target: 1000, largeResult: 300, summaryRoom: 100, ...options });
}

const big = (n: number) => 'x'.repeat(n);

describe('compaction plan', () => {
  it('leaves out old large results first when that brings the request under the target', () => {
    const messages = [system(), user('task'), calls('a'), result('a', big(900)), calls('b'), result('b', big(200)), calls('c'), result('c', big(400)), answer('now')];
    assert.deepEqual(planFor(messages), { kind: 'trim', trim: ['a'] });
  });

  it('never leaves out a result of the latest exchange, however large', () => {
    const messages = [system(), user('task'), calls('a'), result('a', big(100)), calls('b'), result('b', big(5000))];
    assert.deepEqual(planFor(messages), { kind: 'summary', from: 2, through: 4 });
  });

  it('summarises the middle when leaving out results is not enough, cutting before a call, never before a result', () => {
    const messages: Message[] = [system(), user('task')];
    for (let i = 0; i < 20; i++) messages.push(calls(`c${i}`), result(`c${i}`, big(150)));
    const plan = planFor(messages);
    assert.equal(plan.kind, 'summary');
    if (plan.kind !== 'summary') return;
    assert.equal(plan.from, 2);
    assert.equal(messages[plan.through].role, 'assistant');
    const kept = messages.slice(plan.through).reduce((sum, message) => sum + message.content.length + 4, 0);
    assert.ok(kept <= 1000 - 100 - 100, `kept ${kept} tokens`);
  });

  it('keeps a parallel call and all its results on the same side of the cut', () => {
    const messages = [system(), user('task'), calls('a', 'b', 'c'), result('a', big(400)), result('b', big(400)), result('c', big(400)), calls('d'), result('d', big(300))];
    const plan = planFor(messages, { largeResult: 10_000 });
    assert.deepEqual(plan, { kind: 'summary', from: 2, through: 6 });
  });

  it('summarises even when leaving out results would do, if asked to compact now', () => {
    const messages = [system(), user('task'), calls('a'), result('a', big(900)), calls('b'), result('b', big(200)), answer('done')];
    assert.equal(planFor(messages).kind, 'trim');
    assert.equal(planFor(messages, { force: true }).kind, 'summary');
  });

  it('continues from the previous summary and does nothing when nothing is left to summarise', () => {
    const messages = [system(), user('task'), calls('a'), result('a', big(50)), calls('b'), result('b', big(3000))];
    const state: ContextState = { trimmed: [], summary: { through: 4, text: 'read a' } };
    assert.deepEqual(planFor(messages, { state }), { kind: 'none' });
  });

  it('does not leave out a result twice', () => {
    const messages = [system(), user('task'), calls('a'), result('a', big(900)), calls('c'), result('c', big(900)), calls('b'), result('b', big(10)), answer('x')];
    assert.deepEqual(planFor(messages, { state: { trimmed: ['a'] } }), { kind: 'trim', trim: ['c'] });
  });

  it('yields only requests the strict server takes, for 500 generated conversations', () => {
    const next = random(7);
    for (let n = 0; n < 500; n++) {
      const messages = randomConversation(next, 5 + Math.floor(next() * 40));
      let state = emptyContextState();
      // Compact repeatedly as a long conversation would, checking every request on the way.
      for (let round = 0; round < 3; round++) {
        const plan = planFor(messages, { state, target: 500 + Math.floor(next() * 4000), largeResult: Math.floor(next() * 2000) });
        if (plan.kind === 'trim') state = { ...state, trimmed: [...state.trimmed, ...plan.trim] };
        if (plan.kind === 'summary') {
          assert.ok(plan.through > plan.from && isSafeCut(messages, plan.through), `case ${n}: cut at ${plan.through}`);
          state = { ...state, summary: { through: plan.through, text: 'summary' } };
        }
        const view = requestView(messages, state);
        const problem = conversationProblem(toWireMessages(view) as WireMessage[]);
        assert.equal(problem, undefined, `case ${n}, round ${round}: ${problem}`);
        // The latest exchange is always sent as it is.
        const last = messages.length - 1;
        assert.equal(view[view.length - 1], messages[last]);
        assert.ok(keptFrom(messages, state) <= last);
      }
    }
  });
});
