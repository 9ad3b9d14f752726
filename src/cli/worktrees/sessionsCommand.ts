// `ouro sessions`: the worktree sessions of the workspace's repository (branch, title, state,
// age, changed files), and `diff`, `apply` and `discard` for one of them.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorktreeSessions, type ListedSession } from '../../agent/worktrees/worktreeSessions';
import { alignColumns } from '../eval/evalReport';
import type { CliIo } from './worktreeCommand';
import { worktreesFolder } from './worktreesFolder';

export const SESSIONS_USAGE = `Usage: ouro sessions [--cwd DIR] [--json]       list the worktree sessions
       ouro sessions diff BRANCH                 print a session's whole change
       ouro sessions apply BRANCH [--markers]    merge it into the workspace (nothing is
                                                 written if a file conflicts, unless
                                                 --markers: then with conflict markers)
       ouro sessions discard BRANCH...           remove the worktree, branch and record`;

export async function sessionsMain(argv: string[], io: CliIo, now = Date.now()): Promise<number> {
  const fail = (code: number, reason: string) => (io.stderr.write(`ouro sessions: ${reason}\n`), code);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { cwd: { type: 'string' }, json: { type: 'boolean' }, markers: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    return fail(2, `${(err as Error).message}\n${SESSIONS_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return (io.stdout.write(`${SESSIONS_USAGE}\n`), 0);
  const [verb = 'list', ...branches] = positionals;
  if (!['list', 'diff', 'apply', 'discard'].includes(verb)) return fail(2, `unknown command "${verb}"\n${SESSIONS_USAGE}`);
  if (verb !== 'list' && branches.length === 0) return fail(2, `${verb} needs a BRANCH (see ouro sessions)`);
  const sessions = await WorktreeSessions.open({ workspace: resolve(values.cwd ?? process.cwd()), folder: worktreesFolder(process.env) }).catch((err: Error) => err);
  if (sessions instanceof Error) return fail(2, sessions.message);
  try {
    switch (verb) {
      case 'list':
        return await list(sessions, io, values.json ?? false, now);
      case 'diff':
        io.stdout.write((await sessions.diff(branches[0])).patch);
        return 0;
      case 'apply':
        return await apply(sessions, branches[0], io, values.markers ?? false);
      default:
        for (const branch of branches) {
          await sessions.discard(branch);
          io.stdout.write(`discarded ${branch}\n`);
        }
        return 0;
    }
  } catch (err) {
    return fail(1, err instanceof Error ? err.message : String(err));
  }
}

async function list(sessions: WorktreeSessions, io: CliIo, json: boolean, now: number): Promise<number> {
  const listed = await sessions.list();
  const rows = await Promise.all(listed.map(async (session) => ({ session, changed: session.present ? (await sessions.diff(session.branch)).files.length : undefined })));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows.map(({ session, changed }) => ({ branch: session.branch, title: session.title, state: session.listedState, startedAt: session.startedAt, folder: session.root, changedFiles: changed ?? null })))}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write('No worktree sessions.\n');
    return 0;
  }
  const table = [['branch', 'title', 'state', 'age', 'changed files'], ...rows.map(({ session, changed }) => [session.branch, session.title, stateOf(session), age(now - Date.parse(session.startedAt)), changed === undefined ? '-' : String(changed)])];
  io.stdout.write(`${alignColumns(table, 3).join('\n')}\n`);
  return 0;
}

async function apply(sessions: WorktreeSessions, branch: string, io: CliIo, markers: boolean): Promise<number> {
  const result = await sessions.apply(branch, { onConflict: markers ? 'markers' : 'stop' });
  for (const file of result.files) io.stdout.write(`${file.outcome.padEnd(9)} ${file.path}\n`);
  for (const conflict of result.conflicts) io.stderr.write(`conflict: ${conflict.path}: ${conflict.why}\n`);
  if (!result.applied) io.stderr.write('Nothing was applied. Resolve by hand, or pass --markers to write the conflicting files with conflict markers.\n');
  return result.conflicts.length === 0 ? 0 : 1;
}

function stateOf(session: ListedSession): string {
  return session.present ? session.listedState : `${session.listedState} (folder gone)`;
}

/** 42 s, 5 min, 3 h, 2 d. */
export function age(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}
