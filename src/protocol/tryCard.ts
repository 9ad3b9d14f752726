// "Try N ways" as the chat shows it: one card per run, a row per attempt with its state, its
// checks (each one's output kept, so a failure's evidence is one click away), the size of its
// change, its tokens and cost, and the winner. The host folds the run's events into it (the
// pure functions in src/host/sessions/tryCardState.ts); the webview only draws it.

export interface TryCheckView {
  command: string;
  passed: boolean;
  timedOut: boolean;
  exitCode: number | null;
  /** What it printed, capped. */
  output: string;
}

export type TryAttemptState = 'waiting' | 'running' | 'checking' | 'scored' | 'discarded';

export interface TryAttemptView {
  /** 1-based. */
  attempt: number;
  branch?: string;
  state: TryAttemptState;
  /** How its agent ended: stop (it finished), max_steps, error, cancelled... */
  ended?: string;
  error?: string;
  checks: TryCheckView[];
  changedFiles?: number;
  added?: number;
  removed?: number;
  tokens?: number;
  /** In dollars, when the model's price is known. */
  cost?: number;
  /** Applied to the workspace from the card. */
  applied?: boolean;
  /** What it ran with when the attempts differ (ouro.tryWays): another model, a temperature. */
  model?: string;
  temperature?: number;
}

export interface TryCardView {
  id: string;
  /** The prompt's title (its first words). */
  title: string;
  /** N. */
  of: number;
  /** The project's check commands, and where they came from (ouro.checks, AGENTS.md, package.json). */
  checks: string[];
  checkSource?: string;
  state: 'running' | 'done' | 'stopped' | 'failed';
  attempts: TryAttemptView[];
  /** The winning attempt's number. */
  winner?: number;
  /** Why it failed or stopped. */
  problem?: string;
  /** The attempts other than the chosen one were discarded. */
  othersDiscarded?: boolean;
}
