// What the Sessions view shows of a worktree session, worked out without the editor: its state
// in words a person reads (running / waiting for you / done / failed / interrupted), how long it
// ran, and how many files it changed. The tree item is built from this.
import type { ListedSession } from '../../agent/worktrees/worktreeSessions';
import type { SessionRowView } from '../../protocol/messages';

export type RowState = SessionRowView['state'];

export interface SessionRow {
  branch: string;
  title: string;
  state: RowState;
  /** Milliseconds from its start to its end, or to now while it runs. */
  elapsed: number;
  /** undefined while not known (the worktree is gone, or its diff could not be read). */
  changedFiles?: number;
  /** The worktree's folder is there: it can be reviewed, applied and opened. */
  present: boolean;
  /** A session that runs in the workspace itself, not in a worktree. */
  here?: boolean;
  /** What it does now, said instead of its state (it waits for the workspace's write lock). */
  note?: string;
}

export interface RowLook {
  label: string;
  description: string;
  tooltip: string;
  /** For the context menu's `viewItem`: worktreeSessionRunning, …Finished (apply, discard) or …Gone (discard only). */
  contextValue: string;
  /** A codicon. */
  icon: string;
}

const STATE_WORDS: Record<RowState, string> = { running: 'running', waiting: 'waiting for you', done: 'done', failed: 'failed', stopped: 'stopped', interrupted: 'interrupted' };
const STATE_ICONS: Record<RowState, string> = { running: 'sync~spin', waiting: 'bell-dot', done: 'pass', failed: 'error', stopped: 'debug-stop', interrupted: 'debug-disconnect' };

export function rowOf(session: ListedSession, options: { now: number; waiting: boolean; changedFiles?: number }): SessionRow {
  const started = Date.parse(session.startedAt);
  const ended = session.endedAt ? Date.parse(session.endedAt) : options.now;
  const state: RowState = session.listedState === 'running' && options.waiting ? 'waiting' : session.listedState;
  return {
    branch: session.branch,
    title: session.title,
    state,
    elapsed: Number.isFinite(started) && Number.isFinite(ended) ? Math.max(0, ended - started) : 0,
    ...(options.changedFiles !== undefined ? { changedFiles: options.changedFiles } : {}),
    present: session.present,
  };
}

export function lookOf(row: SessionRow): RowLook {
  const files = row.changedFiles === undefined ? undefined : `${row.changedFiles} file${row.changedFiles === 1 ? '' : 's'}`;
  const state = row.note ?? STATE_WORDS[row.state];
  const where = row.here ? 'here' : row.present ? files : 'worktree gone';
  const description = [state, formatElapsed(row.elapsed), where].filter(Boolean).join(' · ');
  const place = row.here ? 'Runs here, in the workspace: each edit asks first' : `Branch ${row.branch}`;
  const tooltip = [`${row.title}`, place, `State: ${state}, for ${formatElapsed(row.elapsed)}`, row.here || row.present ? (files && !row.here ? `${files} changed` : '') : 'The worktree folder is gone: only Discard is left.'].filter(Boolean).join('\n');
  const finished = row.state !== 'running' && row.state !== 'waiting';
  const contextValue = row.here ? 'hereSession' : `worktreeSession${!row.present ? 'Gone' : finished ? 'Finished' : 'Running'}`;
  return { label: row.title, description, tooltip, contextValue, icon: STATE_ICONS[row.state] };
}

/** A row as the chat view's session list shows it (the same words as the Sessions view). */
export function viewOf(row: SessionRow): SessionRowView {
  const look = lookOf(row);
  return { branch: row.branch, title: row.title, state: row.state, description: look.description, tooltip: look.tooltip };
}

/** 45s, 3m 05s, 2h 07m. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** The views' badge: how many sessions wait for the person. */
export function waitingBadge(rows: readonly SessionRow[]): { value: number; tooltip: string } | undefined {
  const count = rows.filter((row) => row.state === 'waiting').length;
  return count ? { value: count, tooltip: `${count} session${count === 1 ? '' : 's'} waiting for you` } : undefined;
}
