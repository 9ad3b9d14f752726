import assert from 'node:assert/strict';
import type { TranscriptMessage } from '../../../src/protocol/messages';
import { PendingDecisions, STOPPED_REASON } from '../../../src/host/chat/decisions';

const edit = (toolCallId: string) => ({ toolCallId, kind: 'edit' as const, title: `src/${toolCallId}.ts` });

describe('PendingDecisions', () => {
  it('shows the question in the chat and resolves it with the user decision', async () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((message) => posted.push(message));
    const waiting = decisions.wait(edit('c1'));
    assert.deepEqual(posted, [{ type: 'pending', decision: edit('c1') }]);
    assert.equal(decisions.has('c1'), true);
    assert.equal(decisions.decide('c1', { accepted: false, reason: 'use tabs' }), true);
    assert.deepEqual(await waiting, { accepted: false, reason: 'use tabs' });
    assert.equal(decisions.has('c1'), false);
  });

  it('answers false for a decision nothing waits for (a second click, a stale card)', async () => {
    const decisions = new PendingDecisions(() => {});
    assert.equal(decisions.decide('nope', { accepted: true }), false);
    const waiting = decisions.wait(edit('c1'));
    decisions.decide('c1', { accepted: true });
    assert.equal(decisions.decide('c1', { accepted: false }), false);
    assert.deepEqual(await waiting, { accepted: true });
  });

  it("keeps a choice made on an edit's card while its review was still opening, for that review only", async () => {
    const decisions = new PendingDecisions(() => {});
    const request = (id: string) => ({ type: 'agent' as const, event: { type: 'approval_request' as const, id, toolCallId: id, kind: 'edit' as const, title: `src/${id}.ts` } });
    decisions.observe(request('c1'));
    decisions.observe(request('c2'));
    decisions.observe(request('c3'));
    assert.equal(decisions.choose('c1', undefined), true);
    assert.equal(decisions.choose('c2', 'always'), false, 'an edit offers no choices');
    assert.equal(decisions.decide('c2', { accepted: false, reason: 'no' }), true);
    assert.deepEqual(await decisions.wait(edit('c1')), { accepted: true });
    assert.deepEqual(await decisions.wait(edit('c2')), { accepted: false, reason: 'no' });
    // A card whose edit ended (auto-approved, or decided) keeps nothing for later.
    decisions.observe({ type: 'agent', event: { type: 'approval_result', id: 'c3', approved: true } });
    assert.equal(decisions.choose('c3', undefined), false);
    assert.equal(decisions.choose('c4', undefined), false, 'a card the chat never showed');
    const waiting = decisions.wait(edit('c3'));
    assert.equal(decisions.has('c3'), true);
    decisions.decide('c3', { accepted: true });
    assert.deepEqual(await waiting, { accepted: true });
  });

  it('tells what waits on a call, and shows it again on request', () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((message) => posted.push(message));
    void decisions.wait(edit('c1'));
    assert.deepEqual(decisions.get('c1'), edit('c1'));
    assert.equal(decisions.get('c2'), undefined);
    decisions.remind('c1');
    decisions.remind('c2');
    assert.deepEqual(posted, [{ type: 'pending', decision: edit('c1') }, { type: 'pending', decision: edit('c1') }]);
    decisions.decide('c1', { accepted: true });
    assert.equal(decisions.get('c1'), undefined);
  });

  it('ends the wait as a refusal when the turn is stopped', async () => {
    const decisions = new PendingDecisions(() => {});
    const controller = new AbortController();
    const waiting = decisions.wait(edit('c1'), controller.signal);
    controller.abort();
    assert.deepEqual(await waiting, { accepted: false, reason: STOPPED_REASON });
    assert.equal(decisions.has('c1'), false);
  });

  it('refuses at once when the signal was already aborted', async () => {
    const decisions = new PendingDecisions(() => {});
    assert.equal((await decisions.wait(edit('c1'), AbortSignal.abort())).accepted, false);
  });

  it('finds the latest pending edit for commands run without a target', () => {
    const decisions = new PendingDecisions(() => {});
    void decisions.wait(edit('c1'));
    void decisions.wait({ toolCallId: 'c2', kind: 'execute', title: 'npm test' });
    void decisions.wait(edit('c3'));
    assert.equal(decisions.latest('edit')?.toolCallId, 'c3');
    assert.equal(decisions.latest()?.toolCallId, 'c3');
    assert.equal(decisions.latest('execute')?.toolCallId, 'c2');
    decisions.rejectAll('new chat');
    assert.equal(decisions.latest(), undefined);
  });

  it('refuses everything still waiting on rejectAll, with the reason', async () => {
    const decisions = new PendingDecisions(() => {});
    const first = decisions.wait(edit('c1'));
    const second = decisions.wait(edit('c2'));
    decisions.rejectAll('The user started a new chat.');
    assert.deepEqual(await Promise.all([first, second]), [
      { accepted: false, reason: 'The user started a new chat.' },
      { accepted: false, reason: 'The user started a new chat.' },
    ]);
  });

  it('announces how a decision ended', () => {
    const posted: TranscriptMessage[] = [];
    new PendingDecisions((message) => posted.push(message)).announce('c1', true, 'Accepted with your changes');
    assert.deepEqual(posted, [{ type: 'decided', toolCallId: 'c1', accepted: true, note: 'Accepted with your changes' }]);
  });

  it('approves with a choice only when it was offered, and needs one when there are choices', async () => {
    const decisions = new PendingDecisions(() => {});
    const choices = [{ id: 'keep', label: 'Keep these and run' }, { id: 'without', label: 'Run without them' }];
    const waiting = decisions.wait({ toolCallId: 'r1', kind: 'execute', title: 'Run npm test?', choices });
    assert.equal(decisions.choose('r1', 'delete-everything'), false);
    assert.equal(decisions.choose('r1', undefined), false);
    assert.equal(decisions.has('r1'), true);
    assert.equal(decisions.choose('r1', 'without'), true);
    assert.deepEqual(await waiting, { accepted: true, choice: 'without' });

    const plain = decisions.wait({ toolCallId: 'r2', kind: 'execute', title: 'Run ls?' });
    assert.equal(decisions.choose('r2', 'keep'), false, 'no choice where none was offered');
    assert.equal(decisions.choose('r2', undefined), true);
    assert.deepEqual(await plain, { accepted: true });
  });
});
