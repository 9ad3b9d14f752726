// The "Try N Ways" table as Markdown: a row per attempt with each check, the winner starred, a
// FAIL that links to its output below, and text from the checks that cannot break the table or
// its code fences.
import { strict as assert } from 'node:assert';
import type { AttemptResult, BestOfNResult } from '../../../src/agent/worktrees/bestOfN';
import { bestOfMarkdown } from '../../../src/host/sessions/bestOfMarkdown';

function attempt(n: number, passed: boolean, more: Partial<AttemptResult> = {}): AttemptResult {
  return {
    attempt: n,
    branch: `ouro/fix-${n}`,
    folder: `/worktrees/fix-${n}`,
    ended: 'stop',
    tokens: 1200 * n,
    checks: [{ command: 'npm test', passed, exitCode: passed ? 0 : 1, timedOut: false, output: passed ? 'ok' : 'not ok 1 - sum adds every number\n```\nexpected 6 | got 5' }],
    changedFiles: 1,
    diffLines: 2 * n,
    ...more,
  };
}

describe('The Try N Ways table', () => {
  it('stars the winner and links each failing check to its output', () => {
    const result: BestOfNResult = { attempts: [attempt(1, false), attempt(2, true, { cost: 0.0123 })], winner: 1 };
    const text = bestOfMarkdown('fix the sum', result, ['npm test'], 'package.json');
    const lines = text.split('\n');
    assert.equal(lines[0], '# Try 2 ways: fix the sum');
    assert.equal(lines[2], 'Checks (from package.json): `npm test`.');
    assert.equal(lines[4], '|  | attempt | branch | `npm test` | diff lines | files | tokens | cost |');
    assert.equal(lines[6], '|  | 1 | `ouro/fix-1` | [**FAIL**](#attempt-1-check-1) | 2 | 1 | 1,200 | – |');
    assert.equal(lines[7], '| ★ | 2 | `ouro/fix-2` | pass | 4 | 1 | 2,400 | $0.0123 |');
    assert.match(text, /\*\*Winner: attempt 2\*\* \(1 of 1 checks passed, 4 lines changed\)/);
    // The output's own ``` cannot close the fence around it.
    assert.match(text, /<a id="attempt-1-check-1"><\/a>\n### Attempt 1: `npm test` exited 1\n\n````text\nnot ok 1 - sum adds every number\n```\nexpected 6 \| got 5\n````\n/);
  });

  it('says how an attempt ended when it did not finish, and that the smallest change wins without checks', () => {
    const result: BestOfNResult = { attempts: [attempt(1, true, { ended: 'max_steps', checks: [] }), attempt(2, true, { checks: [], error: undefined })], winner: 1 };
    const text = bestOfMarkdown('x | y', result, []);
    assert.match(text, /No checks were found .*the smallest change wins\./);
    assert.match(text, /\| {2}\| 1 \(max_steps\) \| `ouro\/fix-1` \| 2 \| 1 \| 1,200 \|/);
    assert.doesNotMatch(text, /Failing checks/);
  });
});
