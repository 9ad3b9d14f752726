// The result of "Try N Ways" as a Markdown document: a row per attempt (each check pass or FAIL,
// a FAIL linking to its output further down, the diff's size, tokens, cost), the winner starred,
// then each failing check's output. Pure.
import type { BestOfNResult } from '../../agent/worktrees/bestOfN';

export function bestOfMarkdown(title: string, result: BestOfNResult, checks: readonly string[], source?: string): string {
  const costs = result.attempts.some((attempt) => attempt.cost !== undefined);
  const header = ['', 'attempt', 'branch', ...checks.map((command) => code(command)), 'diff lines', 'files', 'tokens', ...(costs ? ['cost'] : [])];
  const rows = result.attempts.map((attempt, index) => [
    index === result.winner ? '★' : '',
    `${attempt.attempt}${attempt.ended === 'stop' ? '' : ` (${attempt.ended})`}`,
    code(attempt.branch),
    ...checks.map((_, i) => {
      const check = attempt.checks[i];
      return !check ? '–' : check.passed ? 'pass' : `[**FAIL**](#${anchorOf(attempt.attempt, i)})`;
    }),
    String(attempt.diffLines),
    String(attempt.changedFiles),
    attempt.tokens.toLocaleString('en-US'),
    ...(costs ? [attempt.cost === undefined ? '–' : `$${attempt.cost.toFixed(4)}`] : []),
  ]);
  const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`);
  const winner = result.winner === undefined ? undefined : result.attempts[result.winner];
  const verdict = winner
    ? `**Winner: attempt ${winner.attempt}** (${winner.checks.filter((check) => check.passed).length} of ${checks.length} checks passed, ${winner.diffLines} lines changed): review or apply it from the notification or the Sessions view.`
    : 'No attempt ran.';
  const failures = result.attempts.flatMap((attempt) =>
    attempt.checks.flatMap((check, i) => {
      if (check.passed) return [];
      const ended = check.timedOut ? 'timed out' : `exited ${check.exitCode ?? 'without a code'}`;
      return [`<a id="${anchorOf(attempt.attempt, i)}"></a>`, `### Attempt ${attempt.attempt}: ${code(check.command)} ${ended}`, '', fenced(check.output.trim() || '(no output)'), ''];
    }),
  );
  const errors = result.attempts.filter((attempt) => attempt.error).map((attempt) => `- Attempt ${attempt.attempt} ended with an error: ${attempt.error}`);
  return [
    `# Try ${result.attempts.length} ways: ${title}`,
    '',
    checks.length ? `Checks${source ? ` (from ${source})` : ''}: ${checks.map(code).join(', ')}.` : 'No checks were found (set `ouro.checks`, or name the test command in AGENTS.md): the smallest change wins.',
    '',
    ...table,
    '',
    verdict,
    ...(errors.length ? ['', ...errors] : []),
    ...(failures.length ? ['', '## Failing checks', '', ...failures] : []),
  ].join('\n').trimEnd() + '\n';
}

function anchorOf(attempt: number, check: number): string {
  return `attempt-${attempt}-check-${check + 1}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  return longest ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
