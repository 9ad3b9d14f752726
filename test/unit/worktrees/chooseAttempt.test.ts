import { strict as assert } from 'node:assert';
import { chooseAttempt, type Contender } from '../../../src/agent/worktrees/chooseAttempt';

const c = (checksPassed: number, diffLines: number, extra: Partial<Contender> = {}): Contender => ({ finished: true, checksPassed, diffLines, tokens: 100, ...extra });

describe('choosing the best attempt', () => {
  const cases: Array<[string, Contender[], number | undefined]> = [
    ['none: no winner', [], undefined],
    ['the most checks passed wins over a smaller diff', [c(1, 2), c(2, 40)], 1],
    ['with the same checks passed, the smallest diff wins', [c(2, 9), c(2, 3), c(2, 5)], 1],
    ['then the fewest tokens', [c(1, 3, { tokens: 500 }), c(1, 3, { tokens: 200 })], 1],
    ['a tie keeps the earlier attempt', [c(1, 3), c(1, 3)], 0],
    ['an attempt that changed nothing does not win, although the old tests still pass', [c(2, 0), c(1, 4)], 1],
    ['nor one whose agent did not finish', [c(2, 4, { finished: false }), c(1, 6)], 1],
    ['but among only such attempts, one still wins', [c(0, 0), c(1, 0)], 1],
  ];
  for (const [name, contenders, winner] of cases) it(name, () => assert.equal(chooseAttempt(contenders), winner));
});
