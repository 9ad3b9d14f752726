// Best of N: the same prompt in N worktree sessions, one after another (or as the caller runs
// them), then the project's checks in each; the winner passes the most checks with the smallest
// change. The caller runs the agent (`run`) and the checks (`runCheck`), so the CLI and the editor
// each bring their own; progress comes out as events. The losers are kept until discarded.
import { chooseAttempt } from './chooseAttempt';
import type { CopyEntry } from './copyFiles';
import type { WorktreeSession, WorktreeSessions } from './worktreeSessions';

export const MIN_ATTEMPTS = 2;
export const MAX_ATTEMPTS = 5;

export interface AttemptRun {
  /** The model it ran with, when the attempts' models differ. */
  model?: string;
  /** Its sampling temperature, when the attempts' temperatures differ. */
  temperature?: number;
  /** How the agent ended: stop (it finished), max_steps, error, cancelled... */
  ended: string;
  error?: string;
  tokens: number;
  /** In dollars, when the model's price is known. */
  cost?: number;
}

/** How the attempts may differ: models taken in turn, and a temperature for all but the first. */
export interface AttemptVariety {
  models?: readonly string[];
  temperature?: number;
}

/** What attempt `attempt` (1-based) runs with; an empty answer: the caller's own model, as it is. */
export function attemptVariant(attempt: number, variety: AttemptVariety): { model?: string; temperature?: number } {
  const model = variety.models?.length ? variety.models[(attempt - 1) % variety.models.length] : undefined;
  // The first attempt keeps the model's own sampling; the others spread out from it.
  const temperature = attempt > 1 ? variety.temperature : undefined;
  return { ...(model ? { model } : {}), ...(temperature !== undefined ? { temperature } : {}) };
}

export interface CheckResult {
  command: string;
  passed: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** What it printed, capped: the evidence behind a failure. */
  output: string;
}

export interface AttemptResult extends AttemptRun {
  /** 1-based. */
  attempt: number;
  branch: string;
  folder: string;
  checks: CheckResult[];
  changedFiles: number;
  diffLines: number;
  /** Lines added and removed (binary files not counted). */
  added?: number;
  removed?: number;
}

export interface BestOfNResult {
  attempts: AttemptResult[];
  /** Index into `attempts`; undefined when none ran. */
  winner?: number;
}

export type BestOfNEvent =
  | { type: 'attempt_started'; attempt: number; of: number; branch: string; folder: string }
  | { type: 'attempt_ended'; attempt: number; run: AttemptRun }
  | { type: 'check_ended'; attempt: number; check: CheckResult }
  | { type: 'attempt_scored'; result: AttemptResult };

export interface BestOfNOptions {
  sessions: WorktreeSessions;
  title: string;
  attempts: number;
  /** The checks' command lines (the project's: `findProjectChecks`), run in each worktree's workspace folder. */
  checks: readonly string[];
  copy?: readonly CopyEntry[];
  /** Runs the agent on the prompt in this session's `root`; `attempt` is 1-based (a caller may vary the model by it). */
  run(session: WorktreeSession, attempt: number): Promise<AttemptRun>;
  runCheck(command: string, session: WorktreeSession): Promise<CheckResult>;
  onEvent?(event: BestOfNEvent): void;
  signal?: AbortSignal;
}

export async function runBestOfN(options: BestOfNOptions): Promise<BestOfNResult> {
  if (!Number.isInteger(options.attempts) || options.attempts < MIN_ATTEMPTS || options.attempts > MAX_ATTEMPTS) {
    throw new RangeError(`best of N takes ${MIN_ATTEMPTS} to ${MAX_ATTEMPTS} attempts, not ${options.attempts}`);
  }
  const attempts: AttemptResult[] = [];
  for (let attempt = 1; attempt <= options.attempts && !options.signal?.aborted; attempt++) {
    const session = await options.sessions.create({ title: options.title, copy: options.copy });
    options.onEvent?.({ type: 'attempt_started', attempt, of: options.attempts, branch: session.branch, folder: session.root });
    let run: AttemptRun;
    try {
      run = await options.run(session, attempt);
    } catch (err) {
      run = { ended: 'error', error: err instanceof Error ? err.message : String(err), tokens: 0 };
    }
    await options.sessions.finish(session.branch, run.ended === 'stop' ? 'done' : 'failed');
    options.onEvent?.({ type: 'attempt_ended', attempt, run });
    const checks: CheckResult[] = [];
    for (const command of options.checks) {
      if (options.signal?.aborted) break;
      const check = await options.runCheck(command, session);
      checks.push(check);
      options.onEvent?.({ type: 'check_ended', attempt, check });
    }
    const diff = await options.sessions.diff(session.branch);
    const result: AttemptResult = { attempt, branch: session.branch, folder: session.root, ...run, checks, changedFiles: diff.files.length, diffLines: diff.lines, added: sum(diff.files.map((file) => file.added ?? 0)), removed: sum(diff.files.map((file) => file.removed ?? 0)) };
    attempts.push(result);
    options.onEvent?.({ type: 'attempt_scored', result });
  }
  const winner = chooseAttempt(attempts.map((result) => ({ finished: result.ended === 'stop', checksPassed: result.checks.filter((check) => check.passed).length, diffLines: result.diffLines, tokens: result.tokens })));
  return { attempts, ...(winner !== undefined ? { winner } : {}) };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
