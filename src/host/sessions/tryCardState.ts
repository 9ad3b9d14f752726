// The "Try N ways" card's state, folded from the run's events: which attempt runs or is checked,
// each check as it ends, each attempt's score, then the winner. Pure: the chat posts each new
// card; a card saved before a reload comes back stopped if its run is gone.
import type { AttemptRun, BestOfNEvent, BestOfNResult, CheckResult } from '../../agent/worktrees/bestOfN';
import type { TryAttemptView, TryCardView, TryCheckView } from '../../protocol/tryCard';

export function newCard(id: string, title: string, of: number, checks: readonly string[], checkSource?: string): TryCardView {
  const attempts: TryAttemptView[] = Array.from({ length: of }, (_, i) => ({ attempt: i + 1, state: 'waiting', checks: [] }));
  return { id, title, of, checks: [...checks], ...(checkSource ? { checkSource } : {}), state: 'running', attempts };
}

export function foldEvent(card: TryCardView, event: BestOfNEvent): TryCardView {
  switch (event.type) {
    case 'attempt_started':
      return withAttempt(card, event.attempt, (row) => ({ ...row, branch: event.branch, state: 'running' }));
    case 'attempt_ended':
      return withAttempt(card, event.attempt, (row) => ({ ...row, ...variantOf(event.run), state: 'checking', ended: event.run.ended, tokens: event.run.tokens, ...(event.run.error ? { error: event.run.error } : {}), ...(event.run.cost !== undefined ? { cost: event.run.cost } : {}) }));
    case 'check_ended':
      return withAttempt(card, event.attempt, (row) => ({ ...row, checks: [...row.checks, checkView(event.check)] }));
    case 'attempt_scored': {
      const { result } = event;
      return withAttempt(card, result.attempt, (row) => ({
        ...row,
        state: 'scored',
        checks: result.checks.map(checkView),
        changedFiles: result.changedFiles,
        ...(result.added !== undefined ? { added: result.added } : {}),
        ...(result.removed !== undefined ? { removed: result.removed } : {}),
      }));
    }
  }
}

/** The run is over: the winner (if any), and the attempts never started dropped. */
export function finishCard(card: TryCardView, result: BestOfNResult, stopped: boolean): TryCardView {
  const winner = result.winner === undefined ? undefined : result.attempts[result.winner]?.attempt;
  const attempts = card.attempts.filter((row) => row.state !== 'waiting').map((row) => (row.state === 'running' || row.state === 'checking' ? { ...row, state: 'scored' as const } : row));
  return { ...card, attempts, state: stopped ? 'stopped' : 'done', ...(winner !== undefined ? { winner } : {}), ...(stopped ? { problem: 'Stopped before every attempt was scored.' } : {}) };
}

export function failCard(card: TryCardView, problem: string): TryCardView {
  return { ...card, state: 'failed', problem, attempts: card.attempts.filter((row) => row.state !== 'waiting') };
}

/** A card saved while its run went on, whose run is gone (the window reloaded): stopped. */
export function interrupted(card: TryCardView): TryCardView {
  return card.state === 'running' ? { ...finishCard(card, { attempts: [] }, true), problem: 'Interrupted: the window reloaded while it ran.' } : card;
}

/** The attempt a person chose: the one applied, else the winner. */
export function chosenAttempt(card: TryCardView): number | undefined {
  return card.attempts.find((row) => row.applied)?.attempt ?? card.winner;
}

/** "attempt 2 of 3: running" while it runs, for the card's header. */
export function progressOf(card: TryCardView): string | undefined {
  if (card.state !== 'running') return undefined;
  const current = card.attempts.find((row) => row.state === 'running' || row.state === 'checking');
  if (!current) return 'starting';
  return `attempt ${current.attempt} of ${card.of}: ${current.state === 'running' ? 'running' : `checking${card.checks.length ? ` (${current.checks.length} of ${card.checks.length})` : ''}`}`;
}

export function withAttempt(card: TryCardView, attempt: number, change: (row: TryAttemptView) => TryAttemptView): TryCardView {
  return { ...card, attempts: card.attempts.map((row) => (row.attempt === attempt ? change(row) : row)) };
}

function checkView(check: CheckResult): TryCheckView {
  return { command: check.command, passed: check.passed, timedOut: check.timedOut, exitCode: check.exitCode, output: check.output };
}

/** What an attempt ran with, when the attempts differ. */
function variantOf(run: AttemptRun): Pick<TryAttemptView, 'model' | 'temperature'> {
  return { ...(run.model !== undefined ? { model: run.model } : {}), ...(run.temperature !== undefined ? { temperature: run.temperature } : {}) };
}
