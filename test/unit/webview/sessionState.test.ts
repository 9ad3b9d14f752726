// The chat view's session list, without a DOM: the rows the host sends, the session shown in the
// chat's place (its conversation folded by the chat's reducer, live), busy while its row says it
// works, back to the chat when it is discarded, and the one-line summary with the chat counted.
import assert from 'node:assert/strict';
import type { SessionRowView, TranscriptMessage } from '../../../src/protocol/messages';
import { initialChatState, reduce, type ChatState } from '../../../src/webview/chatState';
import { chatStateText, initialSessionsState, isSessionMessage, reduceSessions, sessionsSummary, shownChat } from '../../../src/webview/sessionState';

const row = (branch: string, state: SessionRowView['state']): SessionRowView => ({ branch, title: branch.slice(5), state, description: `${state} · 5s · 1 file`, tooltip: branch });
const user = (text: string): TranscriptMessage => ({ type: 'user', id: text, text, attachments: [] });

describe('The session list state', () => {
  it('shows a session in the chat\'s place, live, while the chat goes on unchanged', () => {
    let sessions = reduceSessions(initialSessionsState(), { type: 'sessions', rows: [row('ouro/a', 'running'), row('ouro/b', 'done')] });
    sessions = { ...sessions, open: true };
    sessions = reduceSessions(sessions, { type: 'sessionView', branch: 'ouro/a', transcript: [user('fix it'), { type: 'agent', event: { type: 'text', delta: 'On ' } }] });
    assert.equal(sessions.open, false, 'picking a session closes the list');
    sessions = reduceSessions(sessions, { type: 'sessionMessage', branch: 'ouro/a', message: { type: 'agent', event: { type: 'text', delta: 'it.' } } });
    sessions = reduceSessions(sessions, { type: 'sessionMessage', branch: 'ouro/b', message: user('not shown') });
    const chat: ChatState = reduce(initialChatState(), user('the chat\'s own'));
    const shown = shownChat(chat, sessions);
    assert.deepEqual(
      shown.items.map((item) => (item.kind === 'user' || item.kind === 'assistant' ? item.text : item.kind)),
      ['fix it', 'On it.'],
    );
    assert.equal(shown.busy, true, 'a running session shows Stop in the composer');
    assert.equal(shownChat(chat, reduceSessions(sessions, { type: 'sessions', rows: [row('ouro/a', 'done'), row('ouro/b', 'done')] })).busy, false);
    assert.equal(shownChat(chat, { ...sessions, viewing: undefined }), chat, 'without a session shown, the chat is shown as it is');
  });

  it('goes back to the chat when the shown session is discarded, not while a session just started is not listed yet', () => {
    let sessions = reduceSessions(initialSessionsState(), { type: 'sessionView', branch: 'ouro/a', transcript: [] });
    sessions = reduceSessions(sessions, { type: 'sessions', rows: [row('ouro/b', 'done')] });
    assert.equal(sessions.viewing?.branch, 'ouro/a');
    sessions = reduceSessions(sessions, { type: 'sessions', rows: [row('ouro/a', 'stopped')] });
    assert.equal(sessions.viewing?.branch, 'ouro/a');
    sessions = reduceSessions(sessions, { type: 'sessions', rows: [] });
    assert.equal(sessions.viewing, undefined);
  });

  it('sums the sessions up in one line, the chat counted', () => {
    const idle = initialChatState();
    assert.equal(sessionsSummary([row('ouro/a', 'done')], idle), '2 sessions');
    assert.equal(sessionsSummary([row('ouro/a', 'waiting'), row('ouro/b', 'running')], { ...idle, busy: true }), '3 sessions · 2 running · 1 waiting');
    const waitingChat = reduce({ ...idle, busy: true }, { type: 'pending', decision: { toolCallId: 't1', kind: 'execute', title: 'npm test' } });
    assert.equal(chatStateText(waitingChat), 'waiting for you');
    assert.equal(sessionsSummary([], waitingChat), '1 session · 1 waiting');
  });

  it('tells the list\'s messages from the chat\'s', () => {
    assert.equal(isSessionMessage({ type: 'sessions', rows: [] }), true);
    assert.equal(isSessionMessage(user('hi')), false);
  });
});
