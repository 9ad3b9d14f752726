// Try N ways in the chat: the card folded from the run's events (progress, checks, score, winner),
// its table as drawn (a failing check's output in place, the winner starred, Review and Apply on
// each row, "Discard the others" once it is over), the host's copy replaced in place, and `/try N`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { attemptVariant, type AttemptResult, type BestOfNEvent } from '../../../src/agent/worktrees/bestOfN';
import { Transcript } from '../../../src/host/chat/transcript';
import { menuNote, parseTry } from '../../../src/host/chat/composerMenu';
import { repositoryOf } from '../../../src/agent/worktrees/git';
import { chosenAttempt, failCard, finishCard, foldEvent, interrupted, newCard, withAttempt } from '../../../src/host/sessions/tryCardState';
import type { TranscriptMessage } from '../../../src/protocol/messages';
import type { TryCardView } from '../../../src/protocol/tryCard';
import { initialChatState, reduce } from '../../../src/webview/chatState';
import { renderTryCard } from '../../../src/webview/view/tryCard';

function scored(attempt: number, passed: boolean): AttemptResult {
  return {
    attempt,
    branch: `ouro/fix-${attempt}`,
    folder: `/w/fix-${attempt}`,
    ended: 'stop',
    tokens: 1000 * attempt,
    checks: [{ command: 'npm test', passed, exitCode: passed ? 0 : 1, timedOut: false, output: passed ? 'ok' : 'not ok 1 - sum\nexpected 6, got 5' }],
    changedFiles: 1,
    diffLines: 2 * attempt,
    added: attempt,
    removed: attempt,
  };
}

function runOf(...results: AttemptResult[]): BestOfNEvent[] {
  return results.flatMap((result): BestOfNEvent[] => [
    { type: 'attempt_started', attempt: result.attempt, of: 2, branch: result.branch, folder: result.folder },
    { type: 'attempt_ended', attempt: result.attempt, run: { ended: 'stop', tokens: result.tokens } },
    { type: 'check_ended', attempt: result.attempt, check: result.checks[0] },
    { type: 'attempt_scored', result },
  ]);
}

function drawn(card: TryCardView): HTMLElement {
  const previous = globalThis.document;
  globalThis.document = parseHTML('<!DOCTYPE html><html><body></body></html>').document as unknown as Document;
  try {
    return renderTryCard(card);
  } finally {
    globalThis.document = previous;
  }
}

describe('Try N ways in the chat', () => {
  const start = newCard('c1', 'fix the sum', 2, ['npm test'], 'package.json');

  it('shows which attempt runs or is checked, then the scores and the winner', () => {
    const events = runOf(scored(1, false), scored(2, true));
    let card = foldEvent(start, events[0]);
    assert.match(drawn(card).querySelector('.try-status')!.textContent!, /Attempt 1 of 2: running/);
    card = foldEvent(card, events[1]);
    assert.match(drawn(card).querySelector('.try-status')!.textContent!, /Attempt 1 of 2: checking \(0 of 1\)/);
    assert.deepEqual(card.attempts.map((row) => row.state), ['checking', 'waiting']);
    card = events.slice(2).reduce(foldEvent, card);
    card = finishCard(card, { attempts: [scored(1, false), scored(2, true)], winner: 1 }, false);
    assert.equal(card.state, 'done');
    assert.equal(card.winner, 2);
    assert.deepEqual(card.attempts.map((row) => [row.state, row.tokens, row.added, row.removed]), [['scored', 1000, 1, 1], ['scored', 2000, 2, 2]]);

    const element = drawn(card);
    assert.match(element.querySelector('.try-status')!.textContent!, /Attempt 2 wins: 1 of 1 checks passed, 4 lines changed/);
    const [first, second] = [...element.querySelectorAll('tbody.try-attempt')];
    assert.equal(second.querySelector('.try-star')!.getAttribute('aria-label'), 'winner');
    assert.equal(first.querySelector('.try-star')!.getAttribute('aria-label'), null);
    assert.equal(first.querySelector('.try-check')!.getAttribute('title'), 'npm test: failed');
    // The failure's evidence is in the card, folded, one click away.
    const output = first.querySelector('details.try-output')!;
    assert.equal(output.querySelector('summary')!.textContent, 'npm test failed (exit 1)');
    assert.equal(output.querySelector('pre')!.textContent, 'not ok 1 - sum\nexpected 6, got 5');
    assert.equal(second.querySelector('details.try-output'), null);
    assert.deepEqual([...second.querySelectorAll<HTMLButtonElement>('button.try-action')].map((button) => [button.dataset.tryAction, button.dataset.attempt]), [['review', '2'], ['apply', '2']]);
    assert.match(element.querySelector('.try-footer button')!.textContent!, /Discard the other \(1\)/);
    assert.equal(element.querySelector('[data-try-action="stop"]'), null);
  });

  it('gives each attempt its model in turn and a temperature after the first, as ouro.tryWays asks, and names them in the table', () => {
    assert.deepEqual([1, 2, 3].map((attempt) => attemptVariant(attempt, {})), [{}, {}, {}]);
    assert.deepEqual([1, 2, 3].map((attempt) => attemptVariant(attempt, { temperature: 0.9 })), [{}, { temperature: 0.9 }, { temperature: 0.9 }]);
    assert.deepEqual(
      [1, 2, 3].map((attempt) => attemptVariant(attempt, { models: ['small', 'large'], temperature: 0 })),
      [{ model: 'small' }, { model: 'large', temperature: 0 }, { model: 'small', temperature: 0 }],
    );
    let card = foldEvent(start, { type: 'attempt_ended', attempt: 1, run: { ended: 'stop', tokens: 10 } });
    card = foldEvent(card, { type: 'attempt_ended', attempt: 2, run: { ended: 'stop', tokens: 10, ...attemptVariant(2, { models: ['small', 'large'], temperature: 0.9 }) } });
    const [first, second] = [...drawn(card).querySelectorAll('tbody.try-attempt')];
    assert.equal(first.querySelector('.try-variant'), null);
    assert.equal(second.querySelector('.try-variant')!.textContent, 'Ran with large, temperature 0.9');
  });

  it('offers Stop and no Apply while it runs', () => {
    const card = runOf(scored(1, true)).reduce(foldEvent, start);
    const element = drawn(card);
    assert.ok(element.querySelector('[data-try-action="stop"]'));
    assert.equal(element.querySelector<HTMLButtonElement>('[data-try-action="apply"]')!.disabled, true);
    assert.equal(element.querySelector('.try-footer'), null);
  });

  it('chooses the applied attempt over the winner, and drops the others once discarded', () => {
    let card = finishCard(runOf(scored(1, false), scored(2, true)).reduce(foldEvent, start), { attempts: [scored(1, false), scored(2, true)], winner: 1 }, false);
    assert.equal(chosenAttempt(card), 2);
    card = withAttempt(card, 1, (row) => ({ ...row, applied: true }));
    assert.equal(chosenAttempt(card), 1);
    card = { ...withAttempt(card, 2, (row) => ({ ...row, state: 'discarded' })), othersDiscarded: true };
    const element = drawn(card);
    assert.equal(element.querySelector('.try-footer'), null);
    assert.match(element.querySelector('.try-applied')!.textContent!, /Applied/);
    assert.equal(element.querySelectorAll('tbody.try-attempt')[1].querySelector('button.try-action'), null);
  });

  it('comes back stopped after a reload that cut its run, and says why a run failed', () => {
    const cut = interrupted(runOf(scored(1, true)).reduce(foldEvent, start));
    assert.equal(cut.state, 'stopped');
    assert.match(cut.problem!, /reloaded/);
    assert.deepEqual(cut.attempts.map((row) => row.attempt), [1]);
    const failed = failCard(start, 'the model is not set');
    assert.match(drawn(failed).querySelector('.try-status')!.textContent!, /Failed: the model is not set/);
  });

  it('is replaced where it is, in the host and in the view', () => {
    const forwarded: TranscriptMessage[] = [];
    const transcript = new Transcript((message) => forwarded.push(message));
    transcript.add({ type: 'tryCard', card: start });
    transcript.add({ type: 'notice', text: 'later' });
    const next = foldEvent(start, runOf(scored(1, true))[0]);
    transcript.add({ type: 'tryCard', card: next });
    assert.deepEqual(transcript.all().map((message) => message.type), ['tryCard', 'notice']);
    assert.equal(forwarded.length, 3);
    const state = forwarded.reduce(reduce, initialChatState());
    assert.deepEqual(state.items.map((item) => item.kind), ['tryCard', 'notice']);
    assert.equal(state.items[0].kind === 'tryCard' && state.items[0].card.attempts[0].state, 'running');
  });

  it('says in a few words under the menu why Try cannot run in a folder that is not a repository', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ouro-no-repo-'));
    try {
      const reason = await repositoryOf(folder).then(() => 'a repository', (error: Error) => error.message);
      assert.equal(menuNote(reason), 'Worktrees need this workspace to be a git repository with a first commit.');
      assert.equal(menuNote('something else went wrong'), 'something else went wrong');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads /try N and the words, N from 2 to 5', () => {
    assert.deepEqual(parseTry('3 fix the sum'), { attempts: 3, text: 'fix the sum' });
    assert.deepEqual(parseTry(' 2  fix\nit '), { attempts: 2, text: 'fix\nit' });
    for (const wrong of ['fix it', '1 fix it', '6 fix it', '3', '']) assert.match((parseTry(wrong) as { problem: string }).problem, /N from 2 to 5/);
  });
});
