// The mined suite's README: what the folder is, how to run it, and a table of the tasks with the
// commit each came from.
import type { MineIndex } from './mineIndex';

export function suiteReadme(index: MineIndex): string {
  const rows = Object.entries(index.mined)
    .map(([commit, mined]) => ({ commit, ...mined }))
    .sort((a, b) => a.task.localeCompare(b.task))
    .map((row) => `| ${row.task} | ${row.commit.slice(0, 12)} | ${row.subject.replace(/\|/g, '\\|')} |`);
  const rejected = Object.keys(index.rejected).length;
  return [
    '# Tasks mined from this project\'s history',
    '',
    'Each task is a commit that changed code and its tests together: the agent starts from the',
    'commit\'s parent with the commit\'s test changes applied (`tests.patch`), is asked for the change',
    'in the words of the commit message, and passes when the changed tests pass. Every task here',
    'failed before its commit and passed after it, twice each. Written by `ouro eval mine`; run with',
    '`ouro eval --suite .ouro/evals`.',
    '',
    '| task | commit | subject |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `${count(rows.length, 'task')}; ${count(rejected, 'commit')} looked at and turned down (why: \`mined.json\`).`,
    '',
  ].join('\n');
}

/** "1 task", "2 tasks". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
