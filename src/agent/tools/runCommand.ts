// run_command: a shell command line in a workspace folder. Deny rules refuse it without asking;
// an allow rule that covers every part of it runs it at once in the sandbox (outside one, see
// containedVerdict); anything else waits for approval.
import * as z from 'zod';
import { checkCommand, containedVerdict } from '../commands/commandPolicy';
import type { CommandRunResult } from '../commands/commandRunner';
import { join } from 'node:path';
import { gitDirLookAlikeAt } from '../workspace/gitDirLookAlike';
import { decideRun, withRunNote } from './runApproval';
import { defineTool } from './tool';
import { failure, reportingFailures } from './toolFailure';

const schema = z.object({
  command: z.string().describe('Shell command line (bash)'),
  cwd: z.string().optional().describe('Folder to run in; default the workspace folder'),
  timeout_s: z.number().positive().max(3600).optional().describe('Kill it after this many seconds; default 120'),
});

export const runCommandTool = defineTool({
  name: 'run_command',
  description: 'Run a shell command (tests, builds, git) and get its exit code and output. The user approves it unless a rule allows it.',
  schema,
  kind: 'execute',
  run: reportingFailures(async (args, ctx) => {
    const command = args.command.trim();
    if (command === '') return failure('command is empty: give the command line to run.');
    if (!ctx.commands) return failure('run_command is not available here: this host cannot run commands.');

    const folder = await ctx.workspace.resolve(args.cwd ?? '.');
    const stat = await ctx.workspace.stat(folder.display);
    if (stat?.type !== 'directory') return failure(`cwd "${args.cwd}" is not a folder in the workspace.`);
    const gitDir = await gitDirLookAlikeAt(folder.root, join(folder.root, folder.relative));
    if (gitDir !== undefined) {
      return failure(`Refused, not run: git would take ${gitDir} for a git directory (a HEAD beside a config, objects or refs) and run what its config says. Run commands in the workspace's own repository, not in a folder that looks like a git directory.`);
    }

    const verdict = containedVerdict(await checkCommand(command, ctx.commands.rules()), ctx.commands.isolation?.());
    if (verdict.action === 'deny') {
      return failure(`Refused, not run: ${verdict.reason}. A refusal stands whoever approves; do it another way or ask the user.`);
    }
    const detail = verdict.action === 'ask' ? `in ${folder.display} (asking because ${verdict.reason})` : `in ${folder.display}`;
    const decision = await decideRun(ctx, { kind: 'execute', title: command, detail, command }, verdict.action === 'ask', 'The user did not allow this command');
    if (!decision.run) return decision.result;

    const timeoutMs = args.timeout_s === undefined ? undefined : Math.round(args.timeout_s * 1000);
    const result = await ctx.commands.run(command, folder, { timeoutMs, signal: ctx.signal });
    return withRunNote({ content: describeRun(result), ...(result.exitCode === 0 ? {} : { isError: true }) }, decision);
  }),
});

export function describeRun(result: CommandRunResult): string {
  const took = formatDuration(result.durationMs);
  const summary = result.cancelled
    ? `Cancelled after ${took}: the command and everything it started were stopped.`
    : result.timedOut
      ? `Timed out after ${took}: the command and everything it started were killed. Pass a larger timeout_s if it needs longer.`
      : result.exitCode === null
        ? `Ended without an exit code after ${took}.`
        : `Exit code ${result.exitCode} after ${took}.`;
  const note = result.note ? ` ${result.note}` : '';
  return `${summary}${note}\n${result.output === '' ? '(no output)' : result.output}`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
