import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../src/agent/events';
import type { HostMessage, TranscriptMessage } from '../../../src/protocol/messages';
import { closeHistory, initialChatState, reduce, toolTarget, type ChatState, type ToolItem } from '../../../src/webview/chatState';

const agent = (event: AgentEvent): TranscriptMessage => ({ type: 'agent', event });
const fold = (messages: HostMessage[], from: ChatState = initialChatState()) => messages.reduce(reduce, from);
const call = (id: string, name: string, args: object): TranscriptMessage => agent({ type: 'tool_call', call: { id, name, arguments: JSON.stringify(args) } });
const tools = (state: ChatState) => state.items.filter((item): item is ToolItem => item.kind === 'tool');

describe('chat state reducer', () => {
  it('joins streamed text deltas into one assistant message', () => {
    const state = fold([
      { type: 'user', id: 'u1', text: 'hi', attachments: [] },
      agent({ type: 'text', delta: 'Hel' }),
      agent({ type: 'text', delta: 'lo' }),
    ]);
    assert.equal(state.items.length, 2);
    const last = state.items[1];
    assert.equal(last.kind, 'assistant');
    assert.equal(last.kind === 'assistant' && last.text, 'Hello');
    assert.equal(last.kind === 'assistant' && last.streaming, true);
  });

  it('holds the queued messages the host reports, and shows a delivered one as the user\'s where it went in', () => {
    const host = { busy: true, setup: initialChatState().setup, attachments: [], mode: 'agent' as const };
    const queued = fold([{ type: 'user', id: 'u1', text: 'fix it', attachments: [] }, agent({ type: 'text', delta: 'On it.' }), { type: 'state', ...host, queued: [{ id: 'q1', text: 'and the tests' }] }]);
    assert.deepEqual(queued.queued, [{ id: 'q1', text: 'and the tests' }]);
    const delivered = fold([{ type: 'state', ...host, queued: [] }, agent({ type: 'steer', text: 'and the tests' }), { type: 'user', id: 'q1', text: 'and the tests', attachments: [], messageIndex: 4 }], queued);
    assert.deepEqual(delivered.queued, []);
    assert.deepEqual(delivered.items.map((item) => item.kind), ['user', 'assistant', 'user']);
    assert.equal(delivered.items[1].kind === 'assistant' && delivered.items[1].streaming, false);
  });

  it('replaces only the message in flight when a delta arrives', () => {
    const before = fold([{ type: 'user', id: 'u1', text: 'hi', attachments: [] }, agent({ type: 'text', delta: 'a' })]);
    const after = reduce(before, agent({ type: 'text', delta: 'b' }));
    assert.equal(after.items[0], before.items[0], 'the user message keeps its identity');
    assert.notEqual(after.items[1], before.items[1]);
  });

  it('starts a new assistant message after a tool call', () => {
    const state = fold([
      agent({ type: 'text', delta: 'Reading.' }),
      call('c1', 'read_file', { path: 'src/a.ts' }),
      agent({ type: 'tool_result', id: 'c1', name: 'read_file', content: '1: x', isError: false }),
      agent({ type: 'text', delta: 'Done.' }),
    ]);
    assert.deepEqual(state.items.map((item) => item.kind), ['assistant', 'tool', 'assistant']);
    assert.equal(state.items[0].kind === 'assistant' && state.items[0].streaming, false);
  });

  it('keeps reasoning apart from the answer', () => {
    const state = fold([agent({ type: 'reasoning', delta: 'think' }), agent({ type: 'text', delta: 'answer' })]);
    assert.equal(state.items.length, 1);
    const item = state.items[0];
    assert.ok(item.kind === 'assistant');
    assert.equal(item.reasoning, 'think');
    assert.equal(item.text, 'answer');
  });

  it('moves a tool card from running to done or failed with its result', () => {
    const state = fold([
      call('c1', 'read_file', { path: 'a.ts' }),
      call('c2', 'search_files', { pattern: 'TODO' }),
      agent({ type: 'tool_result', id: 'c1', name: 'read_file', content: 'ok', isError: false }),
      agent({ type: 'tool_result', id: 'c2', name: 'search_files', content: 'bad regex', isError: true }),
    ]);
    const [first, second] = tools(state);
    assert.equal(first.status, 'done');
    assert.equal(first.target, 'a.ts');
    assert.equal(second.status, 'failed');
    assert.equal(second.result, 'bad regex');
    assert.equal(second.target, 'TODO');
  });

  it('keeps one retry line and updates it for each attempt', () => {
    const state = fold([
      { type: 'user', id: 'u1', text: 'hi', attachments: [] },
      agent({ type: 'retry', attempt: 1, delayMs: 1000, message: 'Could not reach the server.' }),
      agent({ type: 'retry', attempt: 2, delayMs: 2000, message: 'Could not reach the server.' }),
      agent({ type: 'retry', attempt: 3, delayMs: 4000, message: 'Could not reach the server.' }),
    ]);
    const notices = state.items.filter((item) => item.kind === 'notice');
    assert.equal(notices.length, 1);
    assert.equal(notices[0].kind === 'notice' && notices[0].text, 'Could not reach the server. Retrying in 4 s (attempt 3).');
    assert.equal(notices[0].key, state.items[1].key, 'the same line, updated in place');
    const failed = reduce(state, agent({ type: 'error', message: 'Could not reach the server (gave up after 3 retries).' }));
    assert.deepEqual(failed.items.map((item) => item.kind), ['user', 'error'], 'the error replaces the retry line');
    const answered = reduce(state, agent({ type: 'text', delta: 'Hello' }));
    assert.deepEqual(answered.items.map((item) => item.kind), ['user', 'assistant'], 'so does the reply');
  });

  it('shows a proposal the user stopped as stopped, not failed', () => {
    const state = fold([
      call('c1', 'edit_file', { path: 'src/math.js' }),
      { type: 'pending', decision: { toolCallId: 'c1', kind: 'edit', title: 'src/math.js' } },
      { type: 'decided', toolCallId: 'c1', accepted: false, note: 'Stopped' },
      agent({ type: 'tool_result', id: 'c1', name: 'edit_file', content: 'The change to src/math.js was rejected: The user stopped the task before deciding. Nothing was written.', isError: true }),
      agent({ type: 'done', reason: 'cancelled' }),
    ]);
    assert.equal(tools(state)[0].status, 'stopped');
    assert.equal(tools(state)[0].note, 'Stopped');
  });

  it('ends a card still running as failed when the turn ends in an error', () => {
    const running = fold([call('c1', 'run_command', { command: 'npm test' })]);
    assert.equal(tools(reduce(running, agent({ type: 'done', reason: 'error', message: 'boom' })))[0].status, 'failed');
  });

  it('shows a pending edit as waiting, then clears it with the decision', () => {
    const waiting = fold([
      call('c1', 'edit_file', { path: 'src/math.js' }),
      { type: 'pending', decision: { toolCallId: 'c1', kind: 'edit', title: 'src/math.js' } },
    ]);
    assert.equal(tools(waiting)[0].status, 'waiting');
    assert.equal(tools(waiting)[0].pending?.title, 'src/math.js');
    const decided = reduce(waiting, { type: 'decided', toolCallId: 'c1', accepted: false, note: 'Rejected: use tabs' });
    assert.equal(tools(decided)[0].status, 'running');
    assert.equal(tools(decided)[0].pending, undefined);
    assert.equal(tools(decided)[0].note, 'Rejected: use tabs');
  });

  it('shows a call the user rejected as rejected, not failed', () => {
    const rejected = (id: string, note: string) => [
      call(id, 'edit_file', { path: 'src/math.js' }),
      { type: 'pending', decision: { toolCallId: id, kind: 'edit', title: 'src/math.js' } } as HostMessage,
      { type: 'decided', toolCallId: id, accepted: false, note } as HostMessage,
      agent({ type: 'tool_result', id, name: 'edit_file', content: 'The change was rejected.', isError: true }),
    ];
    const state = fold([
      ...rejected('c1', 'Rejected: use tabs'),
      ...rejected('c2', 'Not written: the file changed on disk'),
      call('c3', 'run_command', { command: 'npm test' }),
      agent({ type: 'approval_request', id: 'ap1', toolCallId: 'c3', kind: 'execute', title: 'Run npm test' }),
      agent({ type: 'approval_result', id: 'ap1', approved: false }),
      agent({ type: 'tool_result', id: 'c3', name: 'run_command', content: 'Rejected.', isError: true }),
    ]);
    assert.deepEqual(tools(state).map((tool) => tool.status), ['rejected', 'failed', 'rejected']);
  });

  it('ties an approval result to its card through the approval id', () => {
    const state = fold([
      call('c1', 'run_command', { command: 'npm test' }),
      agent({ type: 'approval_request', id: 'ap1', toolCallId: 'c1', kind: 'execute', title: 'Run npm test' }),
      agent({ type: 'approval_result', id: 'ap1', approved: false, reason: 'not now' }),
    ]);
    const [card] = tools(state);
    assert.equal(card.pending, undefined);
    assert.equal(card.note, 'Rejected: not now');
  });

  it("keeps the host's allow rules on a command card whichever of the two approval messages comes first", () => {
    const question: HostMessage = { type: 'pending', decision: { toolCallId: 'c1', kind: 'execute', title: 'npm test', allowRules: ['npm test'] } };
    const event = agent({ type: 'approval_request', id: 'c1', toolCallId: 'c1', kind: 'execute', title: 'npm test' });
    for (const order of [[question, event], [event, question]]) {
      const state = fold([call('c1', 'run_command', { command: 'npm test' }), ...order]);
      assert.deepEqual(tools(state)[0].pending?.allowRules, ['npm test']);
      assert.equal(tools(state)[0].pending?.approvalId, 'c1');
    }
    const accepted = fold([
      call('c1', 'run_command', { command: 'npm test' }),
      question,
      event,
      agent({ type: 'approval_result', id: 'c1', approved: true, reason: 'always allowed from now on: `npm test`' }),
    ]);
    assert.equal(tools(accepted)[0].note, 'Accepted: always allowed from now on: `npm test`');
  });

  it('shows what a chat started with (rules, skills, problems) as its own item after the user message', () => {
    const state = fold([
      { type: 'user', id: 'u1', text: 'hi', attachments: [] },
      { type: 'projectContext', rules: [{ path: 'AGENTS.md', truncated: true }], skills: ['release'], problems: ['.ouro/rules/x.md is binary'] },
    ]);
    assert.deepEqual(state.items[1], { kind: 'projectContext', key: 'i2', rules: [{ path: 'AGENTS.md', truncated: true }], skills: ['release'], problems: ['.ouro/rules/x.md is binary'] });
  });

  it('makes a card for an approval whose tool call it has not seen', () => {
    const state = fold([{ type: 'pending', decision: { toolCallId: 'c9', kind: 'execute', title: 'Run ls' } }]);
    assert.equal(tools(state).length, 1);
    assert.equal(tools(state)[0].status, 'waiting');
  });

  it('marks cards that never got a result as stopped when the turn is cancelled', () => {
    const state = fold([call('c1', 'run_command', { command: 'sleep 100' }), agent({ type: 'done', reason: 'cancelled' })]);
    assert.equal(tools(state)[0].status, 'stopped');
    assert.equal(state.items[state.items.length - 1].kind, 'notice');
  });

  it('shows what a turn that ended on its own says (the loop guard stopping it), and nothing for a plain end', () => {
    const message = 'Stopped: the model called read_file with the same arguments 4 times in a row.';
    const state = fold([agent({ type: 'text', delta: 'Reading again.' }), agent({ type: 'done', reason: 'stop', message })]);
    assert.deepEqual({ ...state.items.at(-1), key: undefined }, { kind: 'notice', text: message, key: undefined });
    const plain = fold([agent({ type: 'text', delta: 'Done.' }), agent({ type: 'done', reason: 'stop' })]);
    assert.equal(plain.items.at(-1)?.kind, 'assistant');
  });

  it('says an error once when the error event is followed by done', () => {
    const state = fold([
      agent({ type: 'error', message: 'Unauthorized', status: 401 }),
      agent({ type: 'done', reason: 'error', message: 'Unauthorized' }),
    ]);
    assert.equal(state.items.filter((item) => item.kind === 'error').length, 1);
    const error = state.items[0];
    assert.ok(error.kind === 'error');
    assert.equal(error.status, 401);
  });

  it("shows each turn's usage under its reply and keeps the host's totals for the meter", () => {
    const turn = { requests: 2, promptTokens: 150, completionTokens: 15, cachedTokens: 100, cost: 0.0002, unpricedRequests: 0 };
    const state = fold([
      { type: 'user', id: 'u1', text: 'hi', attachments: [] },
      agent({ type: 'usage', usage: { promptTokens: 100, completionTokens: 10 } }),
      agent({ type: 'text', delta: 'Hello' }),
      agent({ type: 'usage', usage: { promptTokens: 50, completionTokens: 5, cachedTokens: 100 } }),
      agent({ type: 'done', reason: 'stop' }),
      { type: 'turnUsage', usage: turn },
      { type: 'meter', usage: turn, lastRequest: { promptTokens: 50, completionTokens: 5, cachedTokens: 100 } },
    ]);
    assert.deepEqual(
      state.items.map((item) => item.kind),
      ['user', 'assistant', 'usage'],
    );
    const usage = state.items[2];
    assert.ok(usage.kind === 'usage');
    assert.deepEqual(usage.usage, turn);
    assert.deepEqual(state.meter, { usage: turn, lastRequest: { promptTokens: 50, completionTokens: 5, cachedTokens: 100 } });
  });

  it('says clearly what a compaction did', () => {
    const state = fold([
      agent({ type: 'compacted', compaction: { kind: 'summary', tokensBefore: 9000, tokensAfter: 2100, window: 10000, trimmedResults: 0, summarisedMessages: 12 } }),
      agent({ type: 'compacted', compaction: { kind: 'trim', tokensBefore: 8500, tokensAfter: 4000, window: 10000, trimmedResults: 1, summarisedMessages: 0 } }),
      { type: 'notice', text: 'Nothing to compact yet.' },
    ]);
    const texts = state.items.map((item) => (item.kind === 'notice' ? item.text : item.kind));
    assert.deepEqual(texts, [
      'Compacted the conversation: 12 earlier messages were replaced by a summary; the next request holds 2,100 tokens instead of 9,000 (window 10,000).',
      'Compacted the conversation: 1 large old tool result was left out (Ouro can read it again); the next request holds 4,000 tokens instead of 8,500 (window 10,000).',
      'Nothing to compact yet.',
    ]);
  });

  it('rebuilds the same chat from a snapshot as from the live messages', () => {
    const transcript: TranscriptMessage[] = [
      { type: 'user', id: 'u1', text: 'fix it', attachments: ['src/a.ts'] },
      agent({ type: 'text', delta: 'On it.' }),
      call('c1', 'edit_file', { path: 'src/a.ts' }),
      agent({ type: 'tool_result', id: 'c1', name: 'edit_file', content: 'applied', isError: false }),
      agent({ type: 'done', reason: 'stop' }),
    ];
    const live = fold(transcript);
    const hostState = { busy: false, setup: { configured: true, provider: 'openai' as const, baseUrl: '', model: 'm', hasApiKey: true }, attachments: [], mode: 'agent' as const };
    const restored = fold([{ type: 'snapshot', transcript, state: hostState }], fold([{ type: 'user', id: 'old', text: 'stale', attachments: [] }]));
    assert.deepEqual(restored.items, live.items);
    assert.equal(restored.setup.model, 'm');
  });

  it('takes busy, setup, the connection test and attachments from a state message', () => {
    const connection = { baseUrl: 'http://x/v1', model: 'm', running: true };
    const state = reduce(initialChatState(), {
      type: 'state',
      busy: true,
      setup: { configured: false, provider: 'openai', baseUrl: '', model: '', hasApiKey: false },
      connection,
      attachments: [{ id: 'a1', label: 'src/a.ts:3-5', path: 'src/a.ts' }],
      mode: 'plan',
    });
    assert.equal(state.mode, 'plan');
    assert.equal(state.busy, true);
    assert.equal(state.setup.configured, false);
    assert.deepEqual(state.connection, connection);
    assert.equal(state.attachments[0].label, 'src/a.ts:3-5');
    const done = reduce(state, { type: 'state', busy: false, setup: state.setup, attachments: [], mode: 'agent' });
    assert.equal(done.connection, undefined);
  });
});

describe('toolTarget', () => {
  const cases: Array<[string, string]> = [
    ['{"path":"src/a.ts","content":"x"}', 'src/a.ts'],
    ['{"pattern":"TODO","path":"src"}', 'src'],
    ['{"pattern":"TODO"}', 'TODO'],
    ['{"command":"npm test"}', 'npm test'],
    ['{"url":"https://example.com/a"}', 'https://example.com/a'],
    ['{"query":"zod discriminated union"}', 'zod discriminated union'],
    ['{}', ''],
    ['not json', ''],
    ['null', ''],
  ];
  for (const [args, expected] of cases) {
    it(`finds "${expected}" in ${args}`, () => assert.equal(toolTarget(args), expected));
  }

  it('opens the history list, replaces it on each search, and closes it on a snapshot or by itself', () => {
    const entry = { id: 'c1', title: 'Fix add', updatedAt: '2025-01-01T10:00:00Z', messageCount: 4, current: true, matches: [] };
    const open = fold([{ type: 'user', id: 'u1', text: 'hi', attachments: [] }, { type: 'history', query: '', entries: [entry] }]);
    assert.deepEqual(open.history, { query: '', entries: [entry] });
    assert.equal(open.items.length, 1, 'the chat stays as it was underneath');
    const searched = reduce(open, { type: 'history', query: 'zebra', entries: [] });
    assert.deepEqual(searched.history, { query: 'zebra', entries: [] });
    assert.equal(closeHistory(searched).history, undefined);
    const closed = initialChatState();
    assert.equal(closeHistory(closed), closed, 'nothing to close: the same state');
    const snapshot = reduce(searched, { type: 'snapshot', transcript: [], state: { busy: false, setup: initialChatState().setup, attachments: [], mode: 'agent' } });
    assert.equal(snapshot.history, undefined);
  });

  it('shows a notice from the host as its own line', () => {
    const state = fold([agent({ type: 'text', delta: 'Half' }), { type: 'notice', text: 'Loaded after an interruption.' }]);
    assert.deepEqual(
      state.items.map((item) => item.kind),
      ['assistant', 'notice'],
    );
    assert.equal(state.items[0].kind === 'assistant' && state.items[0].streaming, false);
  });
});
