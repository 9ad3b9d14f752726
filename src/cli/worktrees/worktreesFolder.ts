// Where the CLI keeps worktree sessions: OURO_WORKTREES, else the user's state folder.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { nonEmpty } from '../args';

export function worktreesFolder(env: Record<string, string | undefined>): string {
  const chosen = nonEmpty(env.OURO_WORKTREES);
  if (chosen) return resolve(chosen);
  const state = nonEmpty(env.XDG_STATE_HOME) ?? (process.platform === 'win32' ? nonEmpty(env.LOCALAPPDATA) : undefined) ?? join(homedir(), '.local', 'state');
  return join(state, 'ouro', 'worktrees');
}

export { titleOf } from '../../agent/worktrees/branchName';
