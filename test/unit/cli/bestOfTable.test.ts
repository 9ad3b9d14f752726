import { strict as assert } from 'node:assert';
import type { AttemptResult } from '../../../src/agent/worktrees/bestOfN';
import { formatBestOf } from '../../../src/cli/worktrees/bestOfTable';

function attempt(n: number, passed: boolean[], diffLines: number, extra: Partial<AttemptResult> = {}): AttemptResult {
  const checks = passed.map((ok, i) => ({ command: ['npm test', 'npx tsc --noEmit -p tsconfig.build.json'][i], passed: ok, exitCode: ok ? 0 : 1, timedOut: false, output: ok ? 'ok\n' : `lots of output\nAssertionError: ${n} failed\n\n` }));
  return { attempt: n, branch: `ouro/fix${n > 1 ? `-${n}` : ''}`, folder: `/w/fix${n}`, ended: 'stop', tokens: 1000 * n, checks, changedFiles: 1, diffLines, ...extra };
}

describe('the best-of table', () => {
  it('shows each check per attempt, the size, tokens and cost, marks the winner and prints how to apply it and discard the rest', () => {
    const result = { attempts: [attempt(1, [false, true], 3, { cost: 0.0123 }), attempt(2, [true, true], 5, { cost: 0.02 }), attempt(3, [true, false], 2, { ended: 'max_steps' })], winner: 1 };
    assert.equal(
      formatBestOf(result, ['npm test', 'npx tsc --noEmit -p tsconfig.build.json']),
      [
        'attempt        branch      npm test  npx tsc --noEmit -p tsc…  diff lines  files  tokens     cost',
        '1              ouro/fix        FAIL                      pass           3      1   1,000  $0.0123',
        '2 *            ouro/fix-2      pass                      pass           5      1   2,000  $0.0200',
        '3 (max_steps)  ouro/fix-3      pass                      FAIL           2      1   3,000        -',
        '',
        'Failed checks (--json has their output):',
        '- attempt 1, npm test: exited 1: AssertionError: 1 failed',
        '- attempt 3, npx tsc --noEmit -p tsconfig.build.json: exited 1: AssertionError: 3 failed',
        '',
        'Winner: attempt 2 (2 of 2 checks passed, 5 lines changed): /w/fix2',
        'Apply it:            ouro sessions apply ouro/fix-2',
        'Discard the others:  ouro sessions discard ouro/fix ouro/fix-3',
      ].join('\n'),
    );
  });

  it('adds a model column when the attempts took different models', () => {
    const result = { attempts: [attempt(1, [true], 3, { model: 'small' }), attempt(2, [true], 2, { model: 'large' })], winner: 1 };
    const [header, first, second] = formatBestOf(result, ['npm test']).split('\n');
    assert.equal(header, 'attempt  branch      model  npm test  diff lines  files  tokens');
    assert.equal(first, '1        ouro/fix    small      pass           3      1   1,000');
    assert.equal(second, '2 *      ouro/fix-2  large      pass           2      1   2,000');
  });
});
