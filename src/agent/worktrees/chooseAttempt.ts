// Which of several attempts at one task wins: the one that passes the most of the project's
// checks, then the smallest change. An attempt that changed nothing, or whose agent did not
// finish, never wins over one that did and changed something. Pure.

export interface Contender {
  /** The agent ended normally (it said it was done). */
  finished: boolean;
  checksPassed: number;
  /** Lines added plus removed. */
  diffLines: number;
  tokens: number;
}

/** The index of the winner, or undefined when there is no attempt. */
export function chooseAttempt(contenders: readonly Contender[]): number | undefined {
  let best: number | undefined;
  contenders.forEach((contender, index) => {
    if (best === undefined || better(contender, contenders[best])) best = index;
  });
  return best;
}

function better(a: Contender, b: Contender): boolean {
  const ranks = (x: Contender) => [x.finished && x.diffLines > 0 ? 1 : 0, x.checksPassed, -x.diffLines, -x.tokens];
  const [ra, rb] = [ranks(a), ranks(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] > rb[i];
  return false;
}
