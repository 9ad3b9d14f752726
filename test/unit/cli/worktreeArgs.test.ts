import { strict as assert } from 'node:assert';
import { parseCliArgs, type CliOptions } from '../../../src/cli/args';

describe('the worktree flags', () => {
  const parse = (...argv: string[]) => parseCliArgs([...argv, 'do it'], {}, '/here') as CliOptions;

  it('reads --worktree, --best-of, --check, --attempt-model and --copy', () => {
    const options = parse('--best-of', '3', '--check', 'npm test', '--check', 'npx tsc --noEmit', '--attempt-model', 'a', '--attempt-model', 'b', '--copy', '.env.example:.env', '--copy', 'config/local.json');
    assert.equal(options.bestOf, 3);
    assert.deepEqual(options.checks, ['npm test', 'npx tsc --noEmit']);
    assert.deepEqual(options.attemptModels, ['a', 'b']);
    assert.deepEqual(options.copy, [{ from: '.env.example', to: '.env' }, { from: 'config/local.json' }]);
    assert.equal(parse('--worktree').worktree, true);
    assert.equal(parse().worktree, undefined);
  });

  const refused: Array<[string[], RegExp]> = [
    [['--best-of', '6'], /--best-of must be a whole number from 2 to 5, not "6"/],
    [['--best-of', 'two'], /--best-of must be a whole number from 2 to 5/],
    [['--attempt-model', 'a'], /pass --best-of N too/],
    [['--copy', '.env'], /--copy fills new worktrees: pass --worktree or --best-of N too/],
    [['--worktree', '--copy', '../secrets:.env'], /--copy \.\.\/secrets:\.env: .*is not a path inside the repository/],
    [['--worktree', '--copy', '/etc/passwd'], /is not a path inside the repository/],
  ];
  for (const [argv, message] of refused) it(`refuses ${argv.join(' ')}`, () => assert.throws(() => parse(...argv), message));
});
