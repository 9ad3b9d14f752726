// ask_user in the chat: the question waits on PendingDecisions like an approval, and only an
// answer message resolves it.
import assert from 'node:assert/strict';
import type { TranscriptMessage } from '../../../src/protocol/messages';
import { parseWebviewMessage } from '../../../src/protocol/validate';
import { questionAsker } from '../../../src/host/chat/chatTools';
import { PendingDecisions } from '../../../src/host/chat/decisions';

describe('questions in the chat', () => {
  it('shows the question with its options, and gives back the answer', async () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((message) => posted.push(message));
    const answer = questionAsker(decisions).ask({ question: 'Which database?', options: ['sqlite', 'postgres'] }, 'q1', new AbortController().signal);
    assert.deepEqual(posted, [{ type: 'pending', decision: { toolCallId: 'q1', kind: 'question', title: 'Which database?', options: ['sqlite', 'postgres'] } }]);
    assert.equal(decisions.answer('q1', 'postgres'), true);
    assert.deepEqual(await answer, { answered: true, text: 'postgres' });
    assert.deepEqual(posted[1], { type: 'decided', toolCallId: 'q1', accepted: true, note: 'Answered: postgres' });
  });

  it('an answer never accepts an edit or an approval, and Accept never answers a question', async () => {
    const decisions = new PendingDecisions(() => {});
    const edit = decisions.wait({ toolCallId: 'e1', kind: 'edit', title: 'src/a.ts' });
    assert.equal(decisions.answer('e1', 'yes'), false);
    assert.equal(decisions.has('e1'), true);
    decisions.decide('e1', { accepted: false });
    await edit;

    const answer = questionAsker(decisions).ask({ question: 'Why?' }, 'q1', new AbortController().signal);
    decisions.decide('q1', { accepted: true });
    assert.deepEqual(await answer, { answered: false, reason: 'The user did not answer.' });
  });

  it('Stop ends the wait, and New Chat too', async () => {
    const decisions = new PendingDecisions(() => {});
    const controller = new AbortController();
    const stopped = questionAsker(decisions).ask({ question: 'Why?' }, 'q1', controller.signal);
    controller.abort();
    assert.deepEqual(await stopped, { answered: false, reason: 'The user stopped the task before answering.' });
    const dropped = questionAsker(decisions).ask({ question: 'Why?' }, 'q2', new AbortController().signal);
    decisions.rejectAll('The user started a new chat.');
    assert.deepEqual(await dropped, { answered: false, reason: 'The user started a new chat.' });
  });

  it('the webview\'s answer message is validated: an id and a non-empty text', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'answer', toolCallId: 'q1', text: ' postgres ' }), { ok: true, message: { type: 'answer', toolCallId: 'q1', text: 'postgres' } });
    assert.equal(parseWebviewMessage({ type: 'answer', toolCallId: 'q1', text: '   ' }).ok, false);
    assert.equal(parseWebviewMessage({ type: 'answer', text: 'x' }).ok, false);
  });
});
