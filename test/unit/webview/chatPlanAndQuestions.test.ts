// The chat state for plans (pinned, rebuilt from the transcript) and ask_user's questions.
import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../src/agent/events';
import type { HostMessage, TranscriptMessage } from '../../../src/protocol/messages';
import { initialChatState, reduce, type ChatState, type ToolItem } from '../../../src/webview/chatState';

const agent = (event: AgentEvent): TranscriptMessage => ({ type: 'agent', event });
const fold = (messages: HostMessage[], from: ChatState = initialChatState()) => messages.reduce(reduce, from);
const call = (id: string, name: string, args: object): TranscriptMessage => agent({ type: 'tool_call', call: { id, name, arguments: JSON.stringify(args) } });
const result = (id: string, name: string, isError = false): TranscriptMessage => agent({ type: 'tool_result', id, name, content: isError ? 'Invalid arguments' : 'Plan saved.', isError });
const items = (...statuses: string[]) => statuses.map((status, i) => ({ text: `step ${i + 1}`, status }));
const state = { busy: false, setup: initialChatState().setup, attachments: [], mode: 'agent' as const };

describe('chat state: the plan', () => {
  const transcript: TranscriptMessage[] = [
    call('p1', 'plan', { items: items('in_progress', 'pending', 'pending') }),
    result('p1', 'plan'),
    call('p2', 'plan', { items: items('done', 'done', 'done') }),
    result('p2', 'plan'),
  ];

  it('is the latest plan the tool accepted, and shows its progress on the card', () => {
    const first = fold(transcript.slice(0, 2));
    assert.deepEqual(first.plan, items('in_progress', 'pending', 'pending'));
    assert.equal((first.items[0] as ToolItem).target, '0/3 done');
    const last = fold(transcript);
    assert.deepEqual(last.plan, items('done', 'done', 'done'));
    // A call the tool refused leaves the plan as it was.
    const refused = fold([call('p3', 'plan', { items: items('pending') }), result('p3', 'plan', true)], last);
    assert.equal(refused.plan, last.plan);
  });

  it('is rebuilt from the transcript when the webview reloads, and gone in a new chat', () => {
    const reloaded = reduce(initialChatState(), { type: 'snapshot', transcript, state });
    assert.deepEqual(reloaded.plan, items('done', 'done', 'done'));
    assert.equal(reduce(reloaded, { type: 'snapshot', transcript: [], state }).plan, undefined);
  });

  it('shows the loop\'s reminder as a notice', () => {
    const reminded = fold([agent({ type: 'reminder', text: '1 plan item is still open: step 3.' })]);
    assert.deepEqual(reminded.items.map((item) => item.kind === 'notice' && item.text), ['Reminded Ouro: 1 plan item is still open: step 3.']);
  });
});

describe('chat state: ask_user', () => {
  it('puts the question and its options on the call\'s card, then the answer', () => {
    const asked = fold([
      call('q1', 'ask_user', { question: 'Which database?', options: ['sqlite', 'postgres'] }),
      { type: 'pending', decision: { toolCallId: 'q1', kind: 'question', title: 'Which database?', options: ['sqlite', 'postgres'] } },
    ]);
    const card = asked.items[0] as ToolItem;
    assert.equal(card.target, 'Which database?');
    assert.equal(card.status, 'waiting');
    assert.deepEqual(card.pending?.options, ['sqlite', 'postgres']);
    const answered = fold([{ type: 'decided', toolCallId: 'q1', accepted: true, note: 'Answered: postgres' }, agent({ type: 'tool_result', id: 'q1', name: 'ask_user', content: 'The user answered: postgres', isError: false })], asked);
    const done = answered.items[0] as ToolItem;
    assert.deepEqual([done.status, done.note, done.pending], ['done', 'Answered: postgres', undefined]);
  });
});
