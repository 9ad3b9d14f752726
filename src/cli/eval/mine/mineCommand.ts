// `ouro eval mine`: turn the project's history into eval tasks (see mineSuite.ts).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mineSuite, type MineOptions } from './mineSuite';
import { count } from './suiteReadme';

export const MINE_USAGE = `Usage: ouro eval mine [--project DIR] [options]

Walks the project's git history (first parents of HEAD, newest first) for commits that change
code and tests together, and keeps each whose tests fail before it and pass after it (twice
each, in the sandbox) as an eval task in .ouro/evals. Mining again tries only new commits.

Options:
  --project DIR          the project (default: the current folder)
  --since REV            only commits after REV
  --max N                at most N new tasks (default 20)
  --check CMD            the test command (default: the ouro.checks setting's, AGENTS.md's, or
                         package.json's test script), narrowed to each commit's test files
                         where the runner takes files
  --check-timeout S      seconds each check may take (default 300)
  -h, --help             show this help`;

interface Output {
  write(text: string): void;
}

export function parseMineArgs(argv: string[], cwd: string): Omit<MineOptions, 'signal' | 'onCommit'> | 'help' | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        since: { type: 'string' },
        max: { type: 'string' },
        check: { type: 'string' },
        'check-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return (err as Error).message;
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const max = Number(values.max ?? 20);
  if (!Number.isInteger(max) || max < 1 || max > 1000) return `--max must be a whole number from 1 to 1000, not "${values.max}"`;
  const timeout = Number(values['check-timeout'] ?? 300);
  if (!(timeout > 0 && timeout <= 3600)) return `--check-timeout must be seconds from 1 to 3600, not "${values['check-timeout']}"`;
  if (values.check !== undefined && !values.check.trim()) return '--check needs a command';
  return { project: resolve(cwd, values.project ?? '.'), since: values.since, max, check: values.check, checkTimeoutMs: timeout * 1000 };
}

/** Exit 0 when mining ran (whatever it found), 2 for a bad command line or project. */
export async function mineMain(argv: string[], io: { stdout: Output; stderr: Output; signal?: AbortSignal }): Promise<number> {
  const options = parseMineArgs(argv, process.cwd());
  if (options === 'help') return (io.stdout.write(`${MINE_USAGE}\n`), 0);
  if (typeof options === 'string') return (io.stderr.write(`ouro eval mine: ${options}\n${MINE_USAGE}\n`), 2);
  const outcome = await mineSuite({
    ...options,
    signal: io.signal,
    onCommit: (commit, verdict) => io.stderr.write(`${commit.id.slice(0, 12)} ${commit.message.split('\n')[0]}: ${verdict.kept ? `task ${verdict.task}` : `turned down (${verdict.reason})`}\n`),
  }).catch((err: Error) => err);
  if (outcome instanceof Error) return (io.stderr.write(`ouro eval mine: ${outcome.message}\n`), 2);
  if (io.signal?.aborted) return (io.stderr.write('ouro eval mine: cancelled\n'), 130);
  const found = outcome.added.length === 0 ? 'No new task' : `${count(outcome.added.length, 'new task')} (${outcome.added.join(', ')})`;
  io.stdout.write(`${found} in ${outcome.suite}; ${count(outcome.rejected, 'commit')} turned down. The check: ${outcome.command}, narrowed to each commit's tests.\n`);
  return 0;
}
