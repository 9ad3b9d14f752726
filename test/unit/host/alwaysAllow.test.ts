import assert from 'node:assert/strict';
import { alwaysAllowedNote, refusedAllowRules, withAllowRules } from '../../../src/host/terminal/alwaysAllow';
import { approverFor } from '../../../src/host/chat/chatTools';
import { PendingDecisions } from '../../../src/host/chat/decisions';
import type { PendingDecision, TranscriptMessage } from '../../../src/protocol/messages';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Asks as run_command does and returns what the card was shown, leaving the wait open. */
async function askAbout(command: string | undefined, decisions: PendingDecisions, posted: TranscriptMessage[]): Promise<PendingDecision> {
  void approverFor(decisions, 'call_1').approve({ kind: 'execute', title: command ?? 'tool', ...(command !== undefined ? { command } : {}) }, new AbortController().signal);
  await until(() => decisions.has('call_1'));
  const shown = posted.find((message) => message.type === 'pending');
  assert.ok(shown && shown.type === 'pending');
  return shown.decision;
}

describe('Always allow on a command card', () => {
  it('offers the allow rules suggested for the command line', async () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((message) => posted.push(message));
    assert.deepEqual((await askAbout('npm test -- --grep parser', decisions, posted)).allowRules, ['npm test']);
    assert.deepEqual(decisions.get('call_1')?.allowRules, ['npm test']);
  });

  it('offers one rule per chained command, and the exact script for node -e', async () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((message) => posted.push(message));
    assert.deepEqual((await askAbout('git status && node -e "process.exit(3)"', decisions, posted)).allowRules, ['git status', "node -e 'process.exit(3)'"]);
  });

  it('offers nothing for a line no rule can allow, nor for an approval without a command', async () => {
    for (const command of ['git show > ~/.ssh/authorized_keys', 'echo $(cat secret)', undefined]) {
      const posted: TranscriptMessage[] = [];
      const decisions = new PendingDecisions((message) => posted.push(message));
      const shown = await askAbout(command, decisions, posted);
      assert.equal('allowRules' in shown, false, `offered rules for ${command}`);
    }
  });

  it('accepts only rules the host offered for that very call', () => {
    const pending: PendingDecision = { toolCallId: 'c1', kind: 'execute', title: 'npm test', allowRules: ['npm test', 'git status'] };
    assert.equal(refusedAllowRules(pending, ['npm test']), undefined);
    assert.equal(refusedAllowRules(pending, ['git status', 'npm test']), undefined);
    assert.match(refusedAllowRules(pending, ['npm test', 'rm -rf']) ?? '', /not offered for that call: rm -rf/);
    assert.match(refusedAllowRules(pending, ['npm']) ?? '', /not offered/);
    assert.match(refusedAllowRules({ ...pending, allowRules: undefined }, ['npm test']) ?? '', /no allow rule was offered/);
    assert.match(refusedAllowRules(undefined, ['npm test']) ?? '', /nothing is waiting/);
  });

  it('adds new rules after the existing ones, each once', () => {
    assert.deepEqual(withAllowRules(['git status', 'npm test'], ['npm test', 'npm run build', 'npm run build']), ['git status', 'npm test', 'npm run build']);
    assert.deepEqual(withAllowRules([], ['npm test']), ['npm test']);
  });

  it('says on the card which rules were added', () => {
    assert.equal(alwaysAllowedNote(['npm test', 'git status']), 'always allowed from now on: `npm test`, `git status`');
  });
});
