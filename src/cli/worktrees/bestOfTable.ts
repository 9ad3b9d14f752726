// What `--best-of` prints: a row per attempt (each check pass/FAIL, the diff's size, tokens,
// cost), the last line of each failing check, the winner, and the commands that apply it or discard the rest. Pure.
import type { BestOfNResult, CheckResult } from '../../agent/worktrees/bestOfN';
import { alignColumns } from '../eval/evalReport';

export function formatBestOf(result: BestOfNResult, checks: readonly string[]): string {
  const costs = result.attempts.some((attempt) => attempt.cost !== undefined);
  const models = result.attempts.some((attempt) => attempt.model !== undefined);
  const header = ['attempt', 'branch', ...(models ? ['model'] : []), ...checks.map((command) => short(command)), 'diff lines', 'files', 'tokens', ...(costs ? ['cost'] : [])];
  const rows = result.attempts.map((attempt, index) => [
    `${attempt.attempt}${index === result.winner ? ' *' : ''}${attempt.ended === 'stop' ? '' : ` (${attempt.ended})`}`,
    attempt.branch,
    ...(models ? [attempt.model ?? '-'] : []),
    ...checks.map((_, i) => (attempt.checks[i] ? (attempt.checks[i].passed ? 'pass' : 'FAIL') : '-')),
    String(attempt.diffLines),
    String(attempt.changedFiles),
    attempt.tokens.toLocaleString('en-US'),
    ...(costs ? [attempt.cost === undefined ? '-' : `$${attempt.cost.toFixed(4)}`] : []),
  ]);
  const lines = alignColumns([header, ...rows], models ? 3 : 2);
  const winner = result.winner === undefined ? undefined : result.attempts[result.winner];
  if (!winner) return [...lines, '', 'No attempt ran.'].join('\n');
  const losers = result.attempts.filter((attempt) => attempt !== winner).map((attempt) => attempt.branch);
  const failures = result.attempts.flatMap((attempt) => attempt.checks.filter((check) => !check.passed).map((check) => `- attempt ${attempt.attempt}, ${check.command}: ${whyFailed(check)}`));
  return [
    ...lines,
    ...(failures.length > 0 ? ['', 'Failed checks (--json has their output):', ...failures] : []),
    '',
    `Winner: attempt ${winner.attempt} (${winner.checks.filter((check) => check.passed).length} of ${checks.length} checks passed, ${winner.diffLines} lines changed): ${winner.folder}`,
    `Apply it:            ouro sessions apply ${winner.branch}`,
    ...(losers.length > 0 ? [`Discard the others:  ouro sessions discard ${losers.join(' ')}`] : []),
  ].join('\n');
}

export function bestOfJson(result: BestOfNResult, checks: readonly string[]) {
  const winner = result.winner === undefined ? undefined : result.attempts[result.winner];
  return { checks, attempts: result.attempts, winner: winner?.attempt ?? null, branch: winner?.branch ?? null };
}

/** The failure's last line of output, or how it ended. */
function whyFailed(check: CheckResult): string {
  const last = check.output.trim().split('\n').filter(Boolean).at(-1)?.trim();
  const ended = check.timedOut ? 'timed out' : `exited ${check.exitCode ?? 'without a code'}`;
  return last ? `${ended}: ${last.length <= 160 ? last : `${last.slice(0, 159)}…`}` : ended;
}

function short(command: string): string {
  return command.length <= 24 ? command : `${command.slice(0, 23)}…`;
}
